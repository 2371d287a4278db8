/**
 * Paging of transitive members (src/directory-paging.ts): 100 a page by default, `$top` 1–999, `@odata.count` on
 * the first page only, each page judged on its own headers, and `maxPageItems` pages smaller than `$top` (Graph:
 * "A page of results may contain zero or more results").
 */
import { startHarness, type SandboxHarness } from './support/sandbox-client';
import { EVENTUAL, GROUP, teamsTenant } from './support/factories';

const BIG = 'b1900000-0000-4000-8000-000000000010';
const path = (url: string) => {
  const u = new URL(url);
  return `${u.pathname}${u.search}`;
};

describe('graph sandbox: paging directory collections', () => {
  let h: SandboxHarness;
  beforeAll(async () => {
    h = await startHarness({ scenario: { document: teamsTenant() } });
    h.sandbox.groups.create({ id: BIG, displayName: 'Everyone big' });
    for (let i = 0; i < 250; i++) {
      const u = h.sandbox.groups.addUserWithoutMailbox({ userPrincipalName: `temp${i}@contoso.com`, displayName: `Temp ${i}` });
      h.sandbox.groups.addMember(BIG, u.id);
    }
    h.sandbox.groups.addMember(BIG, GROUP.sales);
  });
  afterAll(() => h.close());
  afterEach(() => h.sandbox.directory.configure({ maxPageItems: null }));

  /** Every page of a collection; the headers go with every request, as the client must send them itself. */
  async function all(first: string, headers: Record<string, string> = {}): Promise<{ pages: number[]; ids: string[]; counts: unknown[] }> {
    const pages: number[] = [];
    const ids: string[] = [];
    const counts: unknown[] = [];
    for (let url: string | undefined = first; url;) {
      const res = await h.raw('GET', url, { headers });
      expect(res.status).toBe(200);
      pages.push(res.body.value.length);
      counts.push(res.body['@odata.count']);
      ids.push(...res.body.value.map((o: { id: string }) => o.id));
      url = res.body['@odata.nextLink'] ? path(res.body['@odata.nextLink']) : undefined;
    }
    return { pages, ids, counts };
  }

  it('pages 100 by default, every member once', async () => {
    const { pages, ids } = await all(`/v1.0/groups/${BIG}/transitiveMembers`);
    expect(pages).toEqual([100, 100, 56]);
    expect(new Set(ids).size).toBe(256);
  });

  it('takes $top up to 999; @odata.count comes on the first page only', async () => {
    const { pages, counts } = await all(`/v1.0/groups/${BIG}/transitiveMembers/microsoft.graph.user?$count=true&$top=999`, EVENTUAL);
    expect(pages).toEqual([254]);
    expect(counts).toEqual([254]);
    const small = await all(`/v1.0/groups/${BIG}/transitiveMembers/microsoft.graph.user?$count=true&$top=120`, EVENTUAL);
    expect(small.pages).toEqual([120, 120, 14]);
    expect(small.counts).toEqual([254, undefined, undefined]);
    expect((await h.raw('GET', `/v1.0/groups/${BIG}/transitiveMembers?$top=1000`)).status).toBe(400);
    expect((await h.raw('GET', `/v1.0/groups/${BIG}/transitiveMembers?$top=0`)).status).toBe(400);
  });

  it('judges each page on its own headers: a nextLink of a cast without ConsistencyLevel is refused', async () => {
    const first = await h.raw('GET', `/v1.0/groups/${BIG}/transitiveMembers/microsoft.graph.user?$count=true&$top=100`, { headers: EVENTUAL });
    const next = await h.raw('GET', path(first.body['@odata.nextLink']));
    expect(next.status).toBe(400);
    expect(next.body.error.code).toBe('Request_UnsupportedQuery');
  });

  it('maxPageItems makes pages smaller than $top, and the links still reach every member', async () => {
    h.sandbox.directory.configure({ maxPageItems: 2 });
    const { pages, ids } = await all(`/v1.0/groups/${GROUP.sales}/transitiveMembers/microsoft.graph.user?$count=true&$top=999&$select=id,mail`, EVENTUAL);
    expect(pages).toEqual([2, 2]);
    expect(ids).toHaveLength(4);
    const memberOf = await all('/v1.0/users/ada@contoso.com/transitiveMemberOf/microsoft.graph.group?$count=true&$top=999', EVENTUAL);
    expect(memberOf.pages).toEqual([2, 2, 2]);
  });
});
