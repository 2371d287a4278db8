/** The token matrix: every broken token is refused with 401/403 and changes nothing. */
import request from 'supertest';
import { startTestApi, type TestApi } from '../support/app';
import { orgDraft } from '../support/rules';
import { TENANT_A, tokenMatrix, USERS, type TokenCase } from '../support/tokens';

let api: TestApi;
let cases: TokenCase[];

beforeAll(async () => {
  api = await startTestApi('sqlite');
  cases = await tokenMatrix(api.issuer);
});
afterAll(() => api.close());

test('a valid token identifies tenant, user and admin role from its claims', async () => {
  const alice = await (await api.as('aliceA')).get('/api/me').expect(200);
  expect(alice.body).toEqual({ tenantId: TENANT_A, userId: USERS.aliceA.oid, isAdmin: false });
  const admin = await (await api.as('adminA')).get('/api/me').expect(200);
  expect(admin.body).toEqual({ tenantId: TENANT_A, userId: USERS.adminA.oid, isAdmin: true });
});

test('the matrix covers every case of the issue', () => {
  const names = cases.map((c) => c.name);
  for (const n of ['no token', 'malformed token', 'expired', 'future nbf', 'wrong audience', 'wrong issuer', 'tenant not allowed', 'alg none', 'HS256 signed with the public key', 'unknown kid', 'tampered payload', 'missing scope']) {
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
    for (const c of cases) {
      let req = method === 'GET' ? request(api.app).get(url) : request(api.app).post(url).send(orgDraft());
      if (c.authorization !== undefined) req = req.set('Authorization', c.authorization);
      const res = await req;
      expect({ name: c.name, status: res.status }).toEqual({ name: c.name, status: c.status });
      expect(res.body).toEqual({ code: c.status === 401 ? 'unauthorized' : 'forbidden', message: expect.any(String), details: expect.any(Array) });
      if (c.status === 401) expect(res.headers['www-authenticate']).toMatch(/^Bearer/);
    }
    expect(await api.snapshot()).toEqual(before);
  });
});

test('a non-admin cannot create, change or delete org rules (403), and nothing changes', async () => {
  const rule = await api.createRule('adminA', orgDraft());
  const before = await api.snapshot();
  const alice = await api.as('aliceA');
  expect((await alice.post('/api/rules').send(orgDraft())).status).toBe(403);
  expect((await alice.put(`/api/rules/${rule.id}`).set('If-Match', rule.etag).send({ ...rule, name: 'mine now' })).status).toBe(403);
  expect((await alice.delete(`/api/rules/${rule.id}`).set('If-Match', rule.etag)).status).toBe(403);
  expect((await alice.put('/api/rules/order').send({ scope: 'org', ids: [rule.id] })).status).toBe(403);
  expect((await alice.post('/api/import').send({ scope: 'org', rules: [] })).status).toBe(403);
  expect(await api.snapshot()).toEqual(before);
  // …but can read them.
  expect((await alice.get(`/api/rules/${rule.id}`)).status).toBe(200);
});

test('the JWKS is fetched once and cached across requests', async () => {
  const fresh = await startTestApi('sqlite');
  try {
    const alice = await fresh.as('aliceA');
    for (let i = 0; i < 5; i++) await alice.get('/api/me').expect(200);
    const bob = await fresh.as('bobA');
    await bob.get('/api/me').expect(200);
    expect(fresh.issuer.jwksFetches).toBe(1);
  } finally {
    await fresh.close();
  }
});

test('a rotated key is picked up by refetching the JWKS on an unknown kid, rate limited by the cooldown', async () => {
  const fresh = await startTestApi('sqlite', { verifier: { jwksCooldownMs: 0 } });
  try {
    await (await fresh.as('aliceA')).get('/api/me').expect(200);
    const rotated = await fresh.issuer.newKey('rotated');
    fresh.issuer.publish(rotated);
    const token = await fresh.issuer.mint({ key: rotated, claims: { tid: TENANT_A, oid: USERS.bobA.oid, scp: 'Rules.ReadWrite' } });
    await request(fresh.app).get('/api/me').set('Authorization', `Bearer ${token}`).expect(200);
    expect(fresh.issuer.jwksFetches).toBe(2);
  } finally {
    await fresh.close();
  }
  const limited = await startTestApi('sqlite');
  try {
    await (await limited.as('aliceA')).get('/api/me').expect(200);
    const stranger = await limited.issuer.newKey('stranger');
    for (let i = 0; i < 3; i++) {
      const token = await limited.issuer.mint({ key: stranger, claims: { tid: TENANT_A, oid: USERS.bobA.oid, scp: 'Rules.ReadWrite' } });
      await request(limited.app).get('/api/me').set('Authorization', `Bearer ${token}`).expect(401);
    }
    // Within the 30 s cooldown unknown kids do not trigger refetches.
    expect(limited.issuer.jwksFetches).toBe(1);
  } finally {
    await limited.close();
  }
});

test('tokens within the 60 s clock skew are accepted', async () => {
  const now = Math.floor(Date.now() / 1000);
  const token = await api.issuer.mint({ claims: { tid: TENANT_A, oid: USERS.aliceA.oid, scp: 'Rules.ReadWrite', nbf: now + 30, iat: now - 3600, exp: now - 30 } });
  await request(api.app).get('/api/me').set('Authorization', `Bearer ${token}`).expect(200);
});

test('when the JWKS cannot be fetched the answer is 503, not 401 or 500', async () => {
  const fresh = await startTestApi('sqlite');
  const token = await fresh.tokens.for('aliceA');
  await fresh.issuer.close();
  try {
    const res = await request(fresh.app).get('/api/me').set('Authorization', `Bearer ${token}`);
    expect(res.status).toBe(503);
    expect(res.body.code).toBe('unavailable');
  } finally {
    await fresh.close();
  }
});
