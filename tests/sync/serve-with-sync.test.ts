/**
 * `npm run serve` with CALSYNC_SYNC=on, as a real process: it syncs the enrolled mailboxes at start, applies
 * a rule saved through its API without waiting for the schedule, and stops cleanly on SIGTERM. A sync config
 * with problems stops it at start, naming every variable.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import path from 'node:path';
import request from 'supertest';
import { planSyncHost } from '../../server/config/sync';
import { startTestIssuer, type TestIssuer } from '../support/token-issuer';
import { claimsFor, USERS } from '../support/tokens';
import { startCliStack, type CliStack } from '../cli/support/cli-stack';
import { ADA, BO, categoriesOf } from './support/team';

const ROOT = path.resolve(__dirname, '../..');

function serve(env: NodeJS.ProcessEnv): ChildProcessWithoutNullStreams {
  return spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], { cwd: ROOT, env: { PATH: process.env.PATH, ...env } });
}

function exited(child: ChildProcessWithoutNullStreams): Promise<number | null> {
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

async function until(what: string, probe: () => boolean, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!probe()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('npm run serve with CALSYNC_SYNC=on', () => {
  let stack: CliStack;
  let issuer: TestIssuer;
  let env: NodeJS.ProcessEnv;
  beforeAll(async () => {
    stack = await startCliStack({ rules: [] });
    issuer = await startTestIssuer();
    env = { ...stack.env, PORT: '0', LOG_LEVEL: 'info', CALSYNC_SYNC: 'on', CALSYNC_API_AUDIENCE: issuer.audience, CALSYNC_JWKS_URL: issuer.jwksUrl };
  });
  afterAll(async () => {
    await issuer.close();
    await stack.close();
  });

  test('syncs at start, applies a rule saved through its API at once, and exits 0 on SIGTERM', async () => {
    const child = serve(env);
    const exit = exited(child);
    let log = '';
    child.stdout.on('data', (d: Buffer) => (log += d.toString()));
    child.stderr.on('data', (d: Buffer) => (log += d.toString()));
    try {
      await until('the API to listen', () => /"msg":"CalSync API listening"/.test(log));
      const port = Number(/"port":(\d+)[^\n]*CalSync API listening/.exec(log)?.[1]);
      const api = `http://127.0.0.1:${port}`;
      await request(api).get('/healthz').expect(200);
      // No rules yet: the first rounds commit without stamping anything.
      await until('both mailboxes swept', () => (log.match(/"msg":"mailbox round done"/g) ?? []).length >= 2);

      const token = await issuer.mint({ claims: claimsFor({ ...USERS.adminA, tid: stack.sandbox.tenantId }) });
      const rule = {
        name: 'Focus time',
        scope: 'org',
        enabled: true,
        order: 1,
        when: { field: 'subject', op: 'contains', value: 'focus' },
        then: { category: 'Focus', color: 'preset7', stop: false },
      };
      await request(api).post('/api/rules').set('Authorization', `Bearer ${token}`).send(rule).expect(201);
      await until(
        'the rule applied in both mailboxes',
        () => categoriesOf(stack.sandbox, ADA, 'Focus block').includes('Focus') && categoriesOf(stack.sandbox, BO, 'Focus on taxes').includes('Focus'),
      );
      expect(log).not.toContain(stack.sandbox.app.clientSecret);
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exit).toBe(0);
  });

  test('a sync config with problems names each variable and exits 2 before listening', async () => {
    const child = serve({ ...env, CALSYNC_TENANT_ID: 'contoso.com', CALSYNC_PUBLIC_URL: 'http://calsync.contoso.com', CALSYNC_API_AUDIENCE: '' });
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    expect(await exited(child)).toBe(2);
    expect(err).toMatch(/^config: CALSYNC_API_AUDIENCE: is required$/m);
    expect(err).toMatch(/^config: CALSYNC_PUBLIC_URL: expected the public https origin/m);
    expect(err).toMatch(/^config: CALSYNC_TENANT_ID: expected the directory \(tenant\) GUID$/m);
    expect(err).not.toMatch(/listening/);
  });

  test('sync off needs no Graph variables; scheduling without workers needs a shared queue', () => {
    expect(planSyncHost({ CALSYNC_SYNC: 'off' })).toBeUndefined();
    expect(planSyncHost({})).toBeUndefined();
    expect(() => planSyncHost({ ...env, CALSYNC_SYNC_WORKERS: '0' })).toThrow(/CALSYNC_SYNC_WORKERS: 0 needs CALSYNC_QUEUE=storage/);
    expect(planSyncHost({ ...env, CALSYNC_SYNC_WORKERS: '2', CALSYNC_PUBLIC_URL: 'https://calsync.contoso.com/' })?.host).toMatchObject({
      workers: 2,
      publicUrl: 'https://calsync.contoso.com',
    });
  });
});
