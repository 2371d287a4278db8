/**
 * `POST /directoryObjects/getByIds` (src/routes/directory-objects.ts): objects of the named types, typed, in the
 * token's tenant; ids that match nothing left out; more than 1000 ids refused.
 */
import { startHarness, type SandboxHarness } from './support/sandbox-client';
import { GROUP, teamsTenant } from './support/factories';

const FABRIKAM = 'fabfabfa-0000-4000-8000-000000000001';
const FAB_GROUP = 'fab00000-0000-4000-8000-000000000009';

describe('graph sandbox: directoryObjects/getByIds', () => {
  let h: SandboxHarness;
  beforeAll(async () => {
    h = await startHarness({ scenario: { document: teamsTenant() }, tenants: [{ id: FABRIKAM, domains: ['fabrikam.com'], consented: true }] });
    h.sandbox.groups.create({ id: FAB_GROUP, tenantId: FABRIKAM, displayName: 'Fabrikam only' });
  });
  afterAll(() => h.close());

  it('turns group ids into groups with their display names', async () => {
    const res = await h.raw('POST', '/v1.0/directoryObjects/getByIds', { body: { ids: [GROUP.sales, GROUP.engineering.toUpperCase()], types: ['group'] } });
    expect(res.status).toBe(200);
    expect(res.body['@odata.context']).toContain('$metadata#directoryObjects');
    expect(res.body.value.map((o: { '@odata.type': string; displayName: string }) => [o['@odata.type'], o.displayName])).toEqual([
      ['#microsoft.graph.group', 'Sales'],
      ['#microsoft.graph.group', 'Engineering'],
    ]);
  });

  it('keeps to the named types (not case-sensitive); without types, every kind', async () => {
    const adaId = h.sandbox.store.mailbox('ada@contoso.com').id;
    const groupsOnly = await h.raw('POST', '/v1.0/directoryObjects/getByIds', { body: { ids: [adaId, GROUP.sales], types: ['Group'] } });
    expect(groupsOnly.body.value.map((o: { id: string }) => o.id)).toEqual([GROUP.sales]);
    const any = await h.raw('POST', '/v1.0/directoryObjects/getByIds', { body: { ids: [adaId, GROUP.sales, 'd1e70000-0000-4000-8000-0000000000aa'] } });
    expect(any.body.value.map((o: { '@odata.type': string; mail: string | null }) => [o['@odata.type'], o.mail])).toEqual([
      ['#microsoft.graph.user', 'ada@contoso.com'],
      ['#microsoft.graph.group', 'sales@contoso.com'],
      ['#microsoft.graph.user', null],
    ]);
  });

  it('leaves out unknown ids, deleted groups and another tenant’s', async () => {
    const gone = h.sandbox.groups.create({ displayName: 'Short-lived' });
    h.sandbox.groups.delete(gone.id);
    const res = await h.raw('POST', '/v1.0/directoryObjects/getByIds', {
      body: { ids: [gone.id, FAB_GROUP, '00000000-0000-4000-8000-00000000dead', GROUP.empty], types: ['group'] },
    });
    expect(res.status).toBe(200);
    expect(res.body.value.map((o: { displayName: string }) => o.displayName)).toEqual(['Empty']);
  });

  it('takes up to 1000 ids, refuses more, and refuses a body without ids', async () => {
    const ids = Array.from({ length: 1000 }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`);
    expect((await h.raw('POST', '/v1.0/directoryObjects/getByIds', { body: { ids, types: ['group'] } })).status).toBe(200);
    const tooMany = await h.raw('POST', '/v1.0/directoryObjects/getByIds', { body: { ids: [...ids, GROUP.sales], types: ['group'] } });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.error.code).toBe('Request_BadRequest');
    expect((await h.raw('POST', '/v1.0/directoryObjects/getByIds', { body: { types: ['group'] } })).status).toBe(400);
  });
});
