/**
 * `GET /users/{id | UPN}/transitiveMemberOf` and its `microsoft.graph.group` cast: every group a user is in,
 * directly or through nesting, a cycle walked once; users without a mailbox too; 404 Request_ResourceNotFound for
 * an unknown user (sources in src/routes/groups.ts).
 */
import { startHarness, type SandboxHarness } from './support/sandbox-client';
import { EVENTUAL, teamsTenant } from './support/factories';

const memberOf = (user: string, cast = '', params: Record<string, string> = {}) =>
  `/v1.0/users/${user}/transitiveMemberOf${cast ? `/${cast}` : ''}?${new URLSearchParams(params)}`;
const names = (body: { value: Array<{ displayName: string }> }) => body.value.map((g) => g.displayName);

describe('graph sandbox: transitiveMemberOf', () => {
  let h: SandboxHarness;
  beforeAll(async () => {
    h = await startHarness({ scenario: { document: teamsTenant() } });
  });
  afterAll(() => h.close());

  it('lists direct groups first, then the groups they are in, each once (a cycle included)', async () => {
    const res = await h.raw('GET', memberOf('ada@contoso.com'));
    expect(res.status).toBe(200);
    expect(names(res.body)).toEqual(['Sales EMEA', 'Loop A', 'Sales', 'Engineering', 'Loop B']);
    expect(res.body.value.every((g: { '@odata.type': string }) => g['@odata.type'] === '#microsoft.graph.group')).toBe(true);
  });

  it('casts to groups with ConsistencyLevel and $count, by object id as by UPN', async () => {
    const id = h.sandbox.store.mailbox('olivia@contoso.com').id;
    const res = await h.raw('GET', memberOf(id, 'microsoft.graph.group', { $count: 'true', $select: 'id' }), { headers: EVENTUAL });
    expect(res.status).toBe(200);
    expect(res.body['@odata.count']).toBe(1);
    expect(res.body.value).toEqual([{ id: '5a1e5000-0000-4000-8000-000000000001' }]);
    const refused = await h.raw('GET', memberOf(id, 'microsoft.graph.group'));
    expect(refused.status).toBe(400);
    expect(refused.body.error.code).toBe('Request_UnsupportedQuery');
  });

  it('reads the groups of a user without a mailbox, and none for someone in no group', async () => {
    expect(names((await h.raw('GET', memberOf('d1e70000-0000-4000-8000-0000000000aa'))).body)).toEqual(['Sales EMEA', 'Sales', 'Engineering']);
    expect((await h.raw('GET', memberOf('room.atlas@contoso.com'))).body.value).toEqual([]);
  });

  it('answers an unknown user 404 Request_ResourceNotFound', async () => {
    const res = await h.raw('GET', memberOf('nobody@contoso.com', 'microsoft.graph.group', { $count: 'true' }), { headers: EVENTUAL });
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('Request_ResourceNotFound');
  });
});
