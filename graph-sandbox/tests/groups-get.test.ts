/**
 * `GET /groups/{id}` and `GET /groups` as Entra answers them: 404 Request_ResourceNotFound for an unknown (or another
 * tenant's) group, `$select`, and `$search` as an advanced query (sources in src/routes/groups.ts and
 * src/directory-query.ts).
 */
import { startHarness, type SandboxHarness } from './support/sandbox-client';
import { EVENTUAL, GROUP, teamsTenant } from './support/factories';

const FABRIKAM = 'fabfabfa-0000-4000-8000-000000000001';
const q = (path: string, params: Record<string, string>) => `/v1.0${path}?${new URLSearchParams(params)}`;
const names = (body: { value: Array<{ displayName: string }> }) => body.value.map((g) => g.displayName);

describe('graph sandbox: GET /groups and /groups/{id}', () => {
  let h: SandboxHarness;
  beforeAll(async () => {
    h = await startHarness({ scenario: { document: teamsTenant() }, tenants: [{ id: FABRIKAM, domains: ['fabrikam.com'], consented: true }] });
    h.sandbox.groups.create({ id: 'fab00000-0000-4000-8000-000000000009', tenantId: FABRIKAM, displayName: 'Sales Fabrikam' });
  });
  afterAll(() => h.close());

  it('returns a group, with $select keeping only the named properties and id', async () => {
    const full = await h.raw('GET', `/v1.0/groups/${GROUP.sales}`);
    expect(full.status).toBe(200);
    expect(full.body).toMatchObject({
      id: GROUP.sales,
      displayName: 'Sales',
      mail: 'sales@contoso.com',
      mailEnabled: true,
      securityEnabled: true,
      description: 'Everyone who sells',
    });
    const picked = await h.raw('GET', q(`/groups/${GROUP.salesEmea}`, { $select: 'displayName' }));
    expect(picked.body).toEqual({ '@odata.context': expect.stringContaining('groups/$entity'), id: GROUP.salesEmea, displayName: 'Sales EMEA' });
  });

  it('answers an unknown group, and another tenant’s, 404 Request_ResourceNotFound naming the id', async () => {
    for (const id of ['00000000-0000-4000-8000-00000000dead', 'fab00000-0000-4000-8000-000000000009']) {
      const res = await h.raw('GET', `/v1.0/groups/${id}`);
      expect(res.status).toBe(404);
      expect(res.body.error.code).toBe('Request_ResourceNotFound');
      expect(res.body.error.message).toBe(`Resource '${id}' does not exist or one of its queried reference-property objects are not present.`);
    }
  });

  it('refuses $search without ConsistencyLevel: eventual', async () => {
    const res = await h.raw('GET', q('/groups', { $search: '"displayName:sales"' }));
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('Request_UnsupportedQuery');
  });

  it('searches displayName and description by word prefix, in the token’s tenant only', async () => {
    const sales = await h.raw('GET', q('/groups', { $search: '"displayName:sal"' }), { headers: EVENTUAL });
    expect(names(sales.body)).toEqual(['Sales', 'Sales EMEA']);
    const emea = await h.raw('GET', q('/groups', { $search: '"displayName:emea"' }), { headers: EVENTUAL });
    expect(names(emea.body)).toEqual(['Sales EMEA']);
    const described = await h.raw('GET', q('/groups', { $search: '"description:sells" OR "displayName:loop"' }), { headers: EVENTUAL });
    expect(names(described.body)).toEqual(['Sales', 'Loop A', 'Loop B']);
    expect((await h.raw('GET', q('/groups', { $search: '"mailNickname:x"' }), { headers: EVENTUAL })).status).toBe(400);
  });

  it('pages with $top and @odata.nextLink, $count on the first page only', async () => {
    const first = await h.raw('GET', q('/groups', { $top: '4', $count: 'true', $select: 'id' }), { headers: EVENTUAL });
    expect(first.body['@odata.count']).toBe(6);
    expect(first.body.value).toHaveLength(4);
    const next = new URL(first.body['@odata.nextLink']);
    const rest = await h.raw('GET', `${next.pathname}${next.search}`, { headers: EVENTUAL });
    expect(rest.body.value).toHaveLength(2);
    expect(rest.body['@odata.count']).toBeUndefined();
    expect(rest.body['@odata.nextLink']).toBeUndefined();
    // Without the header $count=true is ignored, not refused.
    const plain = await h.raw('GET', q('/groups', { $count: 'true' }));
    expect(plain.status).toBe(200);
    expect(plain.body['@odata.count']).toBeUndefined();
    expect((await h.raw('GET', q('/groups', { $top: '1000' }))).status).toBe(400);
  });
});
