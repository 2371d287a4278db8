/**
 * The server's group reads — `listGroupMembers` (enrolment by group) and `listUserGroups` (rules for a team) —
 * through the production Graph client (createGraphAccess: default middleware, its RetryHandler included) against
 * the sandbox's Entra groups: nesting, a cycle, members without a mailbox, several pages, a 429 and a 503 on one
 * request, Entra's resource-unit budget spent mid-listing, a group that was deleted, and membership changed between two reads. Faults are scripted per request;
 * the RetryHandler's waits are recorded instead of slept.
 */
import { RetryHandler } from '@microsoft/microsoft-graph-client';
import type { Client } from '@microsoft/microsoft-graph-client';
import { startGraphSandbox, type GraphSandbox } from '../../graph-sandbox/src/index';
import { GROUP, teamsTenant } from '../../graph-sandbox/tests/support/factories';
import { createGraphCredential } from '../../server/sync/credential';
import { createGraphAccess, type GraphAccess } from '../../server/sync/graph-client';
import { listUserGroups } from '../../server/sync/group-membership';
import { listGroupMembers } from '../../server/sync/graph-users';

const ULLA = 'd1e70000-0000-4000-8000-0000000000aa';
const addresses = (members: Array<{ address: string }>) => members.map((m) => m.address).sort();

describe('group resolution against the sandbox', () => {
  let sandbox: GraphSandbox;
  let access: GraphAccess;
  let client: Client;
  const waits: number[] = [];
  let sleep: jest.SpyInstance;

  beforeAll(async () => {
    sandbox = await startGraphSandbox({ scenario: { document: teamsTenant() } });
    access = createGraphAccess({ credential: createGraphCredential(sandbox.credential), baseUrl: sandbox.baseUrl, caPem: sandbox.caPem });
    client = access.client;
    // The RetryHandler waits Retry-After seconds (or its backoff) between attempts: recorded, not slept.
    sleep = jest.spyOn(RetryHandler.prototype as unknown as { sleep(seconds: number): Promise<void> }, 'sleep').mockImplementation(async (seconds: number) => {
      waits.push(seconds);
    });
  });
  afterAll(async () => {
    sleep.mockRestore();
    await sandbox.stop();
    await access.close();
  });
  afterEach(() => {
    sandbox.faults.clearScript();
    sandbox.directory.configure({ maxPageItems: null });
    waits.length = 0;
  });

  const idOf = (upn: string) => sandbox.store.mailbox(upn).id.toLowerCase();
  /** Graph requests (token requests left out) made by `run`. */
  async function graphRequests<T>(run: () => Promise<T>): Promise<{ result: T; requests: number }> {
    const before = sandbox.accounting.snapshot();
    const result = await run();
    const after = sandbox.accounting.snapshot();
    return { result, requests: after.totalRequests - before.totalRequests - (after.tokensIssued - before.tokensIssued) };
  }

  it('flattens nested groups: members with a mailbox, by address and object id', async () => {
    const members = await listGroupMembers(client, GROUP.sales);
    expect(addresses(members)).toEqual(['ada@contoso.com', 'bo@contoso.com', 'olivia@contoso.com']);
    expect(members.find((m) => m.address === 'ada@contoso.com')?.id).toBe(idOf('ada@contoso.com'));
    expect(await listUserGroups(client, idOf('ada@contoso.com'))).toEqual(new Set([GROUP.salesEmea, GROUP.loopA, GROUP.sales, GROUP.engineering, GROUP.loopB]));
  });

  it('ends on a cycle of groups, each member and group once', async () => {
    expect(addresses(await listGroupMembers(client, GROUP.loopA))).toEqual(['ada@contoso.com', 'bo@contoso.com']);
    const bo = await listUserGroups(client, idOf('bo@contoso.com'));
    expect(bo).toEqual(new Set([GROUP.salesEmea, GROUP.engineering, GROUP.loopB, GROUP.sales, GROUP.loopA]));
  });

  it('leaves out members without a mailbox, and reads such a user’s groups', async () => {
    const emea = await listGroupMembers(client, GROUP.salesEmea);
    expect(addresses(emea)).toEqual(['ada@contoso.com', 'bo@contoso.com']);
    expect(emea.some((m) => m.id === ULLA)).toBe(false);
    expect(await listUserGroups(client, ULLA)).toEqual(new Set([GROUP.salesEmea, GROUP.sales, GROUP.engineering]));
    expect(await listGroupMembers(client, GROUP.empty)).toEqual([]);
  });

  it('follows nextLinks over several pages (pages smaller than $top), the cast’s headers sent on each', async () => {
    sandbox.directory.configure({ maxPageItems: 1 });
    const members = await graphRequests(() => listGroupMembers(client, GROUP.sales));
    // Four users (Ulla included, without mail) on four pages.
    expect(members.requests).toBe(4);
    expect(addresses(members.result)).toEqual(['ada@contoso.com', 'bo@contoso.com', 'olivia@contoso.com']);
    const groups = await graphRequests(() => listUserGroups(client, idOf('ada@contoso.com')));
    expect(groups.requests).toBe(5);
    expect(groups.result.size).toBe(5);
  });

  it('a 429 with Retry-After and a 503 on one request: retried, the whole set read', async () => {
    sandbox.directory.configure({ maxPageItems: 2 });
    sandbox.faults.script(
      { kind: 'status', status: 429, retryAfterSeconds: 7, match: { path: /^\/groups\/[^/]+\/transitiveMembers/ } },
      { kind: 'status', status: 503, retryAfterSeconds: 2, match: { path: /^\/groups\/[^/]+\/transitiveMembers/ } },
    );
    expect(addresses(await listGroupMembers(client, GROUP.sales))).toEqual(['ada@contoso.com', 'bo@contoso.com', 'olivia@contoso.com']);
    expect(waits).toEqual([7, 2]);
    expect(sandbox.faults.scriptedLeft()).toBe(0);
    // Every second request for a user's groups (five groups, pages of two: pages 2 and 3 meet a 429 first): each
    // nextLink is retried after Retry-After, nothing is lost.
    waits.length = 0;
    sandbox.faults.script({ kind: 'status', status: 429, retryAfterSeconds: 5, match: { path: /transitiveMemberOf/ }, every: 2 });
    const groups = await graphRequests(() => listUserGroups(client, idOf('ada@contoso.com')));
    expect(groups.result.size).toBe(5);
    expect(groups.requests).toBe(5);
    expect(waits).toEqual([5, 5]);
  });

  it("Entra's resource-unit budget spent mid-listing: the client waits its Retry-After and the listing completes", async () => {
    sandbox.directory.configure({ maxPageItems: 1 });
    // Four pages at 4 units each (transitiveMembers 5, less 1 for $select): a budget of 10 is spent at the third.
    // An hour's window: only the wait below starts a new one, however slow the machine.
    sandbox.directoryLimits.configure({ resourceUnitsPerWindow: 10, windowMs: 3_600_000 });
    sandbox.directoryLimits.resetCounters();
    // The RetryHandler's wait (recorded, not slept) is long enough for a new window.
    sleep.mockImplementation(async (seconds: number) => {
      waits.push(seconds);
      sandbox.directoryLimits.resetCounters();
    });
    try {
      const throttledBefore = sandbox.accounting.snapshot().throttled429;
      const members = await graphRequests(() => listGroupMembers(client, GROUP.sales));
      expect(addresses(members.result)).toEqual(['ada@contoso.com', 'bo@contoso.com', 'olivia@contoso.com']);
      // One page was refused once, and served after the wait.
      expect(sandbox.accounting.snapshot().throttled429 - throttledBefore).toBe(1);
      expect(waits).toHaveLength(1);
      expect(waits[0]).toBeGreaterThanOrEqual(1);
    } finally {
      sleep.mockImplementation(async (seconds: number) => {
        waits.push(seconds);
      });
      sandbox.directoryLimits.configure({ resourceUnitsPerWindow: null, windowMs: 10_000 });
      sandbox.directoryLimits.resetCounters();
    }
  });

  it('throws when the faults outlast the client’s retries: neither read guesses', async () => {
    const unavailable = { kind: 'status', status: 503, retryAfterSeconds: 0, times: 4 } as const;
    sandbox.faults.script({ ...unavailable, match: { path: /transitiveMembers/ } });
    await expect(listGroupMembers(client, GROUP.sales)).rejects.toMatchObject({ statusCode: 503 });
    sandbox.faults.script({ ...unavailable, match: { path: /transitiveMemberOf/ } });
    await expect(listUserGroups(client, idOf('ada@contoso.com'))).rejects.toMatchObject({ statusCode: 503 });
  });

  it('a removed group: its members are none (404), and it leaves its members’ groups', async () => {
    const temp = sandbox.groups.create({ displayName: 'Temporary', members: ['olivia@contoso.com'] });
    expect(addresses(await listGroupMembers(client, temp.id))).toEqual(['olivia@contoso.com']);
    sandbox.groups.delete(temp.id);
    expect(await listGroupMembers(client, temp.id)).toEqual([]);
    expect(await listUserGroups(client, idOf('olivia@contoso.com'))).toEqual(new Set([GROUP.sales]));
    // An unknown user is an error, not "no groups".
    await expect(listUserGroups(client, '00000000-0000-4000-8000-00000000dead')).rejects.toMatchObject({ statusCode: 404 });
  });

  it('reads membership changed between two reads', async () => {
    expect(addresses(await listGroupMembers(client, GROUP.engineering))).toEqual(['ada@contoso.com', 'bo@contoso.com']);
    sandbox.groups.addMember(GROUP.engineering, 'olivia@contoso.com');
    sandbox.groups.removeMember(GROUP.engineering, GROUP.salesEmea);
    expect(addresses(await listGroupMembers(client, GROUP.engineering))).toEqual(['bo@contoso.com', 'olivia@contoso.com']);
    expect(await listUserGroups(client, idOf('ada@contoso.com'))).toEqual(new Set([GROUP.salesEmea, GROUP.loopA, GROUP.sales, GROUP.loopB]));
    expect(await listUserGroups(client, idOf('olivia@contoso.com'))).toEqual(new Set([GROUP.sales, GROUP.engineering]));
  });
});
