/**
 * What `npm start` runs: the demo without configuration, the service once a tenant is configured in the
 * environment or `.env` (the environment wins over the file), and a configured start that is wrong stops with
 * every bad variable named instead of falling back to the demo.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadDotEnv, serviceDefaults, startMode } from '../../server/config/start';

const ROOT = path.resolve(__dirname, '../..');

describe('start mode', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'calsync-start-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('nothing configured is the demo; any tenant or store setting is the service; CALSYNC_MODE decides when set', () => {
    expect(startMode({})).toBe('demo');
    expect(startMode({ PORT: '8080', LOG_LEVEL: 'debug' })).toBe('demo');
    expect(startMode({ CALSYNC_TENANT_ID: 'x' })).toBe('service');
    expect(startMode({ COSMOS_ENDPOINT: 'https://a' })).toBe('service');
    expect(startMode({ CALSYNC_API_AUDIENCE: '  ' })).toBe('demo');
    expect(startMode({ CALSYNC_TENANT_ID: 'x', CALSYNC_MODE: 'demo' })).toBe('demo');
    expect(startMode({ CALSYNC_MODE: 'Service' })).toBe('service');
    expect(() => startMode({ CALSYNC_MODE: 'prod' })).toThrow('CALSYNC_MODE: expected demo or service, got "prod"');
  });

  test('.env fills what the environment leaves unset, never overrides it; a named file must exist', () => {
    fs.writeFileSync(path.join(dir, '.env'), '# CalSync\nCALSYNC_TENANT_ID=from-file\nexport PORT=9000\nCALSYNC_CLIENT_SECRET="quoted value"\n');
    const env: NodeJS.ProcessEnv = { PORT: '8080' };
    expect(loadDotEnv(env, dir)).toBe(path.join(dir, '.env'));
    expect(env).toEqual({ PORT: '8080', CALSYNC_TENANT_ID: 'from-file', CALSYNC_CLIENT_SECRET: 'quoted value' });
    expect(loadDotEnv({}, path.join(dir, 'nowhere'))).toBeUndefined();
    expect(() => loadDotEnv({ CALSYNC_ENV_FILE: 'missing.env' }, dir)).toThrow(/CALSYNC_ENV_FILE: .*missing\.env does not exist/);
  });

  test('the service starts with the sync on unless told otherwise', () => {
    const env: NodeJS.ProcessEnv = {};
    serviceDefaults(env, dir);
    expect(env.CALSYNC_SYNC).toBe('on');
    const off: NodeJS.ProcessEnv = { CALSYNC_SYNC: 'off' };
    serviceDefaults(off, dir);
    expect(off.CALSYNC_SYNC).toBe('off');
  });

  test('a configured start with bad values names each one and exits 2 (no silent demo)', async () => {
    fs.writeFileSync(path.join(dir, 'calsync.env'), 'CALSYNC_TENANT_ID=contoso.com\nCALSYNC_STORE=cosmos\n');
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/start-main.ts'], {
      cwd: ROOT,
      env: { PATH: process.env.PATH, CALSYNC_ENV_FILE: path.join(dir, 'calsync.env'), PORT: '0' },
    });
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(err).toContain(`calsync: read ${path.join(dir, 'calsync.env')}`);
    expect(err).toMatch(/^config: CALSYNC_API_AUDIENCE: is required$/m);
    expect(err).toMatch(/^config: COSMOS_ENDPOINT: required when CALSYNC_STORE=cosmos$/m);
    expect(err).toMatch(/^config: CALSYNC_TENANT_ID: expected the directory \(tenant\) GUID$/m);
    expect(err).toMatch(/^config: CALSYNC_CLIENT_SECRET: a credential is required/m);
    expect(err).not.toMatch(/LOCAL DEMO/);
    expect(code).toBe(2);
  });
});
