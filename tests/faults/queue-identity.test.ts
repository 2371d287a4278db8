/**
 * CALSYNC_QUEUE_ACCOUNT_URL: the queue opened with DefaultAzureCredential and no key. Azurite serves https and
 * checks bearer tokens' claims (issuer, audience, lifetime; not signatures); the identity is a managed identity as
 * App Service provides it (IDENTITY_ENDPOINT + IDENTITY_HEADER), answered here by a local endpoint. A token for
 * the wrong audience is refused, so the round trip below really went through token authentication.
 */
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { createSandboxCertificate } from '../../graph-sandbox/src/tls';
import { tempSqliteDir, type TempDir } from '../support/sqlite';
import { startAzurite, type TestAzurite } from '../sync/support/azurite';
import { killAllWorkers, WorkerProcess } from './support/worker-process';

const HEADER = 'identity-header-secret';
const b64 = (v: unknown): string => Buffer.from(typeof v === 'string' ? v : JSON.stringify(v)).toString('base64url');

/** A JWT with Entra ID's claims; Azurite's basic OAuth mode does not check the signature. */
function token(audience: string): string {
  const now = Math.floor(Date.now() / 1000);
  const tid = 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee';
  const claims = {
    iss: `https://sts.windows.net/${tid}/`,
    aud: audience,
    tid,
    oid: '11111111-2222-3333-4444-555555555555',
    iat: now - 60,
    nbf: now - 60,
    exp: now + 3600,
  };
  return `${b64({ alg: 'RS256', typ: 'JWT' })}.${b64(claims)}.${b64('not-checked')}`;
}

describe('queue opened with DefaultAzureCredential (CALSYNC_QUEUE_ACCOUNT_URL)', () => {
  let temp: TempDir;
  let azurite: TestAzurite;
  let identity: http.Server;
  let audience = 'https://storage.azure.com';
  const resources: string[] = [];
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    temp = tempSqliteDir('calsync-queue-identity-');
    const cert = await createSandboxCertificate();
    const file = (name: string, text: string): string => {
      const p = path.join(temp.dir, name);
      fs.writeFileSync(p, text);
      return p;
    };
    const caFile = file('ca.pem', cert.caPem);
    azurite = await startAzurite({ oauth: { certFile: file('cert.pem', cert.certPem), keyFile: file('key.pem', cert.keyPem) } });
    // App Service's managed identity endpoint: GET ?resource=…&api-version=2019-08-01 with X-IDENTITY-HEADER.
    identity = http.createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      if (req.headers['x-identity-header'] !== HEADER) return void res.writeHead(401).end();
      resources.push(url.searchParams.get('resource') ?? '');
      const expiresOn = String(Math.floor(Date.now() / 1000) + 3600);
      res
        .writeHead(200, { 'Content-Type': 'application/json' })
        .end(JSON.stringify({ access_token: token(audience), expires_on: expiresOn, resource: url.searchParams.get('resource'), token_type: 'Bearer' }));
    });
    await new Promise<void>((resolve) => identity.listen(0, '127.0.0.1', resolve));
    env = {
      NODE_EXTRA_CA_CERTS: caFile,
      IDENTITY_ENDPOINT: `http://127.0.0.1:${(identity.address() as AddressInfo).port}/msi/token`,
      IDENTITY_HEADER: HEADER,
      CALSYNC_QUEUE: 'storage',
      CALSYNC_QUEUE_ACCOUNT_URL: azurite.accountUrl,
    };
  }, 30_000);

  afterAll(async () => {
    await killAllWorkers();
    identity?.closeAllConnections();
    await new Promise<void>((resolve) => (identity ? identity.close(() => resolve()) : resolve()));
    await azurite?.close();
    temp?.remove();
  });

  const roundTrip = (queueName: string): WorkerProcess =>
    new WorkerProcess({ ...env, CALSYNC_QUEUE_NAME: queueName }, path.join('tests', 'faults', 'scripts', 'queue-round-trip.ts'));

  test('a job goes through a queue opened with a managed identity token', async () => {
    const run = roundTrip('identity-ok');
    expect(await run.exited).toEqual({ code: 0, signal: null });
    expect(JSON.parse(run.log)).toEqual({ job: { tenantId: 'tenant', mailboxId: 'ada@contoso.com', reason: 'schedule' }, completed: true });
    expect(resources).toContain('https://storage.azure.com');
  }, 30_000);

  test('a token for another audience is refused', async () => {
    audience = 'https://graph.microsoft.com';
    const tokensBefore = resources.length;
    const run = roundTrip('identity-refused');
    expect((await run.exited).code).toBe(1);
    // A token was fetched and sent, and Azurite refused it.
    expect(resources.length).toBeGreaterThan(tokensBefore);
    expect(run.log.trim()).toBe('RestError 403 AuthenticationFailed');
  }, 30_000);
});
