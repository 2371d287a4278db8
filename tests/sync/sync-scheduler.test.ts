/** The scheduler: each enrolled mailbox once per interval, 'all' through the directory, and resyncs at once. */
import { openSqliteStores } from '../../server/store/sqlite';
import type { Stores, TenantSettings } from '../../server/store/types';
import { InProcessMailboxQueue } from '../../server/sync/in-process-queue';
import { SyncScheduler } from '../../server/sync/sync-scheduler';
import { tempSqliteDir, type TempDir } from '../support/sqlite';

const T1 = 'aaaaaaaa-0000-4000-8000-00000000000a';
const T2 = 'bbbbbbbb-0000-4000-8000-00000000000b';
const MINUTE = 60_000;

describe('sync scheduler', () => {
  let temp: TempDir;
  let stores: Stores;
  let queue: InProcessMailboxQueue;
  let clock: number;
  let scheduler: SyncScheduler;
  const settings = (enrolledMailboxes: TenantSettings['enrolledMailboxes']) => ({
    internalDomains: [],
    enrolledMailboxes,
    syncWindowDays: { past: 30, future: 365 },
    orgRulesLocked: false,
    updatedAt: new Date(0).toISOString(),
    updatedBy: 'test',
  });
  const drain = async () => {
    const got = await queue.receive(100, MINUTE);
    for (const m of got) await queue.complete(m);
    return got.map((m) => `${m.job.tenantId === T1 ? 't1' : 't2'}:${m.job.mailboxId}:${m.job.reason}`).sort();
  };

  beforeEach(async () => {
    temp = tempSqliteDir();
    stores = openSqliteStores({ path: temp.dbPath() });
    await stores.settings.put({ tenantId: T1, ...settings(['ada@contoso.com', 'bo@contoso.com']) }, null);
    await stores.settings.put({ tenantId: T2, ...settings('all') }, null);
    clock = 0;
    queue = new InProcessMailboxQueue(() => clock);
    scheduler = new SyncScheduler({
      queue,
      stores,
      tenants: () => [T1, T2, 'cccccccc-0000-4000-8000-00000000000c'],
      allMailboxes: async (tenantId) => (tenantId === T2 ? ['cy@fabrikam.com'] : []),
      intervalMs: 15 * MINUTE,
      now: () => new Date(clock),
    });
  });
  afterEach(async () => {
    await scheduler.stop();
    await stores.close();
    temp.remove();
  });

  test('every enrolled mailbox once per interval; a tenant without settings has none', async () => {
    expect(await scheduler.tick()).toBe(3);
    expect(await drain()).toEqual(['t1:ada@contoso.com:schedule', 't1:bo@contoso.com:schedule', 't2:cy@fabrikam.com:schedule']);
    clock += 14 * MINUTE;
    expect(await scheduler.tick()).toBe(0);
    clock += MINUTE;
    expect(await scheduler.tick()).toBe(3);
  });

  test('requestResync queues at once and restarts those mailboxes’ schedules; only enrolled mailboxes', async () => {
    await scheduler.tick();
    await drain();
    clock += 10 * MINUTE;
    expect(await scheduler.requestResync(T1, ['ADA@contoso.com', 'stranger@contoso.com'])).toBe(1);
    expect(await drain()).toEqual(['t1:ada@contoso.com:resync']);
    clock += 5 * MINUTE;
    // Bo is due (15 min since his last); Ada was queued 5 minutes ago.
    expect(await scheduler.tick()).toBe(2);
    expect(await drain()).toEqual(['t1:bo@contoso.com:schedule', 't2:cy@fabrikam.com:schedule']);
    expect(await scheduler.requestResync(T2, 'all')).toBe(1);
  });

  test("scheduled mailboxes get their subscription ensured; one failing doesn't stop the schedule", async () => {
    const ensured: string[] = [];
    const withSubscriptions = new SyncScheduler({
      queue,
      stores,
      tenants: () => [T1],
      allMailboxes: async () => [],
      intervalMs: 15 * MINUTE,
      now: () => new Date(clock),
      subscriptions: {
        ensure: async (_tenantId, mailboxId) => {
          ensured.push(mailboxId);
          if (mailboxId === 'ada@contoso.com') throw new Error('graph down');
          return { subscriptionId: 's', tenantId: T1, mailboxId, clientState: 'x', expiresAt: new Date(clock + MINUTE).toISOString() };
        },
      },
    });
    expect(await withSubscriptions.tick()).toBe(2);
    expect(ensured).toEqual(['ada@contoso.com', 'bo@contoso.com']);
    expect(await drain()).toEqual(['t1:ada@contoso.com:schedule', 't1:bo@contoso.com:schedule']);
  });

  test('a new enrolment is picked up on the next tick', async () => {
    await scheduler.tick();
    await drain();
    const current = (await stores.settings.get(T1))!;
    await stores.settings.put({ ...current, enrolledMailboxes: ['ada@contoso.com', 'bo@contoso.com', 'dee@contoso.com'] }, current.etag);
    expect(await scheduler.tick()).toBe(1);
    expect(await drain()).toEqual(['t1:dee@contoso.com:schedule']);
  });
});
