/**
 * Onboarding by admin consent (issue #15), end to end against the Graph sandbox: the start page, Entra's
 * admin-consent endpoint (the sandbox's, with a scripted admin), the callback with its browser-bound state, the
 * proof that the consent works, and what the tenant then is. Also: a declined consent, a state from another browser,
 * a replayed callback, a consent revoked before the proof, and an operator's plan that onboarding keeps.
 */
import { Agent, fetch as undiciFetch } from 'undici';
import { type GraphSandbox } from '../../graph-sandbox/src/index';
import { TenantService } from '../../server/services/tenants';
import type { Stores } from '../../server/store/types';
import { startOnboardingStack, type OnboardingStack } from '../support/onboarding-stack';

const FABRIKAM = { id: 'fabfabfa-1111-4111-8111-000000000001', displayName: 'Fabrikam', domains: ['fabrikam.com', 'fabrikam.example'] };
const NORTHWIND = { id: '0a0a0a0a-2222-4222-8222-000000000002', displayName: 'Northwind', domains: ['northwind.com'] };

let stack: OnboardingStack;
let sandbox: GraphSandbox;
let stores: Stores;
let base: string;
let toSandbox: Agent;

beforeAll(async () => {
  stack = await startOnboardingStack(
    [FABRIKAM, NORTHWIND],
    [
      { userPrincipalName: 'fay@fabrikam.com', displayName: 'Fay Fabrikam' },
      { userPrincipalName: 'nell@northwind.com', displayName: 'Nell Northwind' },
    ],
  );
  ({ sandbox, stores, base, toSandbox } = stack);
});

afterAll(() => stack?.close());

const unescape = (s: string) =>
  s
    .replace(/&amp;/g, '&')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>');

/** A browser's start: the page, its state cookie and the consent link it shows. */
async function start(): Promise<{ page: string; cookie: string; consentUrl: URL }> {
  const res = await fetch(`${base}/onboard`);
  expect(res.status).toBe(200);
  const setCookie = res.headers.get('set-cookie') ?? '';
  expect(setCookie).toMatch(/^calsync_onboard=[^;]+; Max-Age=600; Path=\/onboard; Expires=[^;]+; HttpOnly; SameSite=Lax$/);
  const page = await res.text();
  const href = /<a class="button" href="([^"]+)"/.exec(page)?.[1];
  expect(href).toBeDefined();
  return { page, cookie: setCookie.split(';')[0]!, consentUrl: new URL(unescape(href!)) };
}

/** The admin at Entra's consent page (scripted in the sandbox): where Entra sends the browser back to. */
async function atEntra(consentUrl: URL): Promise<string> {
  const res = await undiciFetch(consentUrl, { redirect: 'manual', dispatcher: toSandbox });
  expect(res.status).toBe(302);
  return res.headers.get('location')!;
}

async function callback(url: string, cookie: string | undefined): Promise<{ status: number; page: string }> {
  const res = await fetch(url, { headers: cookie ? { cookie } : {} });
  return { status: res.status, page: await res.text() };
}

describe('onboarding by admin consent', () => {
  it('explains the permissions and sends the admin to the v2 admin-consent endpoint with a browser-bound state', async () => {
    const { page, consentUrl } = await start();
    for (const permission of ['Calendars.ReadWrite', 'MailboxSettings.ReadWrite', 'User.Read.All', 'Organization.Read.All', 'GroupMember.Read.All'])
      expect(page).toContain(permission);
    expect(`${consentUrl.origin}${consentUrl.pathname}`).toBe(`${sandbox.authorityHost.replace(/\/$/, '')}/organizations/v2.0/adminconsent`);
    expect(consentUrl.searchParams.get('client_id')).toBe(sandbox.app.clientId);
    expect(consentUrl.searchParams.get('scope')).toBe('https://graph.microsoft.com/.default');
    expect(consentUrl.searchParams.get('redirect_uri')).toBe(`${base}/onboard/callback`);
    expect(consentUrl.searchParams.get('state')).toMatch(/^[\w-]{32}$/);
  });

  it('a consent makes the tenant a customer on the trial plan, with settings from its verified domains, once', async () => {
    const { cookie, consentUrl } = await start();
    sandbox.tenants.scriptConsent({ kind: 'consent', tenantId: FABRIKAM.id });
    const back = await atEntra(consentUrl);
    expect(back).toContain('admin_consent=True');
    const done = await callback(back, cookie);
    expect(done.status).toBe(200);
    expect(done.page).toContain('Fabrikam uses CalSync now');
    expect(done.page).toContain(`${base}/manifest.xml`);
    const record = await stores.tenants.get(FABRIKAM.id);
    expect(record).toMatchObject({ status: 'active', displayName: 'Fabrikam', plan: { seats: 10, graceDays: 14 } });
    const days = (Date.parse(record!.plan.termEnd) - Date.parse(record!.plan.termStart)) / 86_400_000;
    expect(days).toBe(30);
    expect(await stores.settings.get(FABRIKAM.id)).toMatchObject({ internalDomains: ['fabrikam.com', 'fabrikam.example'], enrolledMailboxes: [] });
    const audit = (await stores.audit.list({ tenantId: FABRIKAM.id, scopes: ['settings', 'tenant', 'org', 'personal'] })).items.map((e) => e.scope).sort();
    expect(audit).toEqual(['settings', 'tenant']);

    // The same answer again (a replay, or a reload of the callback): refused, nothing changes.
    const replay = await callback(back, cookie);
    expect(replay.status).toBe(400);
    expect(replay.page).toContain('not valid here');
    expect(await stores.tenants.get(FABRIKAM.id)).toEqual(record);
  });

  it('refuses a callback whose state another browser started, or that carries no cookie', async () => {
    const mine = await start();
    const theirs = await start();
    sandbox.tenants.scriptConsent({ kind: 'consent', tenantId: NORTHWIND.id });
    const back = await atEntra(theirs.consentUrl);
    expect((await callback(back, mine.cookie)).status).toBe(400);
    expect((await callback(back, undefined)).status).toBe(400);
    const forged = theirs.cookie.replace(/\.[\w-]+$/, '.AAAA');
    expect((await callback(back, forged)).status).toBe(400);
    expect(await stores.tenants.get(NORTHWIND.id)).toBeUndefined();
  });

  it('a declined consent says so and changes nothing', async () => {
    const { cookie, consentUrl } = await start();
    sandbox.tenants.scriptConsent({ kind: 'decline' });
    const back = await atEntra(consentUrl);
    expect(back).toContain('error=access_denied');
    const declined = await callback(back, cookie);
    expect(declined.status).toBe(400);
    expect(declined.page).toContain('Consent was declined');
    expect(declined.page).toContain(`href="${base}/onboard"`);
    expect(await stores.tenants.get(NORTHWIND.id)).toBeUndefined();
  });

  it('a consent revoked before CalSync could use it activates nothing', async () => {
    const { cookie, consentUrl } = await start();
    sandbox.tenants.scriptConsent({ kind: 'consent', tenantId: NORTHWIND.id });
    const back = await atEntra(consentUrl);
    sandbox.tenants.revokeConsent(NORTHWIND.id);
    const failed = await callback(back, cookie);
    expect(failed.status).toBe(502);
    expect(failed.page).toMatch(/would not give CalSync a token for your organisation \(AADSTS\d+\)/);
    expect(await stores.tenants.get(NORTHWIND.id)).toBeUndefined();
    expect(await stores.settings.get(NORTHWIND.id)).toBeUndefined();
  });

  it('keeps the plan an operator sold before the admin consented', async () => {
    await new TenantService(stores).setPlan({ userId: 'cli:operator' }, NORTHWIND.id, { seats: 50, termStart: '2026-01-01' }, 'Northwind Traders');
    sandbox.tenants.grantConsent(NORTHWIND.id);
    const { cookie, consentUrl } = await start();
    sandbox.tenants.scriptConsent({ kind: 'consent', tenantId: NORTHWIND.id });
    const done = await callback(await atEntra(consentUrl), cookie);
    expect(done.status).toBe(200);
    expect(done.page).not.toContain('trial');
    expect(await stores.tenants.get(NORTHWIND.id)).toMatchObject({ status: 'active', plan: { seats: 50, termStart: '2026-01-01', termEnd: '2027-01-01' } });
  });
});
