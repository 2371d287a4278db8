/**
 * The verifier's own behaviour, through the app: JWKS caching and refetch, an unreachable JWKS, clock skew.
 * None of it touches the store, so it runs on SQLite only (the matrix runs on each store: auth-tokens.test.ts).
 */
import request from 'supertest';
import { startTestApi, type TestApi } from '../support/app';
import { TENANT_A, USERS } from '../support/tokens';

const aliceClaims = { tid: TENANT_A, oid: USERS.aliceA.oid, scp: 'Rules.ReadWrite' };

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
  const api = await startTestApi('sqlite');
  try {
    const now = Math.floor(Date.now() / 1000);
    const token = await api.issuer.mint({ claims: { ...aliceClaims, nbf: now + 30, iat: now - 3600, exp: now - 30 } });
    await request(api.app).get('/api/me').set('Authorization', `Bearer ${token}`).expect(200);
  } finally {
    await api.close();
  }
});

describe('the skew is exactly 60 s (the verifier reads a fixed clock)', () => {
  // Whole seconds, fixed for the test: the boundaries are exact, whatever the wall clock does meanwhile.
  const t = Math.floor(Date.now() / 1000);
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi('sqlite', { verifier: { now: () => t * 1000 } });
  });
  afterAll(() => api.close());

  const statusFor = async (claims: Record<string, number>) => {
    const token = await api.issuer.mint({ claims: { ...aliceClaims, iat: t - 7200, ...claims } });
    const res = await request(api.app).get('/api/me').set('Authorization', `Bearer ${token}`);
    return { status: res.status, message: res.body.message as string | undefined };
  };

  test('exp 59 s in the past is accepted, 61 s is refused', async () => {
    expect((await statusFor({ nbf: t - 3600, exp: t - 59 })).status).toBe(200);
    expect(await statusFor({ nbf: t - 3600, exp: t - 61 })).toEqual({ status: 401, message: 'the access token has expired' });
  });

  test('nbf 59 s ahead is accepted, 61 s is refused', async () => {
    expect((await statusFor({ nbf: t + 59, exp: t + 3600 })).status).toBe(200);
    expect(await statusFor({ nbf: t + 61, exp: t + 3600 })).toEqual({ status: 401, message: "the access token's nbf claim is not acceptable" });
  });
});

test("every {tid} of the issuer template is the token's tenant (Entra External ID puts it in the host too)", async () => {
  const api = await startTestApi('sqlite', { verifier: { issuerTemplate: 'https://{tid}.ciamlogin.com/{tid}/v2.0' } });
  try {
    const token = await api.issuer.mint({ claims: { ...aliceClaims, iss: `https://${TENANT_A}.ciamlogin.com/${TENANT_A}/v2.0` } });
    await request(api.app).get('/api/me').set('Authorization', `Bearer ${token}`).expect(200);
  } finally {
    await api.close();
  }
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
