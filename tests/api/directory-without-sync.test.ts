/**
 * An API that runs without the sync in its process (CALSYNC_SYNC=off, workers elsewhere) reads the directory on its
 * own (sync/graph-directory.ts, what main.ts passes as `directory`): team rules are in their members' effective sets,
 * the pickers search, `/api/me` names the caller's teams — through the production Graph client against the
 * sandbox's Entra groups. "Sync now" still needs the sync; with no Graph access at all, search says why it can't.
 */
import { startGraphSandbox, type GraphSandbox } from '../../graph-sandbox/src/index';
import { GROUP, teamsTenant } from '../../graph-sandbox/tests/support/factories';
import { createGraphCredential } from '../../server/sync/credential';
import { createGraphAccess, type GraphAccess } from '../../server/sync/graph-client';
import { graphDirectory } from '../../server/sync/graph-directory';
import { startTestApi, type TestApi } from '../support/app';
import { orgDraft } from '../support/rules';
import { USERS } from '../support/tokens';

const names = (body: { items: { name: string }[] }) => body.items.map((r) => r.name);

describe('an API without the sync reads the directory itself', () => {
  let sandbox: GraphSandbox;
  let access: GraphAccess;
  let api: TestApi;

  beforeAll(async () => {
    const document = teamsTenant();
    // The signed-in users are directory users of the sandbox's tenant: Alice in Sales EMEA (so in Sales), Bob in none.
    document.directoryUsers = [
      ...(document.directoryUsers ?? []),
      { id: USERS.aliceA.oid, userPrincipalName: 'alice@contoso.com', displayName: 'Alice' },
      { id: USERS.bobA.oid, userPrincipalName: 'bob@contoso.com', displayName: 'Bob' },
    ];
    document.groups = document.groups?.map((g) => (g.id === GROUP.salesEmea ? { ...g, members: [...(g.members ?? []), 'alice@contoso.com'] } : g));
    sandbox = await startGraphSandbox({ scenario: { document } });
    access = createGraphAccess({ credential: createGraphCredential(sandbox.credential), baseUrl: sandbox.baseUrl, caPem: sandbox.caPem });
    // The test tenant's tokens against the sandbox's one tenant: the directory is asked with the home client.
    api = await startTestApi('sqlite', { directory: graphDirectory(() => access.client), effectiveCacheTtlMs: 0 });
    await api.createRule('adminA', orgDraft({ name: 'Everyone' }));
    await api.createRule('adminA', orgDraft({ name: 'Sales clients', appliesTo: { groups: [GROUP.sales] } }));
    // Engineering holds Sales EMEA too, so Alice is in it; Loop A is a team she is not in.
    await api.createRule('adminA', orgDraft({ name: 'Engineering on-call', appliesTo: { groups: [GROUP.engineering] } }));
    await api.createRule('adminA', orgDraft({ name: 'Loop stand-up', appliesTo: { groups: [GROUP.loopA] } }));
  });
  afterAll(async () => {
    await api.close();
    await access.close();
    await sandbox.stop();
  });

  test("a team rule is in its members' effective sets, through nested groups, and in no one else's", async () => {
    expect(names((await (await api.as('aliceA')).get('/api/rules?scope=effective').expect(200)).body)).toEqual([
      'Everyone',
      'Sales clients',
      'Engineering on-call',
    ]);
    expect(names((await (await api.as('bobA')).get('/api/rules?scope=effective').expect(200)).body)).toEqual(['Everyone']);
    expect((await (await api.as('aliceA')).get('/api/me').expect(200)).body.teams).toEqual([GROUP.sales, GROUP.engineering].sort());
  });

  test('the team and people pickers search the directory; team names resolve', async () => {
    const admin = await api.as('adminA');
    const teams = (await admin.get('/api/directory/groups?q=sal').expect(200)).body.items.map((g: { displayName: string }) => g.displayName).sort();
    expect(teams).toEqual(['Sales', 'Sales EMEA']);
    expect((await admin.get(`/api/directory/groups?ids=${GROUP.engineering}`).expect(200)).body.items).toEqual([
      { id: GROUP.engineering, displayName: 'Engineering' },
    ]);
    expect((await admin.get('/api/directory/users?q=ada').expect(200)).body.items.map((u: { address: string }) => u.address)).toEqual(['ada@contoso.com']);
  });

  test('"sync now" still needs the sync', async () => {
    const res = await (await api.as('adminA')).post('/api/sync/mailboxes/ada@contoso.com/sync').send({}).expect(503);
    expect(res.body.code).toBe('unavailable');
  });
});

describe('an API with neither the sync nor Graph access', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi('sqlite');
  });
  afterAll(() => api.close());

  test('the pickers answer 503 and say it is the missing Graph credential', async () => {
    const admin = await api.as('adminA');
    for (const url of ['/api/directory/groups?q=sal', '/api/directory/users?q=ada']) {
      const res = await admin.get(url).expect(503);
      expect(res.body).toMatchObject({ code: 'unavailable', message: expect.stringContaining('no Graph credential') });
    }
  });
});
