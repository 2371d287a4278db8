/** orgRulesLocked: while an admin has locked org rules, no org rule changes; personal rules are unaffected. */
import { startTestApi, type TestApi } from '../support/app';
import { orgDraft, personalDraft } from '../support/rules';
import { STORE_KINDS } from '../support/stores';

const settings = { internalDomains: ['contoso.com'], enrolledMailboxes: 'all', syncWindowDays: { past: 30, future: 365 }, orgRulesLocked: true };

describe.each(STORE_KINDS)('%s store', (kind) => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi(kind);
  });
  afterAll(() => api.close());

  test('a locked org rule set refuses create, update, delete, reorder and import with 409 org_rules_locked, and changes nothing', async () => {
    const admin = await api.as('adminA');
    const existing = await api.createRule('adminA', orgDraft());
    const saved = await admin.put('/api/settings').set('If-Match', '"default"').send(settings).expect(200);
    const before = await api.snapshot();

    const refusals = [
      await admin.post('/api/rules').send(orgDraft()),
      await admin
        .put(`/api/rules/${existing.id}`)
        .set('If-Match', existing.etag)
        .send({ ...orgDraft(), name: 'Renamed' }),
      await admin.delete(`/api/rules/${existing.id}`).set('If-Match', existing.etag),
      await admin.put('/api/rules/order').send({ scope: 'org', ids: [existing.id] }),
      await admin.post('/api/import').send({ scope: 'org', rules: [orgDraft()] }),
    ];
    for (const res of refusals) expect({ status: res.status, code: res.body.code }).toEqual({ status: 409, code: 'org_rules_locked' });
    expect(await api.snapshot()).toEqual(before);

    // Personal rules do not care; unlocking restores org writes.
    await (await api.as('aliceA')).post('/api/rules').send(personalDraft()).expect(201);
    await admin
      .put('/api/settings')
      .set('If-Match', saved.headers.etag!)
      .send({ ...settings, orgRulesLocked: false })
      .expect(200);
    await admin.post('/api/rules').send(orgDraft()).expect(201);
  });
});
