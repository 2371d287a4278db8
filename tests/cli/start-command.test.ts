/**
 * `calsync start` runs what `npm start` runs: with --demo (whatever is configured) the local demo on the given
 * port and data directory, stopped cleanly by SIGINT; a bad mode stops it with exit code 2.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { READY_PREFIX } from '../../demo/banner';

const ROOT = path.resolve(__dirname, '../..');
jest.setTimeout(240_000);

function calsync(args: string[], env: NodeJS.ProcessEnv) {
  const child = spawn(process.execPath, [path.join(ROOT, 'bin/calsync.js'), ...args], { cwd: ROOT, env: { PATH: process.env.PATH, NODE_ENV: 'test', ...env } });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, exit, output: () => out };
}

test('calsync start --demo --port 0 --data-dir <dir>: the demo, even with a tenant configured; SIGINT stops it', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'calsync-start-cmd-'));
  try {
    const run = calsync(['start', '--demo', '--port', '0', '--data-dir', dir], { CALSYNC_TENANT_ID: 'configured-but-ignored', LOG_LEVEL: 'warn' });
    const deadline = Date.now() + 200_000;
    let line: string | undefined;
    while (
      !(line = run
        .output()
        .split('\n')
        .find((l) => l.startsWith(READY_PREFIX)))
    ) {
      if (Date.now() > deadline || run.child.exitCode !== null) throw new Error(`no ready line:\n${run.output()}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    const ready = JSON.parse(line.slice(READY_PREFIX.length)) as { dataDir: string; urls: { health: string } };
    expect(ready.dataDir).toBe(dir);
    expect(run.output()).toContain('LOCAL DEMO MODE');
    expect((await fetch(ready.urls.health)).status).toBe(200);
    run.child.kill('SIGINT');
    expect(await run.exit).toBe(0);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('calsync start with an unknown CALSYNC_MODE names it and exits 2', async () => {
  const run = calsync(['start'], { CALSYNC_MODE: 'staging' });
  expect(await run.exit).toBe(2);
  expect(run.output()).toContain('config: CALSYNC_MODE: expected demo or service, got "staging"');
});
