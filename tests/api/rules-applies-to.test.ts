/** Team rules through the API (issue #16): stored, returned, exported and imported with their groups, on both stores. */
import { startTestApi, type TestApi } from '../support/app';
import { orgDraft, personalDraft } from '../support/rules';
import { STORE_KINDS } from '../support/stores';

const SALES = '6f1c2a4e-0b7d-4c8e-9a51-3d2f7e8b9c10';

describe.each(STORE_KINDS)('%s store', (kind) => {
  let api: TestApi;
  beforeEach(async () => {
    api = await startTestApi(kind);
  });
  afterEach(() => api.close());

  test('an org rule keeps its groups through create, read, update and export → import', async () => {
    const created = await api.createRule('adminA', orgDraft({ name: 'Sales clients', appliesTo: { groups: [SALES.toUpperCase()] } }));
    expect(created.appliesTo).toEqual({ groups: [SALES] });
    const admin = await api.as('adminA');
    expect((await admin.get(`/api/rules/${created.id}`).expect(200)).body.appliesTo).toEqual({ groups: [SALES] });

    const { etag, ...doc } = created;
    const renamed = await admin.put(`/api/rules/${created.id}`).set('If-Match', etag).send({ ...doc, name: 'Sales client meetings' }).expect(200);
    expect(renamed.body.appliesTo).toEqual({ groups: [SALES] });

    const exported = await admin.get('/api/export?scope=org').expect(200);
    expect(exported.body.rules[0].appliesTo).toEqual({ groups: [SALES] });
    await admin.post('/api/import').send({ ...exported.body, rules: [] }).expect(200);
    await admin.post('/api/import').send(exported.body).expect(200);
    expect((await admin.get('/api/rules?scope=org').expect(200)).body.items.map((r: { appliesTo?: unknown }) => r.appliesTo)).toEqual([{ groups: [SALES] }]);
  });

  test('a PUT without appliesTo makes the rule one for everyone again', async () => {
    const created = await api.createRule('adminA', orgDraft({ appliesTo: { groups: [SALES] } }));
    const { etag, appliesTo: _groups, ...doc } = created;
    const res = await (await api.as('adminA')).put(`/api/rules/${created.id}`).set('If-Match', etag).send(doc).expect(200);
    expect(res.body.appliesTo).toBeUndefined();
  });

  test('a personal rule with groups is refused with applies_to_personal, and nothing is stored', async () => {
    const before = await api.snapshot();
    const res = await (await api.as('aliceA')).post('/api/rules').send(personalDraft({ appliesTo: { groups: [SALES] } })).expect(400);
    expect(res.body.code).toBe('validation_failed');
    expect(res.body.details).toEqual([expect.objectContaining({ path: 'appliesTo', code: 'applies_to_personal' })]);
    expect(await api.snapshot()).toEqual(before);
  });

  test('team rules stay admin-only: a user cannot create one', async () => {
    await (await api.as('aliceA')).post('/api/rules').send(orgDraft({ appliesTo: { groups: [SALES] } })).expect(403);
  });
});
