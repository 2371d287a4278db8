/**
 * The directory reads beside group membership, through the production Graph client against the sandbox's tenant
 * with groups (issue #16): 'all' enrols only users with a mailbox, the people search offers only them, and the
 * team search and names (`graph-groups.ts`) read groups by name and by id.
 */
import type { Client } from '@microsoft/microsoft-graph-client';
import { startGraphSandbox, type GraphSandbox } from '../../graph-sandbox/src/index';
import { GROUP, teamsTenant } from '../../graph-sandbox/tests/support/factories';
import { createGraphCredential } from '../../server/sync/credential';
import { createGraphAccess, type GraphAccess } from '../../server/sync/graph-client';
import { cachedGroupNames, graphGroupsByIds, searchGraphGroups } from '../../server/sync/graph-groups';
import { listDirectoryUsers, searchGraphUsers } from '../../server/sync/graph-users';

const UNKNOWN = '9c4f5d71-3ea0-4fb1-8d84-6a51a1becf43';

describe('directory reads against the sandbox', () => {
  let sandbox: GraphSandbox;
  let access: GraphAccess;
  let client: Client;

  beforeAll(async () => {
    sandbox = await startGraphSandbox({ scenario: { document: teamsTenant() } });
    access = createGraphAccess({ credential: createGraphCredential(sandbox.credential), baseUrl: sandbox.baseUrl, caPem: sandbox.caPem });
    client = access.client;
  });
  afterAll(async () => {
    await sandbox.stop();
    await access.close();
  });

  it("'all' lists the users with a mailbox, not a directory user without one", async () => {
    const addresses = (await listDirectoryUsers(client)).map((u) => u.address);
    expect(addresses).toContain('ada@contoso.com');
    expect(addresses).not.toContain('ulla@contoso.com');
  });

  it('the people search does not offer someone without a mailbox', async () => {
    expect(await searchGraphUsers(client, 'ulla', 10)).toEqual([]);
    expect((await searchGraphUsers(client, 'ada', 10)).map((p) => p.address)).toEqual(['ada@contoso.com']);
  });

  it('the team search finds groups by a word of their name', async () => {
    const found = await searchGraphGroups(client, 'sal', 10);
    expect(found.sort((a, b) => a.displayName.localeCompare(b.displayName))).toEqual([
      { id: GROUP.sales, displayName: 'Sales' },
      { id: GROUP.salesEmea, displayName: 'Sales EMEA' },
    ]);
    expect(await searchGraphGroups(client, 'emea', 10)).toEqual([{ id: GROUP.salesEmea, displayName: 'Sales EMEA' }]);
    // A quote would end the search clause: it is dropped, not sent.
    expect(await searchGraphGroups(client, '"', 10)).toEqual([]);
  });

  it('names groups by id, leaving out an id the directory does not know', async () => {
    const named = await graphGroupsByIds(client, [GROUP.engineering, UNKNOWN, GROUP.sales]);
    expect(named.sort((a, b) => a.displayName.localeCompare(b.displayName))).toEqual([
      { id: GROUP.engineering, displayName: 'Engineering' },
      { id: GROUP.sales, displayName: 'Sales' },
    ]);
  });

  it('remembers names (and unknown ids) per tenant: a second ask costs no request', async () => {
    const names = cachedGroupNames(() => client);
    const requests = () => sandbox.accounting.snapshot().totalRequests - sandbox.accounting.snapshot().tokensIssued;
    expect(await names('t1', [GROUP.sales, UNKNOWN])).toEqual([{ id: GROUP.sales, displayName: 'Sales' }]);
    const before = requests();
    expect(await names('t1', [UNKNOWN, GROUP.sales])).toEqual([{ id: GROUP.sales, displayName: 'Sales' }]);
    expect(requests()).toBe(before);
  });
});
