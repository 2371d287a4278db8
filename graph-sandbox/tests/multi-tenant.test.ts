/**
 * The sandbox as several Entra tenants: each tenant's app-only token reaches its own mailboxes only, the
 * admin-consent endpoint redirects as Entra does, and the token endpoint refuses a tenant without consent in
 * Entra's error shape.
 */
import { fetch as undiciFetch } from 'undici';
import { startHarness, type SandboxHarness } from './support/sandbox-client';
import { smallTenant } from './support/factories';

const FABRIKAM = 'fabfabfa-0000-4000-8000-000000000001';
const NORTHWIND = '0a0a0a0a-0000-4000-8000-000000000002';
const REDIRECT = 'http://127.0.0.1:4000/onboard/callback';

describe('graph sandbox: several tenants', () => {
  let h: SandboxHarness;
  beforeAll(async () => {
    h = await startHarness({
      scenario: { document: smallTenant() },
      tenants: [
        { id: FABRIKAM, displayName: 'Fabrikam', domains: ['fabrikam.com'], consented: true },
        { id: NORTHWIND, displayName: 'Northwind', domains: ['northwind.com'] },
      ],
    });
    h.sandbox.store.addMailbox({ userPrincipalName: 'fay@fabrikam.com', displayName: 'Fay Fabrikam' });
    h.sandbox.store.addMailbox({ userPrincipalName: 'nell@northwind.com', displayName: 'Nell Northwind' });
  });
  afterAll(() => h.close());

  /** A raw client-credentials request, as MSAL sends it. */
  async function tokenRequest(tenant: string): Promise<{ status: number; body: Record<string, unknown> }> {
    const form = new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: h.sandbox.app.clientId,
      client_secret: h.sandbox.app.clientSecret,
      scope: 'https://graph.microsoft.com/.default',
    });
    const res = await undiciFetch(`${h.sandbox.baseUrl}/${tenant}/oauth2/v2.0/token`, { method: 'POST', body: form, dispatcher: h.dispatcher });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  }

  async function tokenFor(tenant: string): Promise<string> {
    const answer = await tokenRequest(tenant);
    expect(answer.status).toBe(200);
    return answer.body.access_token as string;
  }

  async function consentRequest(tenant: string, state: string): Promise<{ status: number; location: URL | null; body: string }> {
    const query = new URLSearchParams({ client_id: h.sandbox.app.clientId, scope: 'https://graph.microsoft.com/.default', redirect_uri: REDIRECT, state });
    const res = await undiciFetch(`${h.sandbox.baseUrl}/${tenant}/v2.0/adminconsent?${query.toString()}`, { redirect: 'manual', dispatcher: h.dispatcher });
    const location = res.headers.get('location');
    return { status: res.status, location: location ? new URL(location) : null, body: await res.text() };
  }

  it("a tenant's token reads its own mailboxes and lists only its own users", async () => {
    const fabrikam = `Bearer ${await tokenFor(FABRIKAM)}`;
    const own = await h.raw('GET', '/v1.0/users/fay@fabrikam.com/mailboxSettings', { authorization: fabrikam });
    expect(own.status).toBe(200);
    const users = await h.raw('GET', '/v1.0/users', { authorization: fabrikam });
    expect(users.body.value.map((u: { userPrincipalName: string }) => u.userPrincipalName)).toEqual(['fay@fabrikam.com']);
    const home = await h.raw('GET', '/v1.0/users');
    expect(home.body.value.map((u: { userPrincipalName: string }) => u.userPrincipalName)).not.toContain('fay@fabrikam.com');
  });

  it("another tenant's mailbox is answered 404 ErrorInvalidUser, exactly like one that does not exist, and counted", async () => {
    h.sandbox.accounting.reset();
    const fabrikam = `Bearer ${await tokenFor(FABRIKAM)}`;
    const fay = h.sandbox.store.findMailbox('fay@fabrikam.com')!;
    for (const path of [
      '/v1.0/users/fay@fabrikam.com/events',
      `/v1.0/users/${fay.id}/calendarView/delta?startDateTime=2026-01-01T00:00:00Z&endDateTime=2026-02-01T00:00:00Z`,
      '/v1.0/users/fay@fabrikam.com',
    ]) {
      const foreign = await h.raw('GET', path);
      expect(foreign.status).toBe(404);
      expect(foreign.body.error.code).toBe('ErrorInvalidUser');
    }
    const missing = await h.raw('GET', '/v1.0/users/nobody@contoso.com/events');
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('ErrorInvalidUser');
    const back = await h.raw('GET', '/v1.0/users/ada@contoso.com/events', { authorization: fabrikam });
    expect(back.status).toBe(404);
    // In a $batch as well: the inner request carries the outer token's tenant.
    const batch = await h.raw('POST', '/v1.0/$batch', {
      authorization: fabrikam,
      body: { requests: [{ id: '1', method: 'GET', url: '/users/olivia@contoso.com/events' }] },
    });
    expect(batch.body.responses[0].status).toBe(404);
    const snapshot = h.sandbox.accounting.snapshot();
    expect(snapshot.crossTenantTokenUses).toBe(5);
    expect(snapshot.tokenTenantsByMailbox['fay@fabrikam.com']).toEqual({ [h.sandbox.tenantId]: 3 });
    expect(snapshot.tokenTenantsByMailbox['ada@contoso.com']).toEqual({ [FABRIKAM]: 1 });
  });

  it("a subscription on another tenant's mailbox is refused like one on an unknown user", async () => {
    const fabrikam = `Bearer ${await tokenFor(FABRIKAM)}`;
    const body = {
      changeType: 'created',
      notificationUrl: 'https://127.0.0.1:1/n',
      resource: '/users/ada@contoso.com/events',
      expirationDateTime: new Date(Date.now() + 3_600_000).toISOString(),
    };
    const res = await h.raw('POST', '/v1.0/subscriptions', { authorization: fabrikam, body });
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('ErrorInvalidUser');
  });

  it("refuses tokens for a tenant that never consented, with Entra's error body (AADSTS7000229 by default)", async () => {
    const answer = await tokenRequest(NORTHWIND);
    expect(answer.status).toBe(401);
    expect(answer.body).toMatchObject({ error: 'invalid_client', error_codes: [7000229] });
    expect(answer.body.error_description).toMatch(
      new RegExp(`^AADSTS7000229: The client application ${h.sandbox.app.clientId} is missing service principal in the tenant ${NORTHWIND}`),
    );
    expect(answer.body.trace_id).toMatch(/^[0-9a-f-]{36}$/);
    expect(answer.body.correlation_id).toMatch(/^[0-9a-f-]{36}$/);
    expect(typeof answer.body.timestamp).toBe('string');
  });

  it('answers AADSTS700016 instead when configured so (the other code sources report)', async () => {
    h.sandbox.tenants.setConsentErrorCode(700016);
    try {
      const answer = await tokenRequest(NORTHWIND);
      expect(answer.status).toBe(400);
      expect(answer.body).toMatchObject({ error: 'unauthorized_client', error_codes: [700016] });
      expect(answer.body.error_description).toMatch(/^AADSTS700016: Application with identifier '.*' was not found in the directory/);
    } finally {
      h.sandbox.tenants.setConsentErrorCode(7000229);
    }
  });

  it('the admin-consent endpoint redirects a decline with access_denied and AADSTS65004, and the tenant stays without tokens', async () => {
    h.sandbox.tenants.scriptConsent({ kind: 'decline' });
    const declined = await consentRequest('organizations', 's-1');
    expect(declined.status).toBe(302);
    expect(`${declined.location!.origin}${declined.location!.pathname}`).toBe(REDIRECT);
    expect(Object.fromEntries(declined.location!.searchParams)).toEqual({
      error: 'access_denied',
      error_subcode: 'cancel',
      state: 's-1',
      error_description: 'AADSTS65004: User declined to consent to access the app.',
    });
    expect((await tokenRequest(NORTHWIND)).status).toBe(401);
    h.sandbox.tenants.scriptConsent({ kind: 'decline', style: 'reference' });
    const reference = await consentRequest('organizations', 's-2');
    expect(Object.fromEntries(reference.location!.searchParams)).toEqual({
      error: 'permission_denied',
      error_description: 'The admin canceled the request',
      state: 's-2',
    });
  });

  it('consent redirects with admin_consent=True, the tenant and the state; tokens work from then on until consent is revoked', async () => {
    h.sandbox.tenants.scriptConsent({ kind: 'consent', tenantId: NORTHWIND });
    const consented = await consentRequest('organizations', 's-3');
    expect(consented.status).toBe(302);
    expect(Object.fromEntries(consented.location!.searchParams)).toEqual({
      admin_consent: 'True',
      tenant: NORTHWIND,
      scope: 'https://graph.microsoft.com/.default',
      state: 's-3',
    });
    const northwind = `Bearer ${await tokenFor(NORTHWIND)}`;
    expect((await h.raw('GET', '/v1.0/users/nell@northwind.com', { authorization: northwind })).status).toBe(200);

    h.sandbox.tenants.revokeConsent(NORTHWIND);
    const refused = await tokenRequest(NORTHWIND);
    expect(refused.status).toBe(401);
    expect(refused.body.error_codes).toEqual([7000229]);
  });

  it('refuses a redirect URI that is not registered, and a scripted admin of another tenant on a tenant-specific URL', async () => {
    const query = new URLSearchParams({ client_id: h.sandbox.app.clientId, redirect_uri: 'https://evil.example/cb', state: 'x' });
    const res = await undiciFetch(`${h.sandbox.baseUrl}/organizations/v2.0/adminconsent?${query.toString()}`, { redirect: 'manual', dispatcher: h.dispatcher });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error_description: string }).error_description).toMatch(/^AADSTS50011/);
    h.sandbox.tenants.scriptConsent({ kind: 'consent', tenantId: FABRIKAM });
    const wrong = await consentRequest(NORTHWIND, 's-4');
    expect(wrong.status).toBe(400);
    expect(wrong.location).toBeNull();
  });
});
