/**
 * Groups change at runtime (the API and `/_sandbox/groups`), and group requests go through the same machinery as
 * the calendar's: `$batch` dispatch, scripted faults, tenant isolation.
 */
import { startHarness, type SandboxHarness } from './support/sandbox-client';
import { EVENTUAL, GROUP, teamsTenant } from './support/factories';

const FABRIKAM = 'fabfabfa-0000-4000-8000-000000000001';
const users = `/v1.0/groups/${GROUP.salesEmea}/transitiveMembers/microsoft.graph.user?$count=true&$select=id,mail`;
const mails = (body: { value: Array<{ mail: string | null }> }) => body.value.map((u) => u.mail);

describe('graph sandbox: groups at runtime', () => {
  let h: SandboxHarness;
  beforeAll(async () => {
    h = await startHarness({ scenario: { document: teamsTenant() }, tenants: [{ id: FABRIKAM, domains: ['fabrikam.com'], consented: true }] });
  });
  afterAll(() => h.close());
  afterEach(() => h.sandbox.faults.clearScript());

  it('adds and removes members through the API between two reads', async () => {
    expect(mails((await h.raw('GET', users, { headers: EVENTUAL })).body)).toEqual(['ada@contoso.com', 'bo@contoso.com', null]);
    h.sandbox.groups.removeMember(GROUP.salesEmea, 'bo@contoso.com');
    h.sandbox.groups.addMember(GROUP.salesEmea, 'olivia@contoso.com');
    expect(mails((await h.raw('GET', users, { headers: EVENTUAL })).body)).toEqual(['ada@contoso.com', null, 'olivia@contoso.com']);
    h.sandbox.groups.removeMember(GROUP.salesEmea, 'olivia@contoso.com');
    h.sandbox.groups.addMember(GROUP.salesEmea, 'bo@contoso.com');
  });

  it('creates and deletes groups and members over /_sandbox/groups', async () => {
    const created = await h.raw('POST', '/_sandbox/groups', { body: { displayName: 'Pop-up', members: ['ada@contoso.com'] } });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    expect((await h.raw('POST', `/_sandbox/groups/${id}/members`, { body: { id: GROUP.engineering } })).status).toBe(204);
    const unboxed = await h.raw('POST', '/_sandbox/directory-users', { body: { userPrincipalName: 'vic@contoso.com', displayName: 'Vic Void' } });
    expect((await h.raw('POST', `/_sandbox/groups/${id}/members`, { body: { id: unboxed.body.id } })).status).toBe(204);
    const before = await h.raw('GET', `/v1.0/groups/${id}/transitiveMembers`);
    expect(before.body.value.map((o: { displayName: string }) => o.displayName)).toEqual([
      'Ada Attendee',
      'Engineering',
      'Vic Void',
      'Bo Busy',
      'Sales EMEA',
      'Ulla Unboxed',
    ]);
    expect((await h.raw('DELETE', `/_sandbox/groups/${id}/members/ada@contoso.com`)).status).toBe(204);
    expect((await h.raw('POST', `/_sandbox/groups/${id}/members`, { body: { id: 'nobody@contoso.com' } })).status).toBe(400);
    expect((await h.raw('DELETE', `/_sandbox/groups/${id}`)).status).toBe(204);
    expect((await h.raw('GET', `/v1.0/groups/${id}`)).status).toBe(404);
    const options = await h.raw('PATCH', '/_sandbox/directory', { body: { maxPageItems: 3, castRequiresAdvancedQuery: false } });
    expect(options.body).toMatchObject({ maxPageItems: 3, castRequiresAdvancedQuery: false });
    h.sandbox.directory.configure({ maxPageItems: null, castRequiresAdvancedQuery: true });
  });

  it('a deleted group leaves the groups it was nested in', async () => {
    const inner = h.sandbox.groups.create({ displayName: 'Inner', members: ['room.atlas@contoso.com'] });
    h.sandbox.groups.addMember(GROUP.empty, inner.id);
    expect((await h.raw('GET', `/v1.0/groups/${GROUP.empty}/transitiveMembers`)).body.value).toHaveLength(2);
    h.sandbox.groups.delete(inner.id);
    expect((await h.raw('GET', `/v1.0/groups/${GROUP.empty}/transitiveMembers`)).body.value).toEqual([]);
  });

  it('a group of one tenant cannot take another tenant’s member', () => {
    const fab = h.sandbox.groups.create({ tenantId: FABRIKAM, displayName: 'Fabrikam team' });
    expect(() => h.sandbox.groups.addMember(fab.id, 'ada@contoso.com')).toThrow(/not in the tenant/);
  });

  it('runs inside $batch, each inner request with its own headers', async () => {
    const res = await h.raw('POST', '/v1.0/$batch', {
      body: {
        requests: [
          { id: '1', method: 'GET', url: `/groups/${GROUP.sales}?$select=displayName` },
          { id: '2', method: 'GET', url: users.replace('/v1.0', ''), headers: EVENTUAL },
          { id: '3', method: 'GET', url: users.replace('/v1.0', '') },
          {
            id: '4',
            method: 'POST',
            url: '/directoryObjects/getByIds',
            body: { ids: [GROUP.engineering], types: ['group'] },
            headers: { 'Content-Type': 'application/json' },
          },
        ],
      },
    });
    const byId = Object.fromEntries(res.body.responses.map((r: { id: string }) => [r.id, r]));
    expect(byId['1'].body.displayName).toBe('Sales');
    expect(byId['2'].body.value).toHaveLength(3);
    expect(byId['3'].status).toBe(400);
    expect(byId['4'].body.value[0].displayName).toBe('Engineering');
  });

  it('meets scripted faults at the top level and inside $batch', async () => {
    h.sandbox.faults.script(
      { kind: 'status', status: 429, retryAfterSeconds: 3, match: { level: 'top', path: /^\/groups\// } },
      { kind: 'status', status: 503, match: { level: 'inner', path: /transitiveMemberOf/ } },
    );
    const throttled = await h.raw('GET', `/v1.0/groups/${GROUP.sales}`);
    expect(throttled.status).toBe(429);
    expect(throttled.headers.get('retry-after')).toBe('3');
    expect((await h.raw('GET', `/v1.0/groups/${GROUP.sales}`)).status).toBe(200);
    const batch = await h.raw('POST', '/v1.0/$batch', { body: { requests: [{ id: 'a', method: 'GET', url: '/users/ada@contoso.com/transitiveMemberOf' }] } });
    expect(batch.body.responses[0].status).toBe(503);
    expect(h.sandbox.faults.scriptedLeft()).toBe(0);
  });
});
