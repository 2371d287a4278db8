/**
 * The enrolled groups' members read again each interval, by Graph delta on groups where that saves requests
 * (server/sync/group-members-tracker.ts, issue #16), against the sandbox's `/groups/delta` through the production
 * client. Requests are counted at the sandbox; the clock is the test's, so an interval passes without waiting.
 */
import { RetryHandler } from '@microsoft/microsoft-graph-client';
import { startGraphSandbox, type GraphSandbox } from '../../graph-sandbox/src/index';
import { GROUP, teamsTenant } from '../../graph-sandbox/tests/support/factories';
import { createGraphCredential } from '../../server/sync/credential';
import { createGraphAccess, type GraphAccess } from '../../server/sync/graph-client';
import { GroupMembersTracker } from '../../server/sync/group-members-tracker';

const INTERVAL = 15 * 60_000;
const DAY = 24 * 3_600_000;

describe('enrolled groups, by delta where it saves requests', () => {
  let sandbox: GraphSandbox;
  let access: GraphAccess;
  let nowMs: number;
  let tracker: GroupMembersTracker;
  let sleep: jest.SpyInstance;

  beforeEach(async () => {
    sandbox = await startGraphSandbox({ scenario: { document: teamsTenant() } });
    access = createGraphAccess({ credential: createGraphCredential(sandbox.credential), baseUrl: sandbox.baseUrl, caPem: sandbox.caPem });
    nowMs = Date.parse('2026-12-01T09:00:00Z');
    tracker = new GroupMembersTracker(() => access.client, { checkEveryMs: INTERVAL, relistEveryMs: DAY, now: () => new Date(nowMs) });
    sleep = jest.spyOn(RetryHandler.prototype as unknown as { sleep(seconds: number): Promise<void> }, 'sleep').mockImplementation(async () => undefined);
  });
  afterEach(async () => {
    sleep.mockRestore();
    await access.close();
    await sandbox.stop();
  });

  /** Graph requests made by `run`, as the tracker counts them; `refused`: requests answered with a fault, which it does not. */
  async function requests(run: () => Promise<unknown>, refused = 0): Promise<{ listing: number; delta: number }> {
    const before = { ...tracker.counts };
    const total = sandbox.accounting.snapshot();
    await run();
    const after = sandbox.accounting.snapshot();
    const listing = tracker.counts.listingRequests - before.listingRequests;
    const delta = tracker.counts.deltaRequests - before.deltaRequests;
    // The tracker's own count is the sandbox's (token requests left out): nothing it sends goes uncounted.
    expect(after.totalRequests - total.totalRequests - (after.tokensIssued - total.tokensIssued)).toBe(listing + delta + refused);
    return { listing, delta };
  }
  const sales = async () => (await tracker.addresses(sandbox.tenantId, GROUP.sales)).sort();
  /** Past the interval: the next read checks the tenant's groups. */
  const nextInterval = () => {
    nowMs += INTERVAL;
  };
  /**
   * The first listing, then two checks: the first learns the nested groups, the second takes a delta baseline over
   * all of them (large groups only: small ones are simply listed).
   */
  const untilDeltaWatches = async () => {
    await sales();
    nextInterval();
    await sales();
    nextInterval();
    await sales();
  };

  it('large groups: listed until a delta baseline covers them, then one delta request per check while nothing changes', async () => {
    // One member a page: a listing of Sales costs a request per member, more than a delta check.
    sandbox.directory.configure({ maxPageItems: 1 });
    expect(await sales()).toEqual(['ada@contoso.com', 'bo@contoso.com', 'olivia@contoso.com']);
    // The listing carried each member's object id: the owner of their personal rules, for the jobs to carry.
    expect(tracker.ownerOf(sandbox.tenantId, 'Ada@contoso.com')).toBe(sandbox.store.mailbox('ada@contoso.com').id.toLowerCase());
    expect(tracker.ownerOf(sandbox.tenantId, 'nobody@contoso.com')).toBeUndefined();
    // Within the interval: no request.
    expect(await requests(sales)).toEqual({ listing: 0, delta: 0 });
    // The first checks list (and learn that Sales holds Sales EMEA, which the baseline must watch too).
    nextInterval();
    await sales();
    nextInterval();
    await sales();
    for (let i = 0; i < 3; i++) {
      nextInterval();
      expect(await requests(sales)).toEqual({ listing: 0, delta: 1 });
    }
    expect(await sales()).toEqual(['ada@contoso.com', 'bo@contoso.com', 'olivia@contoso.com']);
  });

  it('a change inside a nested group shows at the next check, and only then is the group listed again', async () => {
    sandbox.directory.configure({ maxPageItems: 1 });
    await untilDeltaWatches();
    // The room joins Sales EMEA, which is nested in Sales: delta reports Sales EMEA, not Sales.
    sandbox.groups.addMember(GROUP.salesEmea, 'room.atlas@contoso.com');
    expect(await sales()).not.toContain('room.atlas@contoso.com');
    nextInterval();
    const read = await requests(sales);
    expect(read.delta).toBeGreaterThanOrEqual(1);
    expect(read.listing).toBeGreaterThan(0);
    expect(await sales()).toEqual(['ada@contoso.com', 'bo@contoso.com', 'olivia@contoso.com', 'room.atlas@contoso.com']);
    // Someone leaves Sales itself.
    sandbox.groups.removeMember(GROUP.sales, 'olivia@contoso.com');
    nextInterval();
    expect(await sales()).toEqual(['ada@contoso.com', 'bo@contoso.com', 'room.atlas@contoso.com']);
  });

  it('small groups: a listing costs no more than a delta check, so each check lists and delta is never asked', async () => {
    await sales();
    for (let i = 0; i < 3; i++) {
      nextInterval();
      expect(await requests(sales)).toEqual({ listing: 1, delta: 0 });
    }
  });

  it('everything is listed again once a day even when delta reports nothing (a member may have got a mailbox)', async () => {
    sandbox.directory.configure({ maxPageItems: 1 });
    await untilDeltaWatches();
    nextInterval();
    expect((await requests(sales)).listing).toBe(0);
    nowMs += DAY;
    expect((await requests(sales)).listing).toBeGreaterThan(0);
  });

  it('a delta that fails past the retries falls back to listing, and the answer is still right', async () => {
    sandbox.directory.configure({ maxPageItems: 1 });
    await untilDeltaWatches();
    sandbox.groups.removeMember(GROUP.salesEmea, 'bo@contoso.com');
    sandbox.faults.script({ kind: 'status', status: 503, retryAfterSeconds: 0, times: 4, match: { path: /^\/groups\/(microsoft\.graph\.)?delta/ } });
    nextInterval();
    // The four 503s are the client's first try and its three retries; then the tracker lists.
    const read = await requests(sales, 4);
    expect(read.listing).toBeGreaterThan(0);
    // Bo is still in Engineering, not in Sales any more.
    expect(await sales()).toEqual(['ada@contoso.com', 'olivia@contoso.com']);
    expect(sandbox.faults.scriptedLeft()).toBe(0);
  });

  it('a first delta round that lists members removed earlier (microsoft-graph-docs#17513) changes nothing', async () => {
    sandbox.directory.configure({ maxPageItems: 1, groupDeltaInitialIncludesRemoved: true, groupDeltaMembersPerPage: 1 });
    sandbox.groups.removeMember(GROUP.salesEmea, 'bo@contoso.com');
    await untilDeltaWatches();
    nextInterval();
    expect(await requests(sales)).toEqual({ listing: 0, delta: 1 });
    expect(await sales()).toEqual(['ada@contoso.com', 'olivia@contoso.com']);
  });

  it('a group that no longer exists enrols no one', async () => {
    const temp = sandbox.groups.create({ displayName: 'Temporary', members: ['olivia@contoso.com'] });
    expect(await tracker.addresses(sandbox.tenantId, temp.id)).toEqual(['olivia@contoso.com']);
    sandbox.groups.delete(temp.id);
    nextInterval();
    expect(await tracker.addresses(sandbox.tenantId, temp.id)).toEqual([]);
  });
});
