/**
 * `npm start` at a terminal (issue #13: 37 raw JSON lines in 20 s pushed the banner off the screen): the demo entry
 * runs under a pseudo-terminal (util-linux `script`, in every Debian base system) and prints the banner, then one
 * readable line per mailbox's first round — no JSON, no machine-readable ready line, no routine subscription
 * lines — and Ctrl-C typed into the terminal stops it with exit code 0. The JSON side (a pipe) is what
 * tests/demo/npm-start.test.ts reads; the formats themselves are in tests/unit/console-log.test.ts.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { demoTeam } from '../../graph-sandbox/src/index';
import { demoEnv, ROOT } from './support/demo-process';

jest.setTimeout(120_000);

let dataDir: string;
let child: ChildProcess | undefined;
beforeAll(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'calsync-demo-tty-'));
});
afterAll(() => {
  // A failed wait leaves the demo running under its terminal: hang it up, which ends both.
  if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGHUP');
  rmSync(dataDir, { recursive: true, force: true });
});

const FIRST_ROUND = /^\d\d:\d\d:\d\d INFO {2}\[sync\] mailbox [0-9a-f]{12}: full round \(first\), \d+ events read, \d+ changed/;

test('the banner, then one readable line per mailbox round; Ctrl-C stops', async () => {
  const people = demoTeam(new Date()).users.filter((u) => !u.isResource).length;
  // -q quiet, -f flush each write, -e the child's exit code; the pty is the child's stdin, stdout and stderr.
  // `script` runs the command with $SHELL -c; without `exec`, dash (Debian's /bin/sh, what a CI runner without
  // SHELL gets) stays in the terminal's process group and dies of the typed Ctrl-C itself, exit 130, whatever
  // the demo does. SHELL is pinned to /bin/sh so the test sees that case on every machine.
  const terminal = spawn('script', ['-qfec', 'exec node --import tsx demo/main.ts', '/dev/null'], {
    cwd: ROOT,
    env: demoEnv({ PORT: '0', CALSYNC_DATA_DIR: dataDir, NODE_ENV: 'test', TERM: 'dumb', SHELL: '/bin/sh' }),
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  child = terminal;
  let output = '';
  // The terminal echoes the typed Ctrl-C as "^C" in front of the next line.
  const lines = (): string[] => output.replace(/\r/g, '').replace(/\^C/g, '').split('\n');
  const exited = new Promise<number | null>((done) => terminal.once('exit', (code) => done(code)));
  // Every enrolled person's first round has been printed: the count the wait is bound by.
  await new Promise<void>((done, fail) => {
    terminal.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (lines().filter((l) => FIRST_ROUND.test(l)).length >= people) done();
    });
    void exited.then((code) => fail(new Error(`the demo exited (${code}) before its first rounds\n${output}`)));
  });
  terminal.stdin.write('\x03'); // Ctrl-C, as typed
  expect(await exited).toBe(0);

  const printed = lines().filter((l) => l.trim() !== '');
  const banner = printed.findIndex((l) => l.includes('LOCAL DEMO MODE'));
  const firstRound = printed.findIndex((l) => FIRST_ROUND.test(l));
  expect(banner).toBeGreaterThanOrEqual(0);
  expect(firstRound).toBeGreaterThan(banner);
  expect(printed.filter((l) => l.trimStart().startsWith('{'))).toEqual([]);
  expect(output).not.toContain('calsync demo ready');
  expect(output).not.toContain('subscription created');
  // Everything after the banner is a timestamped line a person reads.
  const afterBanner = printed.slice(printed.findIndex((l, i) => i > banner && !l.startsWith('##')));
  for (const line of afterBanner) expect(line).toMatch(/^\d\d:\d\d:\d\d (INFO |WARN |ERROR|FATAL|DEBUG|TRACE) /);
});
