/**
 * `npm run serve` with CALSYNC_SYNC=off, as a real process: a rule saved through its API still reaches the sync
 * at once, as an entry in the store's notification inbox for each affected mailbox, which the instance that
 * schedules drains into its queue (server/compose/inbox-resync.ts).
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import request from 'supertest';
import { openSqliteStores } from '../../server/store/sqlite';
import { startTestIssuer, type TestIssuer } from '../support/token-issuer';
import { claimsFor, USERS } from '../support/tokens';
import { startCliStack, type CliStack } from '../cli/support/cli-stack';
import { ADA, BO } from './support/team';

const ROOT = path.resolve(__dirname, '../..');

let stack: CliStack;
let issuer: TestIssuer;
beforeAll(async () => {
  stack = await startCliStack({ rules: [] });
  issuer = await startTestIssuer();
});
afterAll(async () => {
  await issuer.close();
  await stack.close();
});

/** The child's output so far, and a wait for a line matching a pattern (an event on its output, no polling). */
function watch(child: ChildProcessWithoutNullStreams): { log(): string; line(pattern: RegExp): Promise<RegExpExecArray> } {
  let log = '';
  const waiters: { pattern: RegExp; resolve: (m: RegExpExecArray) => void; reject: (e: Error) => void }[] = [];
  const check = () => {
    for (const w of [...waiters]) {
      const m = w.pattern.exec(log);
      if (m) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(m);
      }
    }
  };
  const onData = (d: Buffer) => {
    log += d.toString();
    check();
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  child.once('exit', (code) => {
    for (const w of waiters.splice(0)) w.reject(new Error(`exited ${code} before ${w.pattern}:\n${log}`));
  });
  return {
    log: () => log,
    line: (pattern) =>
      new Promise((resolve, reject) => {
        waiters.push({ pattern, resolve, reject });
        check();
      }),
  };
}

test('an org rule saved on an API instance without the sync parks a resync of every enrolled mailbox', async () => {
  const env = { ...stack.env, PORT: '0', LOG_LEVEL: 'info', CALSYNC_SYNC: 'off', CALSYNC_API_AUDIENCE: issuer.audience, CALSYNC_JWKS_URL: issuer.jwksUrl };
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], { cwd: ROOT, env: { PATH: process.env.PATH, ...env } });
  const output = watch(child);
  try {
    const port = Number((await output.line(/"port":(\d+)[^\n]*CalSync API listening/))[1]);
    expect(output.log()).toMatch(/"sync":"off"/);
    const token = await issuer.mint({ claims: claimsFor({ ...USERS.adminA, tid: stack.sandbox.tenantId }) });
    const rule = {
      name: 'Focus time',
      scope: 'org',
      enabled: true,
      order: 1,
      when: { field: 'subject', op: 'contains', value: 'focus' },
      then: { category: 'Focus', color: 'preset7', stop: false },
    };
    await request(`http://127.0.0.1:${port}`).post('/api/rules').set('Authorization', `Bearer ${token}`).send(rule).expect(201);
    // The hook runs after the answer (app.ts); its log line says the entries are durable.
    expect((await output.line(/"mailboxes":(\d+)[^\n]*resync parked for the instance that schedules/))[1]).toBe('2');
    const stores = openSqliteStores({ path: String(stack.env.CALSYNC_SQLITE_PATH) });
    try {
      const parked = await stores.notificationInbox.pending(10);
      expect(parked.map((e) => [e.tenantId, e.mailboxId.toLowerCase(), e.full]).sort()).toEqual(
        [ADA, BO].map((m) => [stack.sandbox.tenantId, m.toLowerCase(), false]).sort(),
      );
    } finally {
      await stores.close();
    }
  } finally {
    child.kill('SIGTERM');
    if (child.exitCode === null) await once(child, 'exit');
  }
});
