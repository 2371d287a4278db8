/**
 * `GET /groups/{id}/transitiveMembers` and its `microsoft.graph.user` / `microsoft.graph.group` casts: nested
 * members flattened and de-duplicated, a cycle walked once, users without a mailbox as `mail: null`, and the
 * cast's advanced query parameters in both modes the sources describe (src/directory-paging.ts).
 */
import { startHarness, type SandboxHarness } from './support/sandbox-client';
import { EVENTUAL, GROUP, teamsTenant } from './support/factories';

const members = (id: string, cast = '', params: Record<string, string> = {}) =>
  `/v1.0/groups/${id}/transitiveMembers${cast ? `/${cast}` : ''}?${new URLSearchParams(params)}`;
const CAST = { $count: 'true' };
const upns = (body: { value: Array<{ userPrincipalName?: string; displayName: string }> }) => body.value.map((o) => o.userPrincipalName ?? o.displayName);

describe('graph sandbox: transitiveMembers', () => {
  let h: SandboxHarness;
  beforeAll(async () => {
    h = await startHarness({ scenario: { document: teamsTenant() } });
  });
  afterAll(() => h.close());
  afterEach(() => h.sandbox.directory.configure({ castRequiresAdvancedQuery: true }));

  it('flattens nested groups breadth first, each object once, typed', async () => {
    const res = await h.raw('GET', members(GROUP.sales));
    expect(res.status).toBe(200);
    expect(res.body['@odata.context']).toContain('$metadata#directoryObjects');
    expect(upns(res.body)).toEqual(['olivia@contoso.com', 'Sales EMEA', 'ada@contoso.com', 'bo@contoso.com', 'ulla@contoso.com']);
    expect(res.body.value.map((o: { '@odata.type': string }) => o['@odata.type'])).toEqual([
      '#microsoft.graph.user',
      '#microsoft.graph.group',
      '#microsoft.graph.user',
      '#microsoft.graph.user',
      '#microsoft.graph.user',
    ]);
    // Bo is a direct member of Engineering and again through Sales EMEA: listed once.
    expect(upns((await h.raw('GET', members(GROUP.engineering))).body)).toEqual(['bo@contoso.com', 'Sales EMEA', 'ada@contoso.com', 'ulla@contoso.com']);
  });

  it('walks a cycle once and never lists the group asked about', async () => {
    expect(upns((await h.raw('GET', members(GROUP.loopA))).body)).toEqual(['ada@contoso.com', 'Loop B', 'bo@contoso.com']);
    expect(upns((await h.raw('GET', members(GROUP.loopB))).body)).toEqual(['bo@contoso.com', 'Loop A', 'ada@contoso.com']);
    h.sandbox.groups.addMember(GROUP.empty, GROUP.empty);
    expect((await h.raw('GET', members(GROUP.empty))).body.value).toEqual([]);
    h.sandbox.groups.removeMember(GROUP.empty, GROUP.empty);
  });

  it('casts to users with ConsistencyLevel and $count: a user without a mailbox has mail null', async () => {
    const res = await h.raw('GET', members(GROUP.sales, 'microsoft.graph.user', { ...CAST, $select: 'id,mail' }), { headers: EVENTUAL });
    expect(res.status).toBe(200);
    expect(res.body['@odata.context']).toContain('$metadata#users');
    expect(res.body['@odata.count']).toBe(4);
    expect(res.body.value).toHaveLength(4);
    expect(res.body.value[3]).toEqual({ id: 'd1e70000-0000-4000-8000-0000000000aa', mail: null });
    expect(res.body.value.map((u: { mail: string | null }) => u.mail)).toEqual(['olivia@contoso.com', 'ada@contoso.com', 'bo@contoso.com', null]);
    const groups = await h.raw('GET', members(GROUP.sales, 'microsoft.graph.group', CAST), { headers: EVENTUAL });
    expect(groups.body.value.map((g: { displayName: string }) => g.displayName)).toEqual(['Sales EMEA']);
  });

  it('strict (default): the cast without ConsistencyLevel or without $count is 400 Request_UnsupportedQuery', async () => {
    for (const [params, headers] of [
      [CAST, {}],
      [{}, EVENTUAL],
    ] as const) {
      const res = await h.raw('GET', members(GROUP.sales, 'microsoft.graph.user', params), { headers });
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('Request_UnsupportedQuery');
    }
    // The uncast collection needs neither.
    expect((await h.raw('GET', members(GROUP.sales))).status).toBe(200);
  });

  it('lenient (castRequiresAdvancedQuery: false): the cast is served without them, and $count without the header is ignored', async () => {
    h.sandbox.directory.configure({ castRequiresAdvancedQuery: false });
    const res = await h.raw('GET', members(GROUP.sales, 'microsoft.graph.user', CAST));
    expect(res.status).toBe(200);
    expect(res.body.value).toHaveLength(4);
    expect(res.body['@odata.count']).toBeUndefined();
  });

  it('refuses a cast to a type no member can have, and answers an unknown group 404', async () => {
    const device = await h.raw('GET', members(GROUP.sales, 'microsoft.graph.device', CAST), { headers: EVENTUAL });
    expect(device.status).toBe(400);
    expect(device.body.error.code).toBe('Request_UnsupportedQuery');
    const gone = await h.raw('GET', members('00000000-0000-4000-8000-00000000dead', 'microsoft.graph.user', CAST), { headers: EVENTUAL });
    expect(gone.status).toBe(404);
    expect(gone.body.error.code).toBe('Request_ResourceNotFound');
  });
});
