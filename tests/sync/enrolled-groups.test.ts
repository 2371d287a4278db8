/**
 * Enrolment by group (issue #16): the enrolled set is the named list and the enrolled groups' members (the union,
 * once each); a member who leaves every group is no longer scheduled; 'all' needs no group; past the seats the
 * named list stays whole and the group members fill the rest by address.
 */
import { openSqliteStores } from '../../server/store/sqlite';
import type { Stores, TenantSettings } from '../../server/store/types';
import { InProcessMailboxQueue } from '../../server/sync/in-process-queue';
import { SyncScheduler } from '../../server/sync/sync-scheduler';

const T = 'aaaaaaaa-0000-4000-8000-00000000000a';
const SALES = '6f1c2a4e-0b7d-4c8e-9a51-3d2f7e8b9c10';
const SUPPORT = 'a0b1c2d3-e4f5-4a6b-8c7d-9e0f1a2b3c4d';

describe('enrolment by group', () => {
  let stores: Stores;
  let members: Record<string, string[]>;
  let asked: string[];
  const put = (enrolledMailboxes: TenantSettings['enrolledMailboxes'], enrolledGroups?: string[]) =>
    stores.settings.put(
      {
        tenantId: T,
        internalDomains: [],
        enrolledMailboxes,
        ...(enrolledGroups ? { enrolledGroups } : {}),
        syncWindowDays: { past: 30, future: 365 },
        orgRulesLocked: false,
        updatedAt: new Date(0).toISOString(),
        updatedBy: 'test',
      },
      null,
    );
  const schedulerWith = (seats?: number) =>
    new SyncScheduler({
      queue: new InProcessMailboxQueue(),
      stores,
      tenants: () => [T],
      allMailboxes: async () => ['everyone@contoso.com'],
      groupMailboxes: async (_tenantId, groupId) => (asked.push(groupId), [...(members[groupId] ?? [])]),
      seatsOf: async () => seats,
    });

  beforeEach(() => {
    stores = openSqliteStores({ path: ':memory:' });
    members = { [SALES]: ['sam@contoso.com', 'Ann@contoso.com'], [SUPPORT]: ['ann@contoso.com', 'sue@contoso.com'] };
    asked = [];
  });
  afterEach(() => stores.close());

  it('the named list and every enrolled group’s members, once each', async () => {
    await put(['lee@contoso.com', 'sam@contoso.com'], [SALES, SUPPORT]);
    expect(await schedulerWith().enrolled(T)).toEqual(['lee@contoso.com', 'sam@contoso.com', 'ann@contoso.com', 'sue@contoso.com']);
    expect(asked).toEqual([SALES, SUPPORT]);
  });

  it('a member who leaves every enrolled group is no longer scheduled', async () => {
    await put([], [SALES]);
    const scheduler = schedulerWith();
    expect(await scheduler.enrolled(T)).toEqual(['sam@contoso.com', 'ann@contoso.com']);
    members[SALES] = ['ann@contoso.com'];
    expect(await scheduler.enrolled(T)).toEqual(['ann@contoso.com']);
  });

  it("'all' is the directory: no group is listed", async () => {
    await put('all', [SALES]);
    expect(await schedulerWith().enrolled(T)).toEqual(['everyone@contoso.com']);
    expect(asked).toEqual([]);
  });

  it('settings saved before groups existed enrol their list alone', async () => {
    await put(['lee@contoso.com']);
    expect(await schedulerWith().enrolled(T)).toEqual(['lee@contoso.com']);
    expect(asked).toEqual([]);
  });

  it('past the seats the list stays whole, group members fill the rest by address, and the overflow is reported', async () => {
    await put(['lee@contoso.com'], [SALES, SUPPORT]);
    const scheduler = schedulerWith(3);
    expect(await scheduler.enrolled(T)).toEqual(['lee@contoso.com', 'ann@contoso.com', 'sam@contoso.com']);
    expect(scheduler.overSeats(T)).toEqual({ seats: 3, directoryMailboxes: 4 });
  });

  it('a group listing that fails fails the tick’s enrolment rather than dropping the group’s members', async () => {
    await put(['lee@contoso.com'], [SALES]);
    const scheduler = new SyncScheduler({
      queue: new InProcessMailboxQueue(),
      stores,
      tenants: () => [T],
      allMailboxes: async () => [],
      groupMailboxes: async () => Promise.reject(new Error('503')),
    });
    await expect(scheduler.enrolled(T)).rejects.toThrow('503');
  });
});

it("one tenant's failing group listing does not hold up another tenant's rounds", async () => {
  const stores = openSqliteStores({ path: ':memory:' });
  const OTHER = 'bbbbbbbb-0000-4000-8000-00000000000b';
  const settings = (tenantId: string, enrolledGroups: string[]) =>
    stores.settings.put(
      {
        tenantId,
        internalDomains: [],
        enrolledMailboxes: [],
        enrolledGroups,
        syncWindowDays: { past: 30, future: 365 },
        orgRulesLocked: false,
        updatedAt: new Date(0).toISOString(),
        updatedBy: 'test',
      },
      null,
    );
  await settings(T, [SALES]);
  await settings(OTHER, [SUPPORT]);
  const queue = new InProcessMailboxQueue();
  const scheduler = new SyncScheduler({
    queue,
    stores,
    tenants: () => [T, OTHER],
    allMailboxes: async () => [],
    groupMailboxes: async (tenantId) => (tenantId === T ? Promise.reject(new Error('503')) : ['sue@contoso.com']),
  });
  expect(await scheduler.tick()).toBe(1);
  await stores.close();
});
