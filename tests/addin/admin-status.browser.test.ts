/**
 * An admin can see that it works (issue #13), in headless chromium at 320 px against the real server (SQLite)
 * and the Graph sandbox's directory: the Admin tab opens with the status line, each enrolled mailbox shows its
 * sync status in words, the people picker finds people by keyboard, "Sync now" queues the mailbox. Each view is
 * checked with axe. The status line's screenshot is docs/images/admin-status.png.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import type { StaticServer } from '../../addin/scripts/static-server';
import type { SyncControl } from '../../server/services/sync-status';
import { emptySyncState, type LastRoundRecord } from '../../server/store/sync-state';
import { InProcessMailboxQueue } from '../../server/sync/in-process-queue';
import { createSyncRuntime, type SyncRuntime } from '../../server/sync/sync-runtime';
import { startHarness, type SandboxHarness } from '../../graph-sandbox/tests/support/sandbox-client';
import { smallTenant } from '../../graph-sandbox/tests/support/factories';
import { startTestApi, TENANT_A, type TestApi } from '../support';
import { buildTestBundle, cspViolations, launchChromium, openPage, ROOT, seriousAxeViolations, startAppServer, tokenRoute } from './support/browser-harness';

jest.setTimeout(180_000);

const ADMIN = 'adminA';
const ADA = 'ada@contoso.com';
const BO = 'bo@contoso.com';
const ok = { startedAt: '2026-12-02T09:01:00.000Z', endedAt: '2026-12-02T09:01:04.000Z' };
const ROUNDS: Record<string, LastRoundRecord> = {
  [ADA]: { ...ok, outcome: 'done', eventsColoured: 12, failedEvents: 0, error: null, lastSuccess: ok },
  [BO]: { ...ok, outcome: 'failed', eventsColoured: 0, failedEvents: 0, error: { name: 'GraphError', status: 403 }, lastSuccess: null },
};

let dist: string;
let browser: Browser;
let sandbox: SandboxHarness;
let api: TestApi;
let runtime: SyncRuntime;
let server: StaticServer;
const queue = new InProcessMailboxQueue();

beforeAll(async () => {
  dist = await buildTestBundle(mkdtempSync(join(tmpdir(), 'calsync-addin-')));
  browser = await launchChromium();
  sandbox = await startHarness({ scenario: { document: smallTenant('UTC') } });
  // The app needs the port before the runtime (which shares the app's stores) exists: bound late.
  const control: SyncControl = {
    enrolled: (t) => runtime.control.enrolled(t),
    syncNow: (t, m) => runtime.control.syncNow(t, m),
    searchDirectory: (t, q, n) => runtime.control.searchDirectory(t, q, n),
  };
  api = await startTestApi('sqlite', { addinDir: dist, syncControl: control });
  // Not started: no rounds run here; the records below are what workers leave (tests/sync/round-status-record.test.ts).
  runtime = createSyncRuntime({ stores: api.stores, queue, tenants: () => [TENANT_A], clientFor: () => sandbox.client });
  server = await startAppServer(api.app, [tokenRoute(() => api.tokens.for(ADMIN))]);
  await (
    await api.as(ADMIN)
  )
    .put('/api/settings')
    .set('If-Match', '"default"')
    .send({ internalDomains: ['contoso.com'], enrolledMailboxes: [ADA, BO], syncWindowDays: { past: 30, future: 365 }, orgRulesLocked: false })
    .expect(200);
  for (const [mailbox, lastRound] of Object.entries(ROUNDS)) await api.stores.syncState.put({ ...emptySyncState(TENANT_A, mailbox), lastRound }, null);
});

afterAll(async () => {
  await server?.close();
  await api?.close();
  await sandbox?.close();
  await browser?.close();
  rmSync(dist, { recursive: true, force: true });
});

describe('an admin can see that it works, in chromium at 320 px', () => {
  it('opens the Admin tab on the status line; rows say how each mailbox syncs; picker and Sync now work by keyboard', async () => {
    const page = await openPage(browser, `${server.url}/taskpane/taskpane.html`, undefined, { width: 320, height: 720 });
    await page.getByRole('tab', { name: 'Admin' }).click();
    const line = page.getByRole('region', { name: 'Sync status' });
    await line.getByText('2 mailboxes enrolled · 0 syncing · 1 failing').waitFor();
    await line.getByText(/^Last change \(.+\) is still reaching some mailboxes\.$/).waitFor();
    const rows = page.getByRole('list', { name: 'Enrolled mailboxes' }).getByRole('listitem');
    await rows
      .filter({ hasText: ADA })
      .getByText(/Synced .+ · 12 events coloured/)
      .waitFor();
    await rows
      .filter({ hasText: BO })
      .getByText(/Failing: CalSync is not allowed to open this mailbox/)
      .waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.screenshot({ path: join(ROOT, 'docs/images/admin-status.png') });

    // The picker searches the sandbox's directory ($search with ConsistencyLevel) and is driven by keyboard.
    const picker = page.getByRole('combobox', { name: /Add a person/ });
    await picker.focus();
    await page.keyboard.type('oliv');
    const option = page.getByRole('option', { name: 'Olivia Organizer <olivia@contoso.com>' });
    await option.waitFor();
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await rows.filter({ hasText: 'olivia@contoso.com' }).getByText('Not enrolled until you save the settings.').waitFor();

    await rows
      .filter({ hasText: BO })
      .getByRole('button', { name: `Sync now: ${BO}` })
      .click();
    await page.getByText(`${BO} will sync in a moment.`).waitFor();
    const jobs = await queue.receive(10, 60_000);
    expect(jobs.map((m) => `${m.job.mailboxId}:${m.job.reason}`)).toEqual([`${BO}:resync`]);

    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByText('Settings saved.').waitFor();
    expect((await api.stores.settings.get(TENANT_A))?.enrolledMailboxes).toEqual([ADA, BO, 'olivia@contoso.com']);
    await line.getByText('3 mailboxes enrolled · 0 syncing · 1 failing').waitFor();
    await rows.filter({ hasText: 'olivia@contoso.com' }).getByText('Waiting for its first sync.').waitFor();
    expect(await seriousAxeViolations(page)).toEqual([]);
    expect(cspViolations(page)).toEqual([]);
    await page.close();
  });
});
