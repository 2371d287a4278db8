/**
 * `GET /groups/delta`: first rounds with direct members only, later rounds with exactly what changed (a nested
 * group's change stays on the nested group), deleted groups, `$filter=id eq` and its limits, tokens bound to their
 * tenant, the initial-round `@removed` option, and the endpoint inside the usual machinery (sources in
 * src/routes/groups-delta.ts and src/group-delta.ts).
 */
import { fetch as undiciFetch } from 'undici';
import { startHarness, type SandboxHarness } from './support/sandbox-client';
import { GROUP, teamsTenant } from './support/factories';

const FABRIKAM = 'fabfabfa-0000-4000-8000-000000000001';
const FAB_GROUP = 'fab00000-0000-4000-8000-000000000009';
const ULLA = 'd1e70000-0000-4000-8000-0000000000aa';

interface MemberEntry {
  '@odata.type': string;
  id: string;
  '@removed'?: { reason: string };
}
interface GroupEntry {
  id: string;
  displayName?: string;
  'members@delta'?: MemberEntry[];
  '@removed'?: { reason: string };
}

const relative = (link: string): string => {
  const url = new URL(link);
  return `${url.pathname}${url.search}`;
};
const idFilter = (ids: string[]): string => ids.map((id) => `id eq '${id}'`).join(' or ');

describe('graph sandbox: GET /groups/delta', () => {
  let h: SandboxHarness;
  let fabrikamToken: string;
  const user = (upn: string): MemberEntry => ({ '@odata.type': '#microsoft.graph.user', id: h.sandbox.store.mailbox(upn).id.toLowerCase() });
  const group = (id: string): MemberEntry => ({ '@odata.type': '#microsoft.graph.group', id });
  const removed = (m: MemberEntry): MemberEntry => ({ ...m, '@removed': { reason: 'deleted' } });

  /** Follows a round's nextLinks to its deltaLink: every entry, the number of pages, the deltaLink as a path. */
  async function round(path: string, authorization?: string): Promise<{ value: GroupEntry[]; pages: number; deltaLink: string }> {
    const value: GroupEntry[] = [];
    let pages = 0;
    for (let next: string | undefined = path; next;) {
      const res = await h.raw('GET', next, authorization ? { authorization } : {});
      expect(res.status).toBe(200);
      pages++;
      value.push(...(res.body.value as GroupEntry[]));
      if (res.body['@odata.deltaLink']) return { value, pages, deltaLink: relative(res.body['@odata.deltaLink']) };
      next = relative(res.body['@odata.nextLink']);
    }
    throw new Error('a round ended without a deltaLink');
  }
  /** A deltaLink from now on, for a test that looks only at its own changes. */
  const latest = async (query = ''): Promise<string> => (await round(`/v1.0/groups/delta?$deltatoken=latest${query}`)).deltaLink;

  beforeAll(async () => {
    h = await startHarness({ scenario: { document: teamsTenant() }, tenants: [{ id: FABRIKAM, domains: ['fabrikam.com'], consented: true }] });
    h.sandbox.groups.create({ id: FAB_GROUP, tenantId: FABRIKAM, displayName: 'Sales Fabrikam' });
    const form = new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: h.sandbox.app.clientId,
      client_secret: h.sandbox.app.clientSecret,
      scope: 'https://graph.microsoft.com/.default',
    });
    const res = await undiciFetch(`${h.sandbox.baseUrl}/${FABRIKAM}/oauth2/v2.0/token`, { method: 'POST', body: form, dispatcher: h.dispatcher });
    fabrikamToken = ((await res.json()) as { access_token: string }).access_token;
  });
  afterAll(() => h.close());
  afterEach(() => {
    h.sandbox.faults.clearScript();
    h.sandbox.directory.configure({ groupDeltaInitialIncludesRemoved: false });
  });

  it('first round: every group of the tenant with its direct members only, nested groups as group entries', async () => {
    const { value, deltaLink } = await round('/v1.0/groups/delta?$select=displayName,members');
    expect(value.map((g) => g.displayName)).toEqual(['Sales', 'Sales EMEA', 'Engineering', 'Loop A', 'Loop B', 'Empty']);
    const byId = Object.fromEntries(value.map((g) => [g.id, g]));
    expect(byId[GROUP.sales]).toEqual({ id: GROUP.sales, displayName: 'Sales', 'members@delta': [user('olivia@contoso.com'), group(GROUP.salesEmea)] });
    expect(byId[GROUP.salesEmea]?.['members@delta']).toEqual([
      user('ada@contoso.com'),
      user('bo@contoso.com'),
      { '@odata.type': '#microsoft.graph.user', id: ULLA },
    ]);
    expect(byId[GROUP.engineering]?.['members@delta']).toEqual([user('bo@contoso.com'), group(GROUP.salesEmea)]);
    expect(byId[GROUP.loopA]?.['members@delta']).toEqual([user('ada@contoso.com'), group(GROUP.loopB)]);
    expect(byId[GROUP.empty]?.['members@delta']).toEqual([]);
    expect(deltaLink).toMatch(/^\/v1\.0\/groups\/delta\?\$deltatoken=/);
  });

  it('is reachable as /groups/microsoft.graph.delta; without $select every property and members@delta, with $select only id and the named', async () => {
    const full = await round('/v1.0/groups/microsoft.graph.delta');
    expect(full.value[0]).toMatchObject({
      id: GROUP.sales,
      displayName: 'Sales',
      mail: 'sales@contoso.com',
      securityEnabled: true,
      'members@delta': expect.any(Array),
    });
    const named = await round('/v1.0/groups/delta?$select=displayName');
    expect(named.value[0]).toEqual({ id: GROUP.sales, displayName: 'Sales' });
  });

  it('a later round lists exactly the members added and removed, and no change is an empty page with a deltaLink', async () => {
    const { deltaLink } = await round('/v1.0/groups/delta?$select=displayName,members');
    const idle = await round(deltaLink);
    expect(idle.value).toEqual([]);
    expect(idle.pages).toBe(1);
    h.sandbox.groups.addMember(GROUP.empty, 'olivia@contoso.com');
    h.sandbox.groups.removeMember(GROUP.engineering, 'bo@contoso.com');
    const changed = await round(idle.deltaLink);
    expect(changed.value).toEqual([
      { id: GROUP.engineering, displayName: 'Engineering', 'members@delta': [removed(user('bo@contoso.com'))] },
      { id: GROUP.empty, displayName: 'Empty', 'members@delta': [user('olivia@contoso.com')] },
    ]);
    // The query options travelled in the token: the follow-up request carried none.
    h.sandbox.groups.removeMember(GROUP.empty, 'olivia@contoso.com');
    h.sandbox.groups.addMember(GROUP.engineering, 'bo@contoso.com');
    const back = await round(changed.deltaLink);
    expect(back.value).toEqual([
      { id: GROUP.engineering, displayName: 'Engineering', 'members@delta': [user('bo@contoso.com')] },
      { id: GROUP.empty, displayName: 'Empty', 'members@delta': [removed(user('olivia@contoso.com'))] },
    ]);
  });

  it('a member added and removed again between two rounds is no change', async () => {
    const from = await latest('&$select=members');
    h.sandbox.groups.addMember(GROUP.empty, 'ada@contoso.com');
    h.sandbox.groups.removeMember(GROUP.empty, 'ada@contoso.com');
    expect((await round(from)).value).toEqual([]);
  });

  it('a user added to a nested group is a change of that group only, never of the groups it is nested in', async () => {
    const from = await latest('&$select=members');
    h.sandbox.groups.addMember(GROUP.salesEmea, 'olivia@contoso.com');
    const { value, deltaLink } = await round(from);
    expect(value).toEqual([{ id: GROUP.salesEmea, 'members@delta': [user('olivia@contoso.com')] }]);
    h.sandbox.groups.removeMember(GROUP.salesEmea, 'olivia@contoso.com');
    expect((await round(deltaLink)).value).toEqual([{ id: GROUP.salesEmea, 'members@delta': [removed(user('olivia@contoso.com'))] }]);
  });

  it('a new group comes whole; a deleted one as @removed "changed", and it leaves its parent; one created and deleted between rounds never shows', async () => {
    const from = await latest('&$select=displayName,members');
    const temp = h.sandbox.groups.create({ displayName: 'Temp', members: ['ada@contoso.com'] });
    h.sandbox.groups.addMember(GROUP.empty, temp.id);
    const created = await round(from);
    expect(created.value).toEqual([
      { id: GROUP.empty, displayName: 'Empty', 'members@delta': [group(temp.id)] },
      { id: temp.id, displayName: 'Temp', 'members@delta': [user('ada@contoso.com')] },
    ]);
    h.sandbox.groups.delete(temp.id);
    const deleted = await round(created.deltaLink);
    expect(deleted.value).toEqual([
      { id: GROUP.empty, displayName: 'Empty', 'members@delta': [removed(group(temp.id))] },
      { id: temp.id, '@removed': { reason: 'changed' } },
    ]);
    const fleeting = h.sandbox.groups.create({ displayName: 'Fleeting' });
    h.sandbox.groups.delete(fleeting.id);
    expect((await round(deleted.deltaLink)).value).toEqual([]);
  });

  it('$filter=id eq … or …: only those groups, in the first round and after', async () => {
    const first = await round(`/v1.0/groups/delta?$select=members&$filter=${encodeURIComponent(idFilter([GROUP.empty, GROUP.loopB]))}`);
    expect(first.value.map((g) => g.id)).toEqual([GROUP.loopB, GROUP.empty]);
    h.sandbox.groups.addMember(GROUP.sales, 'ada@contoso.com');
    h.sandbox.groups.addMember(GROUP.empty, 'ada@contoso.com');
    expect((await round(first.deltaLink)).value).toEqual([{ id: GROUP.empty, 'members@delta': [user('ada@contoso.com')] }]);
    h.sandbox.groups.removeMember(GROUP.sales, 'ada@contoso.com');
    h.sandbox.groups.removeMember(GROUP.empty, 'ada@contoso.com');
  });

  it('refuses more than 50 ids, and any other $filter, 400 Request_UnsupportedQuery', async () => {
    const ids = Array.from({ length: 51 }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`);
    const tooMany = await h.raw('GET', `/v1.0/groups/delta?$filter=${encodeURIComponent(idFilter(ids))}`);
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.error.code).toBe('Request_UnsupportedQuery');
    expect((await h.raw('GET', `/v1.0/groups/delta?$filter=${encodeURIComponent(idFilter(ids.slice(0, 50)))}`)).status).toBe(200);
    for (const filter of ["startswith(displayName,'Sales')", `displayName eq 'Sales'`, `id eq '${GROUP.sales}' and id eq '${GROUP.empty}'`]) {
      const res = await h.raw('GET', `/v1.0/groups/delta?$filter=${encodeURIComponent(filter)}`);
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('Request_UnsupportedQuery');
    }
  });

  it('refuses a garbled or tampered token 400 SyncStateNotFound', async () => {
    const good = new URL(await latest(), 'https://x').searchParams.get('$deltatoken') as string;
    const [payload, sig] = good.split('.');
    const forged = `${Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload as string, 'base64url').toString()), q: 0 })).toString('base64url')}.${sig}`;
    for (const token of ['garbage', forged]) {
      for (const kind of ['$deltatoken', '$skiptoken']) {
        const res = await h.raw('GET', `/v1.0/groups/delta?${kind}=${encodeURIComponent(token)}`);
        expect(res.status).toBe(400);
        expect(res.body.error.code).toBe('SyncStateNotFound');
      }
    }
  });

  it('another tenant: its token lists its own groups only, and a token of this tenant does not work with it', async () => {
    const fab = await round('/v1.0/groups/delta?$select=displayName', `Bearer ${fabrikamToken}`);
    expect(fab.value).toEqual([{ id: FAB_GROUP, displayName: 'Sales Fabrikam' }]);
    const ours = await round('/v1.0/groups/delta?$select=displayName');
    expect(ours.value.map((g) => g.id)).not.toContain(FAB_GROUP);
    const crossed = await h.raw('GET', ours.deltaLink, { authorization: `Bearer ${fabrikamToken}` });
    expect(crossed.status).toBe(400);
    expect(crossed.body.error.code).toBe('SyncStateNotFound');
    h.sandbox.groups.addMember(
      FAB_GROUP,
      h.sandbox.groups.addUserWithoutMailbox({ tenantId: FABRIKAM, userPrincipalName: 'finn@fabrikam.com', displayName: 'Finn' }).id,
    );
    expect((await round(ours.deltaLink)).value).toEqual([]);
    expect((await round(fab.deltaLink, `Bearer ${fabrikamToken}`)).value.map((g) => g.id)).toEqual([FAB_GROUP]);
  });

  it('groupDeltaInitialIncludesRemoved: a first round scoped by id also lists members that left, with @removed', async () => {
    const scopedGroup = h.sandbox.groups.create({ displayName: 'Scoped', members: ['ada@contoso.com', 'bo@contoso.com', ULLA] });
    h.sandbox.groups.removeMember(scopedGroup.id, 'bo@contoso.com');
    const scoped = `/v1.0/groups/delta?$select=members&$filter=${encodeURIComponent(idFilter([scopedGroup.id]))}`;
    const current = [user('ada@contoso.com'), { '@odata.type': '#microsoft.graph.user', id: ULLA }];
    expect((await round(scoped)).value[0]?.['members@delta']).toEqual(current);
    const options = await h.raw('PATCH', '/_sandbox/directory', { body: { groupDeltaInitialIncludesRemoved: true } });
    expect(options.body.groupDeltaInitialIncludesRemoved).toBe(true);
    const withRemoved = await round(scoped);
    expect(withRemoved.value[0]?.['members@delta']).toEqual([...current, removed(user('bo@contoso.com'))]);
    // A client applying the round ends with the group's actual members.
    const applied = new Set<string>();
    for (const m of withRemoved.value[0]?.['members@delta'] ?? []) {
      if (m['@removed']) applied.delete(m.id);
      else applied.add(m.id);
    }
    expect([...applied]).toEqual(current.map((m) => m.id));
    // Only a round scoped by id does it (as reported); the whole tenant's first round lists current members.
    const unscoped = await round('/v1.0/groups/delta?$select=members');
    expect(unscoped.value.find((g) => g.id === scopedGroup.id)?.['members@delta']).toEqual(current);
    h.sandbox.groups.delete(scopedGroup.id);
  });

  it('meets a scripted 429 at the top level and inside $batch', async () => {
    h.sandbox.faults.script(
      { kind: 'status', status: 429, retryAfterSeconds: 2, match: { level: 'top', path: /^\/groups\/delta/ } },
      { kind: 'status', status: 429, match: { level: 'inner', path: /^\/groups\/delta/ } },
    );
    const throttled = await h.raw('GET', '/v1.0/groups/delta');
    expect(throttled.status).toBe(429);
    expect(throttled.headers.get('retry-after')).toBe('2');
    expect((await h.raw('GET', '/v1.0/groups/delta')).status).toBe(200);
    const batch = await h.raw('POST', '/v1.0/$batch', {
      body: {
        requests: [
          { id: '1', method: 'GET', url: '/groups/delta?$select=displayName' },
          { id: '2', method: 'GET', url: '/groups/delta?$select=displayName' },
        ],
      },
    });
    const statuses = batch.body.responses.map((r: { status: number }) => r.status).sort();
    expect(statuses).toEqual([200, 429]);
    expect(h.sandbox.faults.scriptedLeft()).toBe(0);
  });
});
