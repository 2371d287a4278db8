/** Teams by name (issue #16): the picker's group search, group names by id, and who sees which team rules. */
import type { SyncControl } from '../../server/domain/sync-control';
import type { ApiDirectoryGroup } from '../../shared/api-types';
import { startTestApi, TENANT_A, USERS, type TestApi } from '../support';
import { orgDraft } from '../support/rules';

const SALES = '6f1c2a4e-0b7d-4c8e-9a51-3d2f7e8b9c10';
const SUPPORT = '7a2d3b5f-1c8e-4d9f-8b62-4e3f8f9cad21';
const FINANCE = '8b3e4c60-2d9f-4ea0-9c73-5f4090adbe32';
const DIRECTORY: ApiDirectoryGroup[] = [
  { id: SALES, displayName: 'Sales' },
  { id: SUPPORT, displayName: 'Support' },
  { id: FINANCE, displayName: 'Finance' },
];

describe('GET /api/directory/groups', () => {
  let api: TestApi;
  let lookups: string[][];
  let searches: Array<[string, string, number]>;
  const memberOf: Record<string, string[]> = { [USERS.aliceA.oid]: [SALES, FINANCE] };
  const control: SyncControl = {
    enrolled: async () => [],
    syncNow: async () => undefined,
    searchDirectory: async () => [],
    searchGroups: async (tenantId, text, limit) => {
      searches.push([tenantId, text, limit]);
      return DIRECTORY.filter((g) => g.displayName.toLowerCase().startsWith(text.toLowerCase()));
    },
    groupsByIds: async (_tenantId, ids) => {
      lookups.push([...ids]);
      return DIRECTORY.filter((g) => ids.includes(g.id));
    },
    memberOf: async (_tenantId, userId) => new Set(memberOf[userId] ?? []),
  };

  beforeEach(async () => {
    lookups = [];
    searches = [];
    api = await startTestApi('sqlite', { syncControl: control, effectiveCacheTtlMs: 0 });
  });
  afterEach(() => api.close());

  test('an admin searches groups by name in their own tenant, at most 10', async () => {
    const res = await (await api.as('adminA')).get('/api/directory/groups?q=%20su%20').expect(200);
    expect(res.body.items).toEqual([{ id: SUPPORT, displayName: 'Support' }]);
    expect(searches).toEqual([[TENANT_A, 'su', 10]]);
  });

  test('search is for admins; empty text and unknown parameters are refused', async () => {
    expect((await (await api.as('aliceA')).get('/api/directory/groups?q=sa').expect(403)).body.code).toBe('forbidden');
    const admin = await api.as('adminA');
    expect((await admin.get('/api/directory/groups?q=%20').expect(400)).body.code).toBe('validation_failed');
    await admin.get('/api/directory/groups?q=sa&top=50').expect(400);
    expect(searches).toEqual([]);
  });

  test('an admin gets the names of any groups, in the order asked, unknown ids left out', async () => {
    const unknown = '9c4f5d71-3ea0-4fb1-8d84-6a51a1becf43';
    const res = await (await api.as('adminA')).get(`/api/directory/groups?ids=${FINANCE},${unknown},${SALES.toUpperCase()}`).expect(200);
    expect(res.body.items).toEqual([
      { id: FINANCE, displayName: 'Finance' },
      { id: SALES, displayName: 'Sales' },
    ]);
    expect(lookups).toEqual([[FINANCE, unknown, SALES]]);
  });

  test('a user gets the names of their own teams that org rules are for, and no other group', async () => {
    await api.createRule('adminA', orgDraft({ name: 'Sales clients', appliesTo: { groups: [SALES, SUPPORT] } }));
    const alice = await api.as('aliceA');
    // Finance: Alice is in it, but no rule is for it. Support: a rule is for it, but Alice is not in it.
    expect((await alice.get(`/api/directory/groups?ids=${SALES},${SUPPORT},${FINANCE}`).expect(200)).body.items).toEqual([{ id: SALES, displayName: 'Sales' }]);
    expect((await (await api.as('bobA')).get(`/api/directory/groups?ids=${SALES}`).expect(200)).body.items).toEqual([]);
    expect(lookups).toEqual([[SALES]]);
  });

  test('ids must be GUIDs, at most 100', async () => {
    const admin = await api.as('adminA');
    expect((await admin.get('/api/directory/groups?ids=sales').expect(400)).body.code).toBe('validation_failed');
    const many = Array.from({ length: 101 }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`);
    await admin.get(`/api/directory/groups?ids=${many.join(',')}`).expect(400);
    expect(lookups).toEqual([]);
  });

  test('without the sync in this process both answer 503', async () => {
    const bare = await startTestApi('sqlite');
    try {
      const admin = await bare.as('adminA');
      expect((await admin.get('/api/directory/groups?q=sa').expect(503)).body.code).toBe('unavailable');
      expect((await admin.get(`/api/directory/groups?ids=${SALES}`).expect(503)).body.code).toBe('unavailable');
    } finally {
      await bare.close();
    }
  });
});

describe('a user sees the team rules of their own teams; an admin sees them all', () => {
  let api: TestApi;
  const control: SyncControl = {
    enrolled: async () => [],
    syncNow: async () => undefined,
    searchDirectory: async () => [],
    memberOf: async (_tenantId, userId) => new Set(userId === USERS.aliceA.oid ? [SALES] : []),
  };
  const names = (body: { items: { name: string }[] }) => body.items.map((r) => r.name);

  beforeEach(async () => {
    api = await startTestApi('sqlite', { syncControl: control, effectiveCacheTtlMs: 0 });
    await api.createRule('adminA', orgDraft({ name: 'Everyone' }));
  });
  afterEach(() => api.close());

  test('the org list and a rule by id', async () => {
    const sales = await api.createRule('adminA', orgDraft({ name: 'Sales clients', appliesTo: { groups: [SALES] } }));
    const support = await api.createRule('adminA', orgDraft({ name: 'Support on call', enabled: false, appliesTo: { groups: [SUPPORT] } }));
    const alice = await api.as('aliceA');
    const bob = await api.as('bobA');
    expect(names((await alice.get('/api/rules?scope=org').expect(200)).body)).toEqual(['Everyone', 'Sales clients']);
    expect(names((await bob.get('/api/rules?scope=org').expect(200)).body)).toEqual(['Everyone']);
    expect(names((await (await api.as('adminA')).get('/api/rules?scope=org').expect(200)).body)).toEqual(['Everyone', 'Sales clients', 'Support on call']);
    await alice.get(`/api/rules/${sales.id}`).expect(200);
    await bob.get(`/api/rules/${sales.id}`).expect(404);
    // Switched off or not, another team's rule stays out of sight.
    await alice.get(`/api/rules/${support.id}`).expect(404);
  });
});
