/** Two clients editing one rule: exactly one wins, the other gets 412, and nothing is silently lost. */
import { startTestApi, type TestApi } from '../support/app';
import { orgDraft } from '../support/rules';
import { STORE_KINDS } from '../support/stores';

describe.each(STORE_KINDS)('%s store', (kind) => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi(kind);
  });
  afterAll(() => api.close());

  test('sequential edits from the same version: the second gets 412 and can re-apply on the new version', async () => {
    const rule = await api.createRule('adminA', orgDraft({ name: 'base' }));
    const admin = await api.as('adminA');
    const first = await admin
      .put(`/api/rules/${rule.id}`)
      .set('If-Match', rule.etag)
      .send({ ...rule, name: 'from client 1' })
      .expect(200);
    const second = await admin
      .put(`/api/rules/${rule.id}`)
      .set('If-Match', rule.etag)
      .send({ ...rule, enabled: false })
      .expect(412);
    expect(second.body.details[0].path).toBe('If-Match');
    // Client 2 reloads and applies its change on top: both edits survive.
    const reloaded = (await admin.get(`/api/rules/${rule.id}`)).body;
    expect(reloaded.etag).toBe(first.body.etag);
    await admin
      .put(`/api/rules/${rule.id}`)
      .set('If-Match', reloaded.etag)
      .send({ ...reloaded, enabled: false })
      .expect(200);
    const final = (await admin.get(`/api/rules/${rule.id}`)).body;
    expect([final.name, final.enabled]).toEqual(['from client 1', false]);
  });

  test('concurrent edits: one 200, one 412, and the stored rule is the winner', async () => {
    for (let round = 0; round < 3; round++) {
      const rule = await api.createRule('adminA', orgDraft({ name: 'base' }));
      const admin = await api.as('adminA');
      const [a, b] = await Promise.all([
        admin
          .put(`/api/rules/${rule.id}`)
          .set('If-Match', rule.etag)
          .send({ ...rule, name: 'A' }),
        admin
          .put(`/api/rules/${rule.id}`)
          .set('If-Match', rule.etag)
          .send({ ...rule, name: 'B' }),
      ]);
      expect([a.status, b.status].sort()).toEqual([200, 412]);
      const winner = a.status === 200 ? a : b;
      const stored = (await admin.get(`/api/rules/${rule.id}`)).body;
      expect(stored).toEqual(winner.body);
    }
  });

  test('a delete racing an edit: the loser gets 412 (or 404 after the delete), never a silent overwrite', async () => {
    const rule = await api.createRule('adminA', orgDraft());
    const admin = await api.as('adminA');
    const [put, del] = await Promise.all([
      admin
        .put(`/api/rules/${rule.id}`)
        .set('If-Match', rule.etag)
        .send({ ...rule, name: 'edited' }),
      admin.delete(`/api/rules/${rule.id}`).set('If-Match', rule.etag),
    ]);
    const outcome = [put.status, del.status];
    expect([
      [200, 412],
      [404, 204],
      [412, 204],
    ]).toContainEqual(outcome);
    const after = await admin.get(`/api/rules/${rule.id}`);
    if (put.status === 200) expect(after.body.name).toBe('edited');
    else expect(after.status).toBe(404);
  });
});
