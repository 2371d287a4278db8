/**
 * `GET /{tenant}/v2.0/adminconsent`: the Microsoft identity platform's admin-consent endpoint
 * (learn.microsoft.com/en-us/entra/identity-platform/v2-admin-consent). No admin signs in here: a test scripts what
 * the admin does (`sandbox.tenants.scriptConsent`), and the sandbox redirects to `redirect_uri` the way Entra does.
 * Consenting gives the app a service principal in the admin's tenant, so client-credential tokens work there.
 */
import type { SandboxResponse } from './context';
import type { SandboxApp } from './auth';
import type { ConsentAnswer, SandboxDirectory } from './tenants';

const isLoopback = (url: URL): boolean => ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);

/** Entra shows an error page (no redirect) when the request itself is wrong; the sandbox answers its gist as JSON. */
const errorPage = (code: number, description: string): SandboxResponse => ({
  status: 400,
  body: { error: 'invalid_request', error_description: `AADSTS${code}: ${description}`, error_codes: [code] },
});

function redirect(redirectUri: URL, params: Array<[string, string]>): SandboxResponse {
  const target = new URL(redirectUri);
  for (const [k, v] of params) target.searchParams.append(k, v);
  return { status: 302, headers: { Location: target.toString(), 'Content-Type': 'text/html; charset=utf-8' } };
}

function declined(redirectUri: URL, state: string | null, answer: ConsentAnswer & { kind: 'decline' }): SandboxResponse {
  const withState = (params: Array<[string, string]>): Array<[string, string]> => (state === null ? params : [...params, ['state', state]]);
  if (answer.style === 'reference') {
    return redirect(
      redirectUri,
      withState([
        ['error', 'permission_denied'],
        ['error_description', 'The admin canceled the request'],
      ]),
    );
  }
  return redirect(redirectUri, [
    ['error', 'access_denied'],
    ['error_subcode', 'cancel'],
    ...(state === null ? [] : ([['state', state]] as Array<[string, string]>)),
    ['error_description', 'AADSTS65004: User declined to consent to access the app.'],
  ]);
}

export function adminConsentResponse(
  directory: SandboxDirectory,
  app: (clientId: string) => SandboxApp | undefined,
  tenant: string,
  query: URLSearchParams,
): SandboxResponse {
  const clientId = query.get('client_id') ?? '';
  const registered = app(clientId);
  // 'common' is refused: a personal account cannot consent for a directory (the page's `tenant` parameter).
  const named = tenant === 'organizations' ? undefined : directory.find(tenant);
  if (tenant !== 'organizations' && !named) return errorPage(90002, `Tenant '${tenant}' not found.`);
  if (!registered) return errorPage(700016, `Application with identifier '${clientId}' was not found in the directory '${tenant}'.`);
  let redirectUri: URL;
  try {
    redirectUri = new URL(query.get('redirect_uri') ?? '');
  } catch {
    return errorPage(900144, "The request body must contain the following parameter: 'redirect_uri'.");
  }
  // The redirect URI "must exactly match one of the redirect URIs that you registered" (the page's parameter table).
  const allowed = registered.redirectUris
    ? registered.redirectUris.includes(redirectUri.toString()) || registered.redirectUris.includes(query.get('redirect_uri') ?? '')
    : isLoopback(redirectUri);
  if (!allowed)
    return errorPage(
      50011,
      `The redirect URI '${redirectUri.toString()}' specified in the request does not match the redirect URIs configured for the application '${clientId}'.`,
    );
  const answer = directory.takeConsentAnswer();
  if (!answer) return errorPage(900000, 'The Graph sandbox has no scripted answer for this admin-consent request (sandbox.tenants.scriptConsent).');
  const state = query.get('state');
  if (answer.kind === 'decline') return declined(redirectUri, state, answer);
  const consenting = directory.find(answer.tenantId);
  if (!consenting || (named && named !== consenting)) return errorPage(900000, `The scripted admin is not in tenant '${tenant}'.`);
  directory.setConsent(consenting.id, true);
  // Success: admin_consent=True, tenant, scope, then state (the page's "Successful response").
  return redirect(redirectUri, [
    ['admin_consent', 'True'],
    ['tenant', consenting.id],
    ...(query.get('scope') ? ([['scope', query.get('scope') as string]] as Array<[string, string]>) : []),
    ...(state === null ? [] : ([['state', state]] as Array<[string, string]>)),
  ]);
}
