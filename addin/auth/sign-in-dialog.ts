/**
 * The page the pane's sign-in fallback opens in an Office dialog (addin/account/dialog-sign-in.ts), and
 * the redirect URI registered for it. First visit: MSAL's redirect to Entra ID for the scope sets in the
 * query. Back from Entra ID: MSAL completes the redirect, fetches the other sets' tokens silently, and the
 * page hands them to the pane with messageParent — the dialog is its own browser instance, so the pane
 * cannot read its MSAL cache (https://learn.microsoft.com/office/dev/add-ins/develop/auth-with-office-dialog-api).
 * The same flow as Microsoft's NAA sample's fallback (OfficeDev/Office-Add-in-samples,
 * Samples/auth/Outlook-Add-in-SSO-NAA); the page only calls messageParent, one of the two Office APIs a
 * dialog may call (https://learn.microsoft.com/office/dev/add-ins/develop/dialog-best-practices).
 */
import { createStandardPublicClientApplication, type AuthenticationResult } from '@azure/msal-browser';
import { buildConfig } from '../config/build-config';
import { scopeSetsFromQuery, type DialogSignInMessage, type DialogToken } from '../account/dialog-protocol';

function send(message: DialogSignInMessage): void {
  Office.context.ui.messageParent(JSON.stringify(message));
}

function tokenOf(result: AuthenticationResult, scopes: string[]): DialogToken {
  return { scopes, accessToken: result.accessToken, expiresOn: result.expiresOn?.getTime() ?? Date.now() };
}

async function signIn(): Promise<void> {
  const config = buildConfig();
  const pca = await createStandardPublicClientApplication({
    auth: { clientId: config.clientId, authority: config.authority, redirectUri: `${location.origin}${location.pathname}` },
    cache: { cacheLocation: 'localStorage' },
  });
  // Entra ID redirects back to this page without its query: finish here rather than navigate to the query'd start.
  const back = await pca.handleRedirectPromise({ navigateToLoginRequestUrl: false });
  if (!back) {
    const sets = scopeSetsFromQuery(location.search);
    if (!sets) throw Object.assign(new Error('the sign-in page was opened without scopes'), { errorCode: 'bad_request' });
    // The query is gone when Entra ID redirects back: the sets travel in MSAL's state.
    const [first, ...rest] = sets;
    await pca.acquireTokenRedirect({ scopes: first ?? [], extraScopesToConsent: rest.flat(), state: JSON.stringify(sets) });
    return;
  }
  const sets = JSON.parse(back.state || '[]') as string[][];
  const tokens = [tokenOf(back, sets[0] ?? back.scopes)];
  for (const scopes of sets.slice(1)) tokens.push(tokenOf(await pca.acquireTokenSilent({ scopes, account: back.account }), scopes));
  send({ status: 'success', tokens });
}

void Office.onReady(() =>
  signIn().catch((err: unknown) => {
    const e = err as { errorCode?: string; message?: string };
    send({ status: 'failure', errorCode: e?.errorCode ?? 'unknown', message: e?.message ?? String(err) });
  }),
);
