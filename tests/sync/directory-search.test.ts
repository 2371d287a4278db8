/** GET /users with $search and $filter as Entra ID answers them (see graph-sandbox/src/directory-query.ts for sources). */
import { searchGraphUsers } from '../../server/sync/graph-users';
import { startHarness, type SandboxHarness } from '../../graph-sandbox/tests/support/sandbox-client';
import { smallTenant } from '../../graph-sandbox/tests/support/factories';

const q = (params: Record<string, string>) => `/v1.0/users?${new URLSearchParams(params)}`;
const eventual = { ConsistencyLevel: 'eventual' };
const upns = (body: { value: Array<{ userPrincipalName: string }> }) => body.value.map((u) => u.userPrincipalName).sort();

describe('graph sandbox: directory search on /users', () => {
  let h: SandboxHarness;
  beforeAll(async () => {
    h = await startHarness({ scenario: { document: smallTenant('UTC') } });
  });
  afterAll(() => h.close());

  it('refuses $search without ConsistencyLevel: eventual', async () => {
    const res = await h.raw('GET', q({ $search: '"displayName:ada"' }));
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('Request_UnsupportedQuery');
    expect(res.body.error.message).toContain('ConsistencyLevel');
  });

  it('matches a word of the property by its start, case-insensitively', async () => {
    const res = await h.raw('GET', q({ $search: '"displayName:att"' }), { headers: eventual });
    expect(res.status).toBe(200);
    expect(upns(res.body)).toEqual(['ada@contoso.com']);
    // Not inside a word: "ttendee" starts no token.
    expect(upns((await h.raw('GET', q({ $search: '"displayName:ttendee"' }), { headers: eventual })).body)).toEqual([]);
  });

  it('joins clauses with OR and AND; mail addresses split at symbols', async () => {
    const or = await h.raw('GET', q({ $search: '"displayName:bo" OR "mail:olivia"' }), { headers: eventual });
    expect(upns(or.body)).toEqual(['bo@contoso.com', 'olivia@contoso.com']);
    const and = await h.raw('GET', q({ $search: '"mail:contoso" AND "displayName:room"' }), { headers: eventual });
    expect(upns(and.body)).toEqual(['room.atlas@contoso.com']);
  });

  it('refuses an unquoted $search value and an unknown property', async () => {
    expect((await h.raw('GET', q({ $search: 'displayName:ada' }), { headers: eventual })).status).toBe(400);
    const res = await h.raw('GET', q({ $search: '"jobTitle:x"' }), { headers: eventual });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('Request_UnsupportedQuery');
  });

  it('filters with startswith without the header, and honours $top', async () => {
    const res = await h.raw('GET', q({ $filter: "startswith(displayName,'ro') or startswith(mail,'ada')" }));
    expect(res.status).toBe(200);
    expect(upns(res.body)).toEqual(['ada@contoso.com', 'room.atlas@contoso.com']);
    expect((await h.raw('GET', q({ $filter: "startswith(displayName,'o')", $top: '1' }))).body.value).toHaveLength(1);
    expect((await h.raw('GET', q({ $filter: "endswith(mail,'com')" }))).status).toBe(400);
    expect((await h.raw('GET', q({ $top: '0' }))).status).toBe(400);
  });

  it('pages with $top and @odata.nextLink; the search and $skiptoken carry over', async () => {
    const first = await h.raw('GET', q({ $top: '3' }));
    expect(first.body.value).toHaveLength(3);
    const next = new URL(first.body['@odata.nextLink']);
    const rest = await h.raw('GET', `${next.pathname}${next.search}`);
    expect(rest.body.value).toHaveLength(1);
    expect(rest.body['@odata.nextLink']).toBeUndefined();
    expect([...upns(first.body), ...upns(rest.body)].sort()).toEqual(['ada@contoso.com', 'bo@contoso.com', 'olivia@contoso.com', 'room.atlas@contoso.com']);
  });

  it('the sync side search sends the header and the quoted syntax, and drops quotes from the text', async () => {
    expect(await searchGraphUsers(h.client, 'Ada', 10)).toEqual([{ displayName: 'Ada Attendee', address: 'ada@contoso.com' }]);
    expect(await searchGraphUsers(h.client, '"olivia\\', 10)).toEqual([{ displayName: 'Olivia Organizer', address: 'olivia@contoso.com' }]);
    expect(await searchGraphUsers(h.client, '"', 10)).toEqual([]);
  });
});
