/** Scopes and isolation: who sees and who changes which rules; foreign ids look exactly like missing ones. */
import { startTestApi, type TestApi } from '../support/app';
import { orgDraft, personalDraft } from '../support/rules';
import { STORE_KINDS } from '../support/stores';
import { TENANT_B } from '../support/tokens';

describe.each(STORE_KINDS)('%s store', (kind) => {
  let api: TestApi;
  let org: { id: string; etag: string };
  let alicePersonal: { id: string; etag: string };
  let carolPersonal: { id: string; etag: string };
  let orgB: { id: string; etag: string };

  beforeAll(async () => {
    api = await startTestApi(kind);
    org = await api.createRule('adminA', orgDraft({ name: 'Org A' }));
    await api.createRule('adminA', orgDraft({ name: 'Org A disabled', enabled: false }));
    alicePersonal = await api.createRule('aliceA', personalDraft({ name: 'Alice own' }));
    await api.createRule('bobA', personalDraft({ name: 'Bob own' }));
    orgB = await api.createRule('adminB', orgDraft({ name: 'Org B' }));
    carolPersonal = await api.createRule('carolB', personalDraft({ name: 'Carol own' }));
  });
  afterAll(() => api.close());

  const names = (body: { items: { name: string }[] }) => body.items.map((r) => r.name);

  test('org rules are readable by everyone in the tenant; personal rules by their owner only', async () => {
    const alice = await api.as('aliceA');
    expect(names((await alice.get('/api/rules?scope=org').expect(200)).body)).toEqual(['Org A', 'Org A disabled']);
    expect(names((await alice.get('/api/rules?scope=personal').expect(200)).body)).toEqual(['Alice own']);
    const bob = await api.as('bobA');
    expect(names((await bob.get('/api/rules?scope=personal').expect(200)).body)).toEqual(['Bob own']);
    const carol = await api.as('carolB');
    expect(names((await carol.get('/api/rules?scope=org').expect(200)).body)).toEqual(['Org B']);
  });

  test('effective = enabled org rules, then enabled personal rules, in evaluation order', async () => {
    const alice = await api.as('aliceA');
    const res = await alice.get('/api/rules?scope=effective').expect(200);
    expect(names(res.body)).toEqual(['Org A', 'Alice own']);
    const dflt = await alice.get('/api/rules').expect(200);
    expect(dflt.body).toEqual(res.body);
  });

  test("another user's personal rule answers 404 on GET, PUT and DELETE, like a missing one", async () => {
    const bob = await api.as('bobA');
    const before = await api.snapshot();
    for (const id of [alicePersonal.id, 'r_missing']) {
      const get = await bob.get(`/api/rules/${id}`).expect(404);
      const put = await bob.put(`/api/rules/${id}`).set('If-Match', alicePersonal.etag).send(personalDraft()).expect(404);
      const del = await bob.delete(`/api/rules/${id}`).set('If-Match', alicePersonal.etag).expect(404);
      expect([get.body, put.body, del.body].every((b) => b.code === 'not_found' && b.message === 'rule not found')).toBe(true);
    }
    // An admin cannot read personal rules either.
    await (await api.as('adminA')).get(`/api/rules/${alicePersonal.id}`).expect(404);
    expect(await api.snapshot()).toEqual(before);
  });

  test("another tenant's rules answer 404 whatever the caller's role", async () => {
    const beforeA = await api.snapshot();
    const beforeB = await api.snapshot(TENANT_B);
    for (const user of ['adminA', 'aliceA'] as const) {
      const c = await api.as(user);
      for (const r of [orgB, carolPersonal]) {
        await c.get(`/api/rules/${r.id}`).expect(404);
        await c.put(`/api/rules/${r.id}`).set('If-Match', r.etag).send(orgDraft()).expect(404);
        await c.delete(`/api/rules/${r.id}`).set('If-Match', r.etag).expect(404);
      }
    }
    const adminB = await api.as('adminB');
    await adminB.get(`/api/rules/${org.id}`).expect(404);
    await adminB.delete(`/api/rules/${org.id}`).set('If-Match', org.etag).expect(404);
    expect(await api.snapshot()).toEqual(beforeA);
    expect(await api.snapshot(TENANT_B)).toEqual(beforeB);
  });

  test('POST answers the same for an id another user or tenant holds as for an unused one', async () => {
    const alice = await api.as('aliceA');
    const shape = (res: { status: number; body: Record<string, unknown>; headers: Record<string, string> }) => ({
      status: res.status,
      keys: Object.keys(res.body).sort(),
      location: res.headers.location === `/api/rules/${String(res.body.id)}`,
    });
    const before = await api.snapshot(TENANT_B);
    const results: ReturnType<typeof shape>[] = [];
    for (const id of [alicePersonal.id, carolPersonal.id, orgB.id, 'r_never_used']) {
      const res = await (await api.as('bobA')).post('/api/rules').send(personalDraft({ id, name: id }));
      results.push(shape(res));
      expect(res.body.id).not.toBe(id);
    }
    expect(results).toEqual([results[3], results[3], results[3], results[3]]);
    expect(results[3]).toMatchObject({ status: 201, location: true });
    // The rules those ids belong to are untouched.
    expect((await alice.get(`/api/rules/${alicePersonal.id}`).expect(200)).body.name).toBe('Alice own');
    expect(await api.snapshot(TENANT_B)).toEqual(before);
  });

  test('tenant and user come from the token, never from the body', async () => {
    const res = await (
      await api.as('aliceA')
    )
      .post('/api/rules')
      .send({ ...personalDraft(), tenantId: 'bbbbbbbb-0000-4000-8000-00000000000b' })
      .expect(400);
    expect(res.body.details[0].path).toBe('tenantId');
    const ownerSmuggle = await (
      await api.as('aliceA')
    )
      .post('/api/rules')
      .send({ ...personalDraft(), ownerId: 'x' })
      .expect(400);
    expect(ownerSmuggle.body.details[0].path).toBe('ownerId');
  });

  test('an admin changes org rules', async () => {
    const adm = await api.as('adminA');
    const cur = (await adm.get(`/api/rules/${org.id}`).expect(200)).body;
    const res = await adm
      .put(`/api/rules/${org.id}`)
      .set('If-Match', cur.etag)
      .send({ ...cur, name: 'Org A v2' })
      .expect(200);
    expect(res.body.name).toBe('Org A v2');
    org = res.body;
  });
});
