/** The audit log: who created, changed, reordered or deleted which rule, when, before and after. */
import { startTestApi, type TestApi } from '../support/app';
import { orgDraft, personalDraft } from '../support/rules';
import { STORE_KINDS } from '../support/stores';
import { USERS } from '../support/tokens';

describe.each(STORE_KINDS)('%s store', (kind) => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi(kind);
  });
  afterAll(() => api.close());

  test('create, update, reorder and delete of org rules are recorded newest first', async () => {
    const admin = await api.as('adminA');
    const a = await api.createRule('adminA', orgDraft({ name: 'A' }));
    const b = await api.createRule('adminA', orgDraft({ name: 'B' }));
    const a2 = (
      await admin
        .put(`/api/rules/${a.id}`)
        .set('If-Match', a.etag)
        .send({ ...a, name: 'A2' })
        .expect(200)
    ).body;
    await admin
      .put('/api/rules/order')
      .send({ scope: 'org', ids: [b.id, a.id] })
      .expect(200);
    const a3 = (await admin.get(`/api/rules/${a.id}`)).body;
    await admin.delete(`/api/rules/${a.id}`).set('If-Match', a3.etag).expect(204);
    const res = await admin.get('/api/audit').expect(200);
    const items = res.body.items as Record<string, unknown>[];
    expect(items.map((e) => e.action)).toEqual(['delete', 'reorder', 'update', 'create', 'create']);
    expect(items[0]).toMatchObject({
      actorId: USERS.adminA.oid,
      ruleId: a.id,
      scope: 'org',
      before: expect.objectContaining({ name: 'A2' }),
      after: null,
      at: expect.any(String),
      id: expect.any(String),
    });
    expect(items[1]).toMatchObject({ before: [a.id, b.id], after: [b.id, a.id] });
    expect(items[2]).toMatchObject({ ruleId: a.id, before: expect.objectContaining({ name: 'A' }), after: expect.objectContaining({ name: 'A2' }) });
    expect(items[3]).toMatchObject({ ruleId: b.id, before: null, after: expect.objectContaining({ name: 'B' }) });
    expect(a2.name).toBe('A2');
    expect(items[0]).not.toHaveProperty('tenantId');
  });

  test("each entry keeps the actor's display name (the token's name claim) and names the rule; without the claim, no name", async () => {
    const r = await api.createRule('adminA', orgDraft({ name: 'Named' }));
    const admin = await api.as('adminA');
    const noName = await api.tokens.for('adminA', { name: undefined });
    await admin
      .put(`/api/rules/${r.id}`)
      .set('If-Match', r.etag)
      .set('Authorization', `Bearer ${noName}`)
      .send({ ...r, name: 'Renamed' })
      .expect(200);
    const [renamed, created] = (await admin.get('/api/audit').expect(200)).body.items as Record<string, unknown>[];
    expect(created).toMatchObject({ action: 'create', actorName: USERS.adminA.name, ruleName: 'Named' });
    expect(renamed).toMatchObject({ action: 'update', ruleName: 'Renamed' });
    expect(renamed).not.toHaveProperty('actorName');
  });

  test('the audit log is for admins only, every scope; an admin reads the history of their own personal rules only', async () => {
    await api.createRule('aliceA', personalDraft({ name: 'Alice rule' }));
    await api.createRule('adminA', personalDraft({ name: 'Admin own rule' }));
    const alice = await api.as('aliceA');
    for (const url of ['/api/audit', '/api/audit?scope=org', '/api/audit?scope=settings', '/api/audit?scope=personal', '/api/audit?scope=nonsense']) {
      expect((await alice.get(url).expect(403)).body.code).toBe('forbidden');
    }
    const admin = await api.as('adminA');
    const own = await admin.get('/api/audit?scope=personal').expect(200);
    expect(own.body.items.map((e: { after: { name: string } }) => e.after.name)).toEqual(['Admin own rule']);
    const adminView = await admin.get('/api/audit').expect(200);
    expect(adminView.body.items.every((e: { scope: string }) => e.scope !== 'personal')).toBe(true);
    // Another tenant's admin sees none of it.
    expect((await (await api.as('adminB')).get('/api/audit').expect(200)).body.items).toEqual([]);
    expect((await (await api.as('adminB')).get('/api/audit?scope=personal').expect(200)).body.items).toEqual([]);
  });

  test('settings changes are audited; refused requests are not', async () => {
    const admin = await api.as('adminA');
    const before = (await admin.get('/api/audit?scope=settings')).body.items.length;
    await admin
      .put('/api/settings')
      .set('If-Match', '"stale"')
      .send({ internalDomains: [], enrolledMailboxes: 'all', syncWindowDays: { past: 1, future: 1 }, orgRulesLocked: false })
      .expect(412);
    await admin
      .put('/api/settings')
      .set('If-Match', '"default"')
      .send({ internalDomains: ['contoso.com'], enrolledMailboxes: 'all', syncWindowDays: { past: 1, future: 1 }, orgRulesLocked: false })
      .expect(200);
    const items = (await admin.get('/api/audit?scope=settings')).body.items;
    expect(items).toHaveLength(before + 1);
    expect(items[0]).toMatchObject({
      action: 'settings',
      before: expect.objectContaining({ internalDomains: [] }),
      after: expect.objectContaining({ internalDomains: ['contoso.com'] }),
    });
  });

  test('audit pages with continuation tokens', async () => {
    const admin = await api.as('adminA');
    const all = (await admin.get('/api/audit?limit=500')).body.items.map((e: { id: string }) => e.id);
    const paged: string[] = [];
    let url = '/api/audit?limit=2';
    for (let i = 0; i < 20; i++) {
      const res = await admin.get(url).expect(200);
      paged.push(...res.body.items.map((e: { id: string }) => e.id));
      if (!res.body.continuationToken) break;
      url = `/api/audit?limit=2&continuationToken=${encodeURIComponent(res.body.continuationToken)}`;
    }
    expect(paged).toEqual(all);
  });
});
