import fs from 'node:fs';
import path from 'node:path';
import { loadGraphConfig } from '../../server/config/graph';
import { tempSqliteDir } from '../support/sqlite';
import { runCaptured } from './support/cli-run';
import { problemVariables } from '../support/config-problems';

const variables = (fn: () => unknown): string[] => problemVariables(fn).sort();

const good = {
  CALSYNC_TENANT_ID: 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee',
  CALSYNC_CLIENT_ID: '11111111-2222-3333-4444-555555555555',
  CALSYNC_CLIENT_SECRET: 's',
};

describe('sync configuration', () => {
  it('names every missing variable, and sync exits 2 before touching anything', async () => {
    const temp = tempSqliteDir('calsync-cli-');
    try {
      const dbPath = path.join(temp.dir, 'never.db');
      const result = await runCaptured(['sync'], { CALSYNC_SQLITE_PATH: dbPath });
      expect(result.code).toBe(2);
      expect(result.stderr).toContain('config: CALSYNC_TENANT_ID: is required');
      expect(result.stderr).toContain('config: CALSYNC_CLIENT_ID: is required');
      expect(result.stderr).toMatch(/config: CALSYNC_CLIENT_SECRET: a credential is required/);
      expect(fs.existsSync(dbPath)).toBe(false);
    } finally {
      temp.remove();
    }
  });

  it('refuses a --tenant that is not a tenant id before opening the store', async () => {
    const temp = tempSqliteDir('calsync-cli-');
    try {
      const dbPath = path.join(temp.dir, 'never.db');
      const result = await runCaptured(['sync', '--tenant', 'contoso.com'], { ...good, CALSYNC_SQLITE_PATH: dbPath });
      expect(result.code).toBe(2);
      expect(result.stderr).toContain('--tenant: a tenant id is a GUID');
      expect(fs.existsSync(dbPath)).toBe(false);
    } finally {
      temp.remove();
    }
  });

  it('names bad values', () => {
    expect(variables(() => loadGraphConfig({ ...good, CALSYNC_GRAPH_BASE_URL: 'http://graph.example.com' }))).toEqual(['CALSYNC_GRAPH_BASE_URL']);
    expect(variables(() => loadGraphConfig({ ...good, CALSYNC_AUTHORITY_HOST: 'not a url' }))).toEqual(['CALSYNC_AUTHORITY_HOST']);
    expect(variables(() => loadGraphConfig({ ...good, CALSYNC_TENANT_ID: 'no tenant' }))).toEqual(['CALSYNC_TENANT_ID']);
    expect(variables(() => loadGraphConfig({ ...good, CALSYNC_TENANT_ID: 'contoso.onmicrosoft.com' }))).toEqual(['CALSYNC_TENANT_ID']);
    expect(variables(() => loadGraphConfig({ ...good, CALSYNC_CLIENT_ID: 'abc' }))).toEqual(['CALSYNC_CLIENT_ID']);
    expect(variables(() => loadGraphConfig({ ...good, CALSYNC_MANAGED_IDENTITY: 'yes' }))).toEqual(['CALSYNC_MANAGED_IDENTITY']);
    expect(variables(() => loadGraphConfig({ ...good, CALSYNC_GRAPH_CA_FILE: '/nonexistent/ca.pem' }))).toEqual(['CALSYNC_GRAPH_CA_FILE']);
    expect(variables(() => loadGraphConfig({ ...good, CALSYNC_CLIENT_SECRET: '', CALSYNC_CLIENT_CERTIFICATE_PATH: '/nonexistent/cert.pem' }))).toEqual([
      'CALSYNC_CLIENT_CERTIFICATE_PATH',
    ]);
    // Two credentials at once is ambiguous: refused rather than one silently preferred.
    expect(variables(() => loadGraphConfig({ ...good, CALSYNC_MANAGED_IDENTITY: 'true' }))).toEqual(['CALSYNC_MANAGED_IDENTITY']);
  });

  it('names a bad value and a missing one together', () => {
    expect(variables(() => loadGraphConfig({ CALSYNC_CLIENT_SECRET: 's', CALSYNC_CLIENT_ID: 'abc', CALSYNC_GRAPH_BASE_URL: 'ftp://x' }))).toEqual([
      'CALSYNC_CLIENT_ID',
      'CALSYNC_GRAPH_BASE_URL',
      'CALSYNC_TENANT_ID',
    ]);
  });

  it('accepts one credential of each kind, with Microsoft endpoints by default', () => {
    expect(loadGraphConfig(good)).toMatchObject({ graphBaseUrl: 'https://graph.microsoft.com', credential: { kind: 'secret', authorityHost: undefined } });
    expect(loadGraphConfig({ CALSYNC_TENANT_ID: good.CALSYNC_TENANT_ID, CALSYNC_MANAGED_IDENTITY: 'true' }).credential).toEqual({
      kind: 'managedIdentity',
      clientId: undefined,
      tenantId: good.CALSYNC_TENANT_ID,
      federatedAppClientId: undefined,
    });
  });

  it('refuses store settings it cannot use, naming the variable', async () => {
    const temp = tempSqliteDir('calsync-cli-');
    try {
      const ca = path.join(temp.dir, 'ca.pem');
      fs.writeFileSync(ca, '-----BEGIN CERTIFICATE-----\n-----END CERTIFICATE-----\n');
      const result = await runCaptured(['sync', '--dry-run'], { ...good, CALSYNC_GRAPH_CA_FILE: ca, CALSYNC_STORE: 'cosmos' });
      expect(result.code).toBe(2);
      expect(result.stderr).toContain('config: COSMOS_ENDPOINT: required when CALSYNC_STORE=cosmos');
    } finally {
      temp.remove();
    }
  });
});
