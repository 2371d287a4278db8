/**
 * Enrolment 'all' past the plan's seats (issue #15): the first `seats` mailboxes by address are synced, the same
 * ones every tick, and the rest are reported (the scheduler's overSeats, the admin's sync summary); exactly at the
 * seats nothing is cut, and a named list is never cut by the sync.
 */
import { openSqliteStores } from '../../server/store/sqlite';
import type { Stores, TenantSettings } from '../../server/store/types';
import { SyncStatusService } from '../../server/services/sync-status';
import { InProcessMailboxQueue } from '../../server/sync/in-process-queue';
import { SyncScheduler } from '../../server/sync/sync-scheduler';
import { customerRecord, TEST_PLAN } from '../support/tenants';

const T = 'aaaaaaaa-0000-4000-8000-00000000000a';
const DIRECTORY = ['eve@contoso.com', 'Bo@contoso.com', 'dan@contoso.com', 'ada@contoso.com', 'cy@contoso.com'];

describe("enrolment 'all' and the plan's seats", () => {
  let stores: Stores;
  const put = (enrolledMailboxes: TenantSettings['enrolledMailboxes']) =>
    stores.settings.put(
      {
        tenantId: T,
        internalDomains: [],
        enrolledMailboxes,
        syncWindowDays: { past: 30, future: 365 },
        orgRulesLocked: false,
        updatedAt: new Date(0).toISOString(),
        updatedBy: 'test',
      },
      null,
    );
  const schedulerWith = (seats: number | undefined) =>
    new SyncScheduler({ queue: new InProcessMailboxQueue(), stores, tenants: () => [T], allMailboxes: async () => [...DIRECTORY], seatsOf: async () => seats });

  beforeEach(() => {
    stores = openSqliteStores({ path: ':memory:' });
  });
  afterEach(() => stores.close());

  it('one over the seats: the first seats by address, the same each time, and the overflow reported', async () => {
    await put('all');
    const scheduler = schedulerWith(4);
    const first = await scheduler.enrolled(T);
    expect(first).toEqual(['ada@contoso.com', 'Bo@contoso.com', 'cy@contoso.com', 'dan@contoso.com']);
    expect(await scheduler.enrolled(T)).toEqual(first);
    expect(scheduler.overSeats(T)).toEqual({ seats: 4, directoryMailboxes: 5 });
  });

  it('exactly at the seats, or without a plan, everyone is synced and nothing is reported', async () => {
    await put('all');
    const atSeats = schedulerWith(5);
    expect(await atSeats.enrolled(T)).toHaveLength(5);
    expect(atSeats.overSeats(T)).toBeUndefined();
    const noPlan = schedulerWith(undefined);
    expect(await noPlan.enrolled(T)).toHaveLength(5);
    expect(noPlan.overSeats(T)).toBeUndefined();
  });

  it('a named list is not cut by the sync (saving one past the seats is refused instead)', async () => {
    await put(['x@contoso.com', 'y@contoso.com', 'z@contoso.com']);
    const scheduler = schedulerWith(2);
    expect(await scheduler.enrolled(T)).toHaveLength(3);
    expect(scheduler.overSeats(T)).toBeUndefined();
  });

  it("the admin's sync summary carries the overflow", async () => {
    await put('all');
    await stores.tenants.create(customerRecord(T, { plan: { ...TEST_PLAN, seats: 4 } }));
    const scheduler = schedulerWith(4);
    const control = {
      enrolled: (t: string) => scheduler.enrolled(t),
      overSeats: (t: string) => scheduler.overSeats(t),
      syncNow: async () => undefined,
      searchDirectory: async () => [],
    };
    const summary = await new SyncStatusService(stores, control).summary({ tenantId: T, userId: 'admin', isAdmin: true });
    expect(summary).toMatchObject({ enrolled: 4, overSeats: { seats: 4, directoryMailboxes: 5 } });
  });
});
