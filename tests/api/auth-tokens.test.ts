/** The token matrix, on each store: every broken token is refused with 401/403 and changes nothing. */
import request from 'supertest';
import { startTestApi, type TestApi } from '../support/app';
import { orgDraft } from '../support/rules';
import { STORE_KINDS } from '../support/stores';
import { TENANT_A, tokenMatrix, USERS, type TokenCase } from '../support/tokens';

describe.each(STORE_KINDS)('%s store', (kind) => {
  let api: TestApi;
  let cases: TokenCase[];

  beforeAll(async () => {
    api = await startTestApi(kind);
    // Before any request: the matrix publishes the EC key its ES256 case is signed with.
    cases = await tokenMatrix(api.issuer);
  });
  afterAll(() => api.close());

  test('a valid token identifies tenant, user and admin role from its claims', async () => {
    const alice = await (await api.as('aliceA')).get('/api/me').expect(200);
    expect(alice.body).toMatchObject({ tenantId: TENANT_A, userId: USERS.aliceA.oid, isAdmin: false });
    const admin = await (await api.as('adminA')).get('/api/me').expect(200);
    expect(admin.body).toMatchObject({ tenantId: TENANT_A, userId: USERS.adminA.oid, isAdmin: true });
  });

  test('the Authorization scheme is case-insensitive (RFC 7235)', async () => {
    const token = await api.tokens.for('aliceA');
    for (const scheme of ['bearer', 'BEARER', 'bEaReR']) {
      const res = await request(api.app).get('/api/me').set('Authorization', `${scheme} ${token}`);
      expect({ scheme, status: res.status }).toEqual({ scheme, status: 200 });
    }
  });

  test('the matrix covers every case of the issue', () => {
    const names = cases.map((c) => c.name);
    for (const n of [
      'no token',
      'malformed token',
      'expired',
      'future nbf',
      'wrong audience',
      'wrong issuer',
      'tenant not allowed',
      'tenant not a customer',
      'alg none',
      'HS256 signed with the public key',
      'RS384 with the published RSA key',
      'PS256 with the published RSA key',
      'ES256 with a published EC key',
      'unknown kid',
      'tampered payload',
      'missing scope',
    ]) {
      expect(names).toContain(n);
    }
  });

  describe.each([
    ['GET', '/api/me'],
    ['GET', '/api/rules?scope=org'],
    ['POST', '/api/rules'],
  ])('%s %s', (method, url) => {
    test('refuses every broken token with problem details and changes nothing', async () => {
      const before = await api.snapshot();
      const got: unknown[] = [];
      for (const c of cases) {
        let req = method === 'GET' ? request(api.app).get(url) : request(api.app).post(url).send(orgDraft());
        if (c.authorization !== undefined) req = req.set('Authorization', c.authorization);
        const res = await req;
        const challenge = /^Bearer/.test(String(res.headers['www-authenticate'] ?? ''));
        got.push({ name: c.name, status: res.status, code: res.body.code, body: Object.keys(res.body).sort(), challenge: c.status === 403 || challenge });
      }
      // Every case is compared at once, so a regression names all the tokens it lets through.
      expect(got).toEqual(
        cases.map((c) => ({
          name: c.name,
          status: c.status,
          code: c.code ?? (c.status === 401 ? 'unauthorized' : 'forbidden'),
          body: ['code', 'details', 'message'],
          challenge: true,
        })),
      );
      expect(await api.snapshot()).toEqual(before);
    });
  });

  test('a non-admin cannot create, change or delete org rules (403), and nothing changes', async () => {
    const rule = await api.createRule('adminA', orgDraft());
    const before = await api.snapshot();
    const alice = await api.as('aliceA');
    expect((await alice.post('/api/rules').send(orgDraft())).status).toBe(403);
    expect(
      (
        await alice
          .put(`/api/rules/${rule.id}`)
          .set('If-Match', rule.etag)
          .send({ ...rule, name: 'mine now' })
      ).status,
    ).toBe(403);
    expect((await alice.delete(`/api/rules/${rule.id}`).set('If-Match', rule.etag)).status).toBe(403);
    expect((await alice.put('/api/rules/order').send({ scope: 'org', ids: [rule.id] })).status).toBe(403);
    expect((await alice.post('/api/import').send({ scope: 'org', rules: [] })).status).toBe(403);
    expect(await api.snapshot()).toEqual(before);
    // …but can read them.
    expect((await alice.get(`/api/rules/${rule.id}`)).status).toBe(200);
  });
});
