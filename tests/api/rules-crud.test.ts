/** Rules CRUD, ETags and ordering, on each store. */
import { startTestApi, type AuthedClient, type TestApi } from '../support/app';
import { orgDraft, personalDraft } from '../support/rules';
import { STORE_KINDS } from '../support/stores';

describe.each(STORE_KINDS)('%s store', (kind) => {
  let api: TestApi;
  let admin: AuthedClient;
  let alice: AuthedClient;

  beforeAll(async () => {
    api = await startTestApi(kind);
    admin = await api.as('adminA');
    alice = await api.as('aliceA');
  });
  afterAll(() => api.close());

  test('POST creates with an id, Location and ETag; GET returns the document plus etag', async () => {
    const draft = personalDraft({ name: 'Focus' });
    const res = await alice.post('/api/rules').send(draft).expect(201);
    expect(res.body.id).toMatch(/^r_[A-Za-z0-9_-]+$/);
    expect(res.headers.location).toBe(`/api/rules/${res.body.id}`);
    expect(res.headers.etag).toBe(res.body.etag);
    expect(res.body).toEqual({ ...draft, id: res.body.id, order: 0, then: { ...(draft.then as object), stop: false }, etag: expect.any(String) });
    const got = await alice.get(res.headers.location!).expect(200);
    expect(got.body).toEqual(res.body);
    expect(got.headers.etag).toBe(res.body.etag);
  });

  test('a supplied id is ignored: the server assigns a fresh one (Location and body name it)', async () => {
    const first = await alice
      .post('/api/rules')
      .send(personalDraft({ id: 'r_chosen' }))
      .expect(201);
    const again = await alice
      .post('/api/rules')
      .send(personalDraft({ id: 'r_chosen' }))
      .expect(201);
    const malformed = await alice
      .post('/api/rules')
      .send(personalDraft({ id: 'not an id' }))
      .expect(201);
    const ids = [first, again, malformed].map((r) => r.body.id as string);
    for (const [i, res] of [first, again, malformed].entries()) {
      expect(ids[i]).toMatch(/^r_[A-Za-z0-9_-]+$/);
      expect(res.headers.location).toBe(`/api/rules/${ids[i]}`);
    }
    expect(ids).not.toContain('r_chosen');
    expect(new Set(ids).size).toBe(3);
    await alice.get('/api/rules/r_chosen').expect(404);
  });

  test('PUT needs If-Match: missing → 428, stale → 412, current → 200 with a new ETag', async () => {
    const rule = await api.createRule('aliceA', personalDraft());
    const changed = { ...rule, name: 'renamed' };
    const missing = await alice.put(`/api/rules/${rule.id}`).send(changed).expect(428);
    expect(missing.body.code).toBe('precondition_required');
    const ok = await alice.put(`/api/rules/${rule.id}`).set('If-Match', rule.etag).send(changed).expect(200);
    expect(ok.body.name).toBe('renamed');
    expect(ok.body.etag).not.toBe(rule.etag);
    expect(ok.headers.etag).toBe(ok.body.etag);
    const stale = await alice
      .put(`/api/rules/${rule.id}`)
      .set('If-Match', rule.etag)
      .send({ ...changed, name: 'again' })
      .expect(412);
    expect(stale.body.code).toBe('precondition_failed');
    expect((await alice.get(`/api/rules/${rule.id}`)).body.name).toBe('renamed');
  });

  test('PUT keeps the id and scope; the body may echo etag and omit id', async () => {
    const rule = await api.createRule('aliceA', personalDraft());
    const { id, ...noId } = rule;
    await alice
      .put(`/api/rules/${id}`)
      .set('If-Match', rule.etag)
      .send({ ...noId, enabled: false })
      .expect(200);
    const cur = (await alice.get(`/api/rules/${id}`)).body;
    const wrongId = await alice
      .put(`/api/rules/${id}`)
      .set('If-Match', cur.etag)
      .send({ ...cur, id: 'r_other' })
      .expect(400);
    expect(wrongId.body.details[0].path).toBe('id');
    const scope = await alice
      .put(`/api/rules/${id}`)
      .set('If-Match', cur.etag)
      .send({ ...cur, scope: 'org' })
      .expect(400);
    expect(scope.body.details[0].path).toBe('scope');
    expect((await alice.get(`/api/rules/${id}`)).body).toEqual(cur);
  });

  test('DELETE needs If-Match; then the rule is gone', async () => {
    const rule = await api.createRule('aliceA', personalDraft());
    await alice.delete(`/api/rules/${rule.id}`).expect(428);
    await alice.delete(`/api/rules/${rule.id}`).set('If-Match', '"stale"').expect(412);
    await alice.delete(`/api/rules/${rule.id}`).set('If-Match', rule.etag).expect(204);
    await alice.get(`/api/rules/${rule.id}`).expect(404);
    await alice.delete(`/api/rules/${rule.id}`).set('If-Match', rule.etag).expect(404);
  });

  test('new rules go to the end of their set unless an order is given', async () => {
    const fresh = await startTestApi(kind);
    try {
      const a = await fresh.createRule('adminA', orgDraft());
      const b = await fresh.createRule('adminA', orgDraft());
      const c = await fresh.createRule('adminA', orgDraft({ order: 0 }));
      expect([a.order, b.order, c.order]).toEqual([0, 1, 0]);
      const list = await (await fresh.as('bobA')).get('/api/rules?scope=org').expect(200);
      // Ties in order are broken by id.
      expect(list.body.items.map((r: { id: string }) => r.id)).toEqual([...[a.id, c.id].sort(), b.id]);
      expect(list.body.items.map((r: { order: number }) => r.order)).toEqual([0, 0, 1]);
      expect(list.body.items.every((r: { etag: unknown }) => typeof r.etag === 'string')).toBe(true);
    } finally {
      await fresh.close();
    }
  });

  test('PUT /api/rules/order reorders the whole set in one step', async () => {
    const fresh = await startTestApi(kind);
    try {
      const adm = await fresh.as('adminA');
      const ids: string[] = [];
      for (let i = 0; i < 4; i++) ids.push((await fresh.createRule('adminA', orgDraft())).id);
      const wanted = [ids[2]!, ids[0]!, ids[3]!, ids[1]!];
      const res = await adm.put('/api/rules/order').send({ scope: 'org', ids: wanted }).expect(200);
      expect(res.body.items.map((r: { id: string }) => r.id)).toEqual(wanted);
      const list = await adm.get('/api/rules?scope=org').expect(200);
      expect(list.body.items.map((r: { id: string }) => r.id)).toEqual(wanted);
      const before = await fresh.snapshot();
      const partial = await adm
        .put('/api/rules/order')
        .send({ scope: 'org', ids: wanted.slice(1) })
        .expect(409);
      expect(partial.body.code).toBe('rule_set_changed');
      const dup = await adm
        .put('/api/rules/order')
        .send({ scope: 'org', ids: [...wanted.slice(0, 3), wanted[0]] })
        .expect(400);
      expect(dup.body.details[0].path).toBe('ids[3]');
      const unknown = await adm
        .put('/api/rules/order')
        .send({ scope: 'org', ids: [...wanted, 'r_nope'] })
        .expect(409);
      expect(unknown.body.details).toContainEqual({ path: 'ids[4]', message: expect.any(String) });
      await adm.put('/api/rules/order').send({ scope: 'org', ids: 'x' }).expect(400);
      expect(await fresh.snapshot()).toEqual(before);
    } finally {
      await fresh.close();
    }
  });

  test('list endpoints page with continuation tokens', async () => {
    const fresh = await startTestApi(kind);
    try {
      const bob = await fresh.as('bobA');
      const made: string[] = [];
      for (let i = 0; i < 5; i++) made.push((await fresh.createRule('bobA', personalDraft())).id);
      const seen: string[] = [];
      let url = '/api/rules?scope=personal&limit=2';
      for (let guard = 0; guard < 10; guard++) {
        const res = await bob.get(url).expect(200);
        seen.push(...res.body.items.map((r: { id: string }) => r.id));
        if (!res.body.continuationToken) break;
        url = `/api/rules?scope=personal&limit=2&continuationToken=${encodeURIComponent(res.body.continuationToken)}`;
      }
      expect(seen).toEqual(made);
      for (const token of ['garbage!', 'Zm9vYmFy', Buffer.from('{"token":"x","range":{}}').toString('base64url')]) {
        const bad = await bob.get(`/api/rules?scope=personal&continuationToken=${token}`);
        expect({ token, status: bad.status }).toEqual({ token, status: 400 });
        expect(bad.body.details[0].path).toBe('continuationToken');
      }
      await bob.get('/api/rules?scope=everything').expect(400);
      await bob.get('/api/rules?scope=org&limit=0').expect(400);
    } finally {
      await fresh.close();
    }
  });

  test('ids that cannot be rule ids are 404', async () => {
    await admin.get('/api/rules/not-a-rule-id').expect(404);
    await admin.get('/api/rules/r_doesnotexist').expect(404);
  });
});
