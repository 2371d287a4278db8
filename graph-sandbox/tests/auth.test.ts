import { graphScope, sandboxCredential, startHarness, type SandboxHarness } from './support/sandbox-client';
import { smallTenant } from './support/factories';

describe('graph sandbox: tokens and bearer authentication', () => {
  let h: SandboxHarness;
  beforeAll(async () => {
    h = await startHarness({ scenario: { document: smallTenant() } });
  });
  afterAll(() => h.close());

  it('issues a client-credentials token to @azure/identity with authorityHost at the sandbox', async () => {
    const token = await sandboxCredential(h.sandbox).getToken(graphScope);
    expect(token.token).toMatch(/\S{20,}/);
    expect(token.expiresOnTimestamp).toBeGreaterThan(Date.now());
    expect(h.sandbox.accounting.snapshot().tokensIssued).toBeGreaterThanOrEqual(1);
  });

  it('refuses a wrong client secret through the credential', async () => {
    await expect(sandboxCredential(h.sandbox, 'not-the-secret').getToken(graphScope)).rejects.toThrow(/7000215|invalid_client/);
  });

  it('answers a missing bearer token with 401 InvalidAuthenticationToken in Graph error shape', async () => {
    const res = await h.raw('GET', '/v1.0/users', { authorization: null, headers: { 'client-request-id': 'c-1' } });
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('InvalidAuthenticationToken');
    expect(res.body.error.innerError['client-request-id']).toBe('c-1');
    expect(res.body.error.innerError['request-id']).toBe(res.headers.get('request-id'));
  });

  it('rejects an unknown token', async () => {
    const res = await h.raw('GET', '/v1.0/users', { authorization: 'Bearer made-up' });
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('InvalidAuthenticationToken');
  });

  it('rejects an expired token with the lifetime message', async () => {
    const token = await h.token();
    h.sandbox.expireAccessTokens();
    const res = await h.raw('GET', '/v1.0/users', { authorization: `Bearer ${token}` });
    expect(res.status).toBe(401);
    expect(res.body.error.message).toMatch(/expired/);
  });

  it('serves the OpenID configuration MSAL reads before asking for a token', async () => {
    const res = await h.raw('GET', `/${h.sandbox.tenantId}/v2.0/.well-known/openid-configuration`, { authorization: null });
    expect(res.status).toBe(200);
    expect(res.body.token_endpoint).toBe(h.sandbox.tokenUrl);
  });
});
