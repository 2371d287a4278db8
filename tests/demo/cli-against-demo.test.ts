/**
 * The `calsync` tools against a running demo with no CALSYNC_* variables set (issue #13, "The tools work on the
 * demo they ship with"): the demo publishes its connection in `<dataDir>/demo.json` (0600) while it runs; the
 * CLI finds it there, says so, and `rules export`, `sync --dry-run` (over the whole window), `doctor` and
 * `rules import` work — the import re-running every enrolled mailbox through the demo's own sync at once, not at
 * its next scheduled round (the demo schedules every 5 minutes; this test waits for the rounds as events).
 */
import { mkdtempSync, readFileSync, rmSync, statSync, existsSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { DEMO_CONNECTION_FILE, type DemoConnection } from '../../server/demo-connection';
import { DEMO_TENANT_ID } from '../../demo/demo-identities';
import { startDemo, type RunningDemo } from '../../demo/start-demo';
import { openSqliteStores } from '../../server/store/sqlite';
import type { JobOutcome } from '../../server/sync/mailbox-worker';
import { runCaptured } from '../cli/support/cli-run';

jest.setTimeout(120_000);

let dataDir: string;
let demo: RunningDemo;
const outcomes: JobOutcome[] = [];
const listeners = new Set<() => void>();

/** Resolves once `test` holds for the outcomes seen so far (checked after each finished job). */
function whenOutcomes(test: (seen: JobOutcome[]) => boolean): Promise<void> {
  return new Promise((done) => {
    const check = (): void => {
      if (!test(outcomes)) return;
      listeners.delete(check);
      done();
    };
    listeners.add(check);
    check();
  });
}

/** What a person's shell has: nothing CalSync-specific but where the demo keeps its data. */
const shell = (): NodeJS.ProcessEnv => ({ CALSYNC_DATA_DIR: dataDir });

let enrolled: string[];

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'calsync-cli-demo-'));
  demo = await startDemo({
    port: 0,
    dataDir,
    logger: pino({ level: 'silent' }),
    onJobDone: (outcome) => {
      outcomes.push(outcome);
      for (const listener of [...listeners]) listener();
    },
  });
  const connection = JSON.parse(readFileSync(join(dataDir, DEMO_CONNECTION_FILE), 'utf8')) as DemoConnection;
  const stores = openSqliteStores({ path: connection.store.path });
  try {
    const list = (await stores.settings.get(DEMO_TENANT_ID))?.enrolledMailboxes;
    enrolled = Array.isArray(list) ? list : [];
  } finally {
    await stores.close();
  }
  // The first rounds of every enrolled mailbox are done before the tools run.
  await whenOutcomes((seen) => enrolled.every((m) => seen.some((o) => o.kind === 'done' && o.message.job.mailboxId === m)));
});

afterAll(async () => {
  await demo?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

test('the demo publishes where its API, store and sandbox are, readable by its owner only', () => {
  const file = join(dataDir, DEMO_CONNECTION_FILE);
  expect(statSync(file).mode & 0o777).toBe(0o600);
  const connection = JSON.parse(readFileSync(file, 'utf8')) as DemoConnection;
  expect(connection).toMatchObject({
    pid: process.pid,
    tenantId: DEMO_TENANT_ID,
    api: { url: demo.urls.api },
    store: { kind: 'sqlite', path: join(dataDir, 'calsync-demo.db') },
    graph: { baseUrl: demo.graph.baseUrl, caFile: demo.graph.caFile, clientId: demo.graph.clientId },
  });
  expect(enrolled.length).toBeGreaterThan(1);
});

test('rules export and a dry run work with no variables set, and say which configuration they used', async () => {
  const file = join(dataDir, 'org-rules.json');
  const exported = await runCaptured(['rules', 'export', file], shell());
  expect(exported.stderr).toBe(`calsync: no CalSync variables set; using the running demo (pid ${process.pid}) from ${join(dataDir, DEMO_CONNECTION_FILE)}\n`);
  expect(exported.code).toBe(0);
  expect((JSON.parse(readFileSync(file, 'utf8')) as { rules: unknown[] }).rules.length).toBeGreaterThan(0);

  const dry = await runCaptured(['sync', '--dry-run'], shell());
  expect(dry.code).toBe(0);
  const summary = /^sync: (\d+) mailboxes, 0 failed; scanned (\d+), would change (\d+) events/m.exec(dry.stdout);
  expect(Number(summary?.[1])).toBe(enrolled.length);
  // The whole window of every mailbox, although the demo's sync is up to date (issue #13: "scanned 0").
  expect(Number(summary?.[2])).toBeGreaterThan(enrolled.length);
});

test('doctor checks the demo it found: every check passes but the permissions a sandbox token cannot show', async () => {
  const result = await runCaptured(['doctor'], shell());
  const status = (s: string): string[] =>
    result.stdout
      .split('\n')
      .filter((l) => l.startsWith(s))
      .map((l) => l.slice(6).split(':')[0]!);
  expect(status('FAIL')).toEqual([]);
  expect(status('PASS')).toEqual(['api config', 'sign-in keys', 'store', 'graph config', 'stored rules', 'graph token', 'mailbox access', 'queue']);
  expect(result.code).toBe(0);
});

test('rules import re-runs every enrolled mailbox through the running demo at once', async () => {
  const file = join(dataDir, 'org-rules-to-import.json');
  expect((await runCaptured(['rules', 'export', file], shell())).code).toBe(0);
  const set = JSON.parse(readFileSync(file, 'utf8')) as { rules: Array<Record<string, unknown>> };
  set.rules.push({
    name: 'Stand-ups',
    scope: 'org',
    enabled: true,
    when: { field: 'subject', op: 'contains', value: 'stand-up' },
    then: { category: 'Daily stand-up', color: 'preset3' },
  });
  writeFileSync(file, JSON.stringify(set));
  const before = outcomes.length;

  const imported = await runCaptured(['rules', 'import', file], shell());
  expect(imported.stderr).not.toContain('nothing was imported');
  expect(imported.code).toBe(0);
  expect(imported.stdout).toContain(`re-run requested for ${enrolled.length} mailboxes`);

  // Only a round after the import sees the new rule set ("config-changed"); the schedule would be minutes away.
  const rerun = (m: string) => (o: JobOutcome) => o.kind === 'done' && o.message.job.mailboxId === m && o.report.fullReason === 'config-changed';
  await whenOutcomes((seen) => enrolled.every((m) => seen.slice(before).some(rerun(m))));
  expect(outcomes.slice(before).filter((o) => o.kind === 'done' && o.report.fullReason === 'config-changed').length).toBeGreaterThanOrEqual(enrolled.length);
});

test('once the demo stops, its file is gone and the CLI says there is no demo to use', async () => {
  await demo.stop();
  expect(existsSync(join(dataDir, DEMO_CONNECTION_FILE))).toBe(false);
  const result = await runCaptured(['rules', 'export', join(dataDir, 'after.json')], shell());
  expect(result.code).toBe(2);
  expect(result.stderr).toContain('config: CALSYNC_TENANT_ID: is required');
  expect(result.stderr).toContain(`no running demo in ${dataDir}: start one with \`npm start\``);
});
