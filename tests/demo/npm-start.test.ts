/**
 * `npm start` end to end, as a person would run it: the real entry (tsx demo/main.ts) in its own
 * process on an ephemeral port with a temp data directory. A rule created through the API as the demo admin
 * reaches the demo mailboxes through the background sync; Ctrl-C (SIGINT) stops everything with exit code 0;
 * a second start on the same directory still has the rule, and the sync brings the (rebuilt) sandbox back in
 * line with it. Also: NODE_ENV=production is refused with exit code 2, a bad port with a named variable.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { get } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TeamWeek } from '../../demo/team-calendar-data';
import { runDemoToExit, startDemoProcess, type DemoProcess } from './support/demo-process';

jest.setTimeout(120_000);

const CATEGORY = 'Daily stand-up';
/** The demo team's stand-up runs every working day of every week the sandbox seeds, in six mailboxes. */
const RULE = {
  name: 'Stand-ups',
  scope: 'org',
  when: { field: 'subject', op: 'contains', value: 'stand-up' },
  then: { category: CATEGORY, color: 'preset3' },
};

let dataDir: string;
let demo: DemoProcess | undefined;

beforeAll(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'calsync-demo-e2e-'));
});

afterAll(async () => {
  if (demo && demo.child.exitCode === null) await demo.stop('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

async function token(base: string, user: string): Promise<string> {
  const res = await fetch(`${base}/demo/token?user=${user}`);
  expect(res.status).toBe(200);
  expectServiceHeaders(res);
  return res.text();
}

/** The demo's own routes carry the service's security headers (issue #12, item 4), as /api answers do. */
function expectServiceHeaders(res: Response): void {
  expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  expect(res.headers.get('x-frame-options')).toBe('SAMEORIGIN');
  expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'self'");
  expect(res.headers.get('strict-transport-security')).toMatch(/max-age=/);
}

/** Mailboxes (this week, as the team calendar reads them from the sandbox) with an event CalSync stamped with the category. */
async function mailboxesWithCategory(base: string): Promise<string[]> {
  const res = await fetch(`${base}/demo/api/calendar`);
  expect(res.status).toBe(200);
  expectServiceHeaders(res);
  const week = (await res.json()) as TeamWeek;
  return week.people.filter((p) => p.events.some((e) => e.categories.some((c) => c.name === CATEGORY && c.stamped && c.hex === '#f9d23a'))).map((p) => p.upn);
}

/** Polls until at least two mailboxes carry the category; the deadline is the "within 10 s". */
async function expectStampedWithin(base: string, ms: number): Promise<string[]> {
  const deadline = Date.now() + ms;
  let found: string[] = [];
  while (Date.now() < deadline) {
    found = await mailboxesWithCategory(base);
    if (found.length >= 2) return found;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`after ${ms} ms only ${found.length} mailbox(es) carry "${CATEGORY}": ${found.join(', ')}\n${demo?.output() ?? ''}`);
}

test('npm start: a rule created as the demo admin reaches the mailboxes; Ctrl-C stops; a restart keeps the rule', async () => {
  demo = await startDemoProcess(dataDir);
  const base = new URL(demo.ready.urls.api).origin;
  expect(demo.ready.port).toBeGreaterThan(0);
  expect(demo.ready.seeded).toBe(true);
  expect(demo.ready.urls.teamCalendar).toBe(`${base}/demo/team`);
  const health = await fetch(demo.ready.urls.health);
  expect(health.status).toBe(200);
  expect(await health.json()).toEqual({ status: 'ok' });

  // A page that reached the demo through another host name (DNS rebinding) gets nothing, a token least of all.
  const rebound = await new Promise<number>((done, fail) =>
    get({ host: '127.0.0.1', port: demo!.ready.port, path: '/demo/token?user=megan', headers: { Host: `attacker.example:${demo!.ready.port}` } }, (res) => {
      res.resume();
      done(res.statusCode ?? 0);
    }).on('error', fail),
  );
  expect(rebound).toBe(421);

  // The demo user is not an admin: org rules are refused to her, as the API refuses any non-admin.
  const refused = await fetch(`${base}/api/rules`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${await token(base, 'adele')}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(RULE),
  });
  expect(refused.status).toBe(403);

  const created = await fetch(`${base}/api/rules`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${await token(base, 'megan')}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(RULE),
  });
  expect(created.status).toBe(201);
  const rule = (await created.json()) as { id: string };
  const first = await expectStampedWithin(base, 10_000);
  expect(first.length).toBeGreaterThanOrEqual(2);

  expect(await demo.stop('SIGINT')).toBe(0);
  // Stopped cleanly: the data directory lock is released.
  expect(existsSync(join(dataDir, 'demo.pid'))).toBe(false);

  demo = await startDemoProcess(dataDir);
  const base2 = new URL(demo.ready.urls.api).origin;
  expect(demo.ready.seeded).toBe(false);
  expect(demo.ready.addinBuilt).toBeNull();
  const listed = await fetch(`${base2}/api/rules?scope=org`, { headers: { Authorization: `Bearer ${await token(base2, 'megan')}` } });
  expect(listed.status).toBe(200);
  const org = (await listed.json()) as { items: Array<{ id: string; name: string }> };
  expect(org.items.map((r) => r.id)).toContain(rule.id);
  // The sandbox is seeded afresh at each start; the kept sync state must not stop the sync from stamping it again.
  expect((await expectStampedWithin(base2, 10_000)).length).toBeGreaterThanOrEqual(2);
  expect(await demo.stop('SIGINT')).toBe(0);
});

test.each(['production', 'prod'])('NODE_ENV=%s is refused with exit code 2 before anything starts', async (nodeEnv) => {
  const dir = join(dataDir, `refused-${nodeEnv}`);
  const exit = await runDemoToExit({ NODE_ENV: nodeEnv, PORT: '0', CALSYNC_DATA_DIR: dir });
  expect(exit.code).toBe(2);
  expect(exit.stderr).toContain(`NODE_ENV=${nodeEnv}:`);
  expect(exit.stdout).not.toMatch(/calsync demo ready/);
  expect(existsSync(dir)).toBe(false);
});

test('a bad port is named and refused with exit code 2', async () => {
  const exit = await runDemoToExit({ CALSYNC_DEMO_PORT: 'eighty', CALSYNC_DATA_DIR: join(dataDir, 'bad-port') });
  expect(exit.code).toBe(2);
  expect(exit.stderr).toMatch(/CALSYNC_DEMO_PORT/);
});
