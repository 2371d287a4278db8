/**
 * Issue #20: the compiled runtime, installed as the container installs it (support/runtime-install.ts), runs
 * with plain node and no development package: the API (sync scheduling on, no in-process workers) and one
 * worker process on a Storage queue (Azurite), against the Graph sandbox and SQLite. /healthz and /readyz
 * answer, and the worker's first round stamps the team's events. `npm run test:runtime` (not in `npm test`:
 * `npm ci` alone takes over a minute here).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { startCliStack, type CliStack } from '../cli/support/cli-stack';
import { startAzurite, type TestAzurite } from '../sync/support/azurite';
import { ADA, BO, categoriesOf } from '../sync/support/team';
import { startTestIssuer, type TestIssuer } from '../support/token-issuer';
import { installRuntime, type RuntimeInstall } from './support/runtime-install';

jest.setTimeout(600_000);

interface Proc {
  child: ChildProcess;
  log: () => string;
  /** Resolves when the output matches, rejects if the process exits first. */
  waitFor(pattern: RegExp): Promise<RegExpExecArray>;
  exited: Promise<number | null>;
}

function run(dir: string, script: string, env: NodeJS.ProcessEnv): Proc {
  // Only PATH from this process: NODE_OPTIONS (a loader) or a developer's CALSYNC_* must not leak in.
  const child = spawn(process.execPath, [script], { cwd: dir, env: { PATH: process.env.PATH, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  const waiters: Array<() => void> = [];
  const keep = (chunk: Buffer) => {
    out += chunk.toString();
    for (const w of waiters) w();
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const exited = new Promise<number | null>((resolve) => child.once('close', (code) => resolve(code)));
  const waitFor = (pattern: RegExp) =>
    new Promise<RegExpExecArray>((resolve, reject) => {
      const check = () => {
        const m = pattern.exec(out);
        if (m) resolve(m);
      };
      waiters.push(check);
      check();
      void exited.then((code) => reject(new Error(`${script} exited (${code}) before ${pattern}:\n${out}`)));
    });
  return { child, log: () => out, waitFor, exited };
}

describe('the compiled runtime, installed with npm ci --omit=dev', () => {
  let install: RuntimeInstall;
  let stack: CliStack;
  let azurite: TestAzurite;
  let issuer: TestIssuer;
  const procs: Proc[] = [];

  beforeAll(async () => {
    // allSettled: what did start is kept for afterAll to stop, whichever part failed.
    const [i, s, a, t] = await Promise.allSettled([installRuntime(), startCliStack(), startAzurite(), startTestIssuer()]);
    if (i.status === 'fulfilled') install = i.value;
    if (s.status === 'fulfilled') stack = s.value;
    if (a.status === 'fulfilled') azurite = a.value;
    if (t.status === 'fulfilled') issuer = t.value;
    for (const r of [i, s, a, t]) if (r.status === 'rejected') throw r.reason;
    console.log(`runtime install: build ${Math.round(install.timings.buildMs)} ms, npm ci --omit=dev ${Math.round(install.timings.npmCiMs)} ms`);
  });

  afterAll(async () => {
    for (const p of procs) p.child.kill('SIGKILL');
    await Promise.all(procs.map((p) => p.exited));
    await Promise.all([stack?.close(), azurite?.close(), issuer?.close()]);
    install?.remove();
  });

  test('holds no TypeScript loader, no sandbox or demo package, and no TypeScript source', () => {
    for (const pkg of ['tsx', 'typescript', 'esbuild', 'selfsigned', 'ts-jest', 'vite'])
      expect(existsSync(path.join(install.dir, 'node_modules', pkg))).toBe(false);
    for (const pkg of ['express', 'pino', 'better-sqlite3', 'jose']) expect(existsSync(path.join(install.dir, 'node_modules', pkg))).toBe(true);
    expect(existsSync(path.join(install.dir, 'server'))).toBe(false);
    for (const dir of ['dist/graph-sandbox', 'dist/demo', 'dist/graph-sandbox', 'dist/demo/']) expect(existsSync(path.join(install.dir, dir))).toBe(false);
  });

  test('bin/calsync.js runs the build', () => {
    const result = spawnSync(process.execPath, ['bin/calsync.js', '--help'], {
      cwd: install.dir,
      env: { PATH: process.env.PATH },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^ {2}sync /m);
  });

  test('the API and a worker answer /healthz and /readyz and the worker stamps the events', async () => {
    const queue = { CALSYNC_QUEUE: 'storage', CALSYNC_QUEUE_CONNECTION_STRING: azurite.connectionString };
    const api = run(install.dir, 'dist/server/main.js', {
      ...stack.env,
      ...queue,
      PORT: '0',
      LOG_LEVEL: 'info',
      CALSYNC_SYNC: 'on',
      CALSYNC_SYNC_WORKERS: '0',
      CALSYNC_API_AUDIENCE: issuer.audience,
      CALSYNC_JWKS_URL: issuer.jwksUrl,
    });
    const worker = run(install.dir, 'dist/server/worker-main.js', { ...stack.env, ...queue, LOG_LEVEL: 'info', CALSYNC_WORKER_CONCURRENCY: '2' });
    procs.push(api, worker);

    const port = Number((await api.waitFor(/"port":(\d+)[^\n]*CalSync API listening/))[1]);
    const base = `http://127.0.0.1:${port}`;
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    expect((await fetch(`${base}/readyz`)).status).toBe(200);

    // With no in-process workers the API only schedules: these rounds are the worker process's. Two committed
    // rounds are both mailboxes: each is queued once at start, and nothing else queues one within the test.
    const committedRound = /"committed":true[^\n]*"msg":"mailbox round done"/.source;
    await worker.waitFor(new RegExp(`${committedRound}[\\s\\S]*${committedRound}`));
    expect(categoriesOf(stack.sandbox, ADA, 'Customer kickoff')).toContain('Customer');
    expect(categoriesOf(stack.sandbox, BO, 'Focus on taxes')).toContain('Focus');
    expect(api.log()).not.toMatch(/"msg":"mailbox round done"/);
    expect(api.log() + worker.log()).not.toContain(stack.sandbox.app.clientSecret);

    api.child.kill('SIGTERM');
    worker.child.kill('SIGTERM');
    expect(await api.exited).toBe(0);
    expect(await worker.exited).toBe(0);
  });
});
