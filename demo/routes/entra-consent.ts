/**
 * The demo's stand-in for Entra's admin-consent page. `/onboard` sends the browser to
 * `<authority>/organizations/v2.0/adminconsent?…`; in the demo the authority is `/demo/entra` on the demo's own
 * origin (the sandbox's HTTPS certificate is not one a browser trusts). This page plays the admin: Accept or Cancel.
 * Either answer is then given to the Graph sandbox's real admin-consent endpoint (scriptConsent, then the same query),
 * and the browser follows the redirect it answers — so redirect-URI checks, the consent grant and the answer's shape
 * are the sandbox's, as the tests see them.
 *
 * It also stands in for the operator tenant's authorize endpoint (`/operator`'s sign-in, OpenID Connect with
 * response_mode=form_post): a page to pick who signs in — Olivia, who has the CalSync.Operator role, or Megan, a
 * Contoso admin who is no operator — each a form that posts a freshly minted ID token to the redirect URI, as Entra's
 * page does. Only this demo's own /operator/callback is accepted as the redirect URI (Entra checks the registered ones).
 */
import { Router } from 'express';
import { Agent, fetch as undiciFetch } from 'undici';
import { escapeHtml } from '../../server/http/onboard/pages';
import type { GraphSandbox } from '../../graph-sandbox/src/index';
import { FABRIKAM_TENANT_ID } from '../fabrikam';
import { OPERATOR_ROLE } from '../../server/auth/operator-id-token';
import { DEFAULT_DEMO_ACCOUNT, DEMO_OPERATOR, DEMO_OPERATOR_CLIENT_ID } from '../demo-identities';
import type { DemoIssuer } from '../demo-issuer';

export const DEMO_ENTRA_PATH = '/demo/entra';

const STAND_IN_STYLE = `body{font-family:'Segoe UI',system-ui,sans-serif;background:#f5f5f5;color:#242424}main{max-width:440px;margin:64px auto;background:#fff;padding:32px;border-radius:8px;box-shadow:0 2px 4px rgba(0,0,0,.14)}
a,button{display:inline-block;margin:8px 8px 0 0;padding:6px 20px;border-radius:4px;text-decoration:none;font:inherit;font-weight:600;cursor:pointer}.accept{background:#0f6cbd;color:#fff;border:0}.cancel{border:1px solid #616161;color:#242424;background:#fff}form{margin:12px 0}`;

export function entraConsentRoutes(sandbox: GraphSandbox, issuer: DemoIssuer, origin: string): Router {
  const router = Router();

  router.get(`${DEMO_ENTRA_PATH}/:tenant/oauth2/v2.0/authorize`, async (req, res) => {
    const q = (name: string) => (typeof req.query[name] === 'string' ? (req.query[name] as string) : '');
    if (q('redirect_uri') !== `${origin}/operator/callback` || q('client_id') !== DEMO_OPERATOR_CLIENT_ID || q('response_mode') !== 'form_post') {
      return void res.status(400).type('text/plain').send('AADSTS50011: the redirect URI, client or response mode is not the registered one');
    }
    const token = (who: { tenantId: string; upn: string; displayName: string }, roles: string[]) =>
      issuer.mintIdToken({ ...who, roles, audience: DEMO_OPERATOR_CLIENT_ID, nonce: q('nonce') });
    const form = (idToken: string, label: string, className: string) =>
      `<form method="post" action="${escapeHtml(q('redirect_uri'))}"><input type="hidden" name="id_token" value="${escapeHtml(idToken)}"><input type="hidden" name="state" value="${escapeHtml(q('state'))}"><button class="${className}" type="submit">${escapeHtml(label)}</button></form>`;
    res
      .type('html')
      .set('Cache-Control', 'no-store')
      .send(
        `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Sign in · demo</title><style>${STAND_IN_STYLE}</style></head>
<body><main><p>Demo stand-in for Microsoft Entra ID</p><h1>Pick an account</h1>
<p>Signing in to CalSync operations.</p>
${form(await token(DEMO_OPERATOR, [OPERATOR_ROLE]), `${DEMO_OPERATOR.displayName} (CalSync operator)`, 'accept')}
${form(await token(DEFAULT_DEMO_ACCOUNT, []), `${DEFAULT_DEMO_ACCOUNT.displayName} (Contoso, not an operator)`, 'cancel')}
</main></body></html>`,
      );
  });

  const toSandbox = new Agent({ connect: { ca: sandbox.caPem } });
  const query = (url: string) => url.slice(url.indexOf('?') + 1);

  router.get(`${DEMO_ENTRA_PATH}/organizations/v2.0/adminconsent`, (req, res) => {
    const original = query(req.originalUrl);
    const answer = (choice: 'accept' | 'cancel') => `${DEMO_ENTRA_PATH}/answer?choice=${choice}&${original}`;
    res
      .type('html')
      .set('Cache-Control', 'no-store')
      .send(
        `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Permissions requested · demo</title>
<style>${STAND_IN_STYLE}</style></head>
<body><main><p>Demo stand-in for Microsoft Entra ID</p><h1>Permissions requested</h1>
<p>Signed in as <strong>Jordan Miller</strong>, global administrator of <strong>Fabrikam</strong>.</p>
<p>CalSync (${escapeHtml(String(req.query.client_id ?? ''))}) asks for the permissions listed on the page you came from, for everyone in Fabrikam.</p>
<a class="accept" href="${escapeHtml(answer('accept'))}">Accept</a><a class="cancel" href="${escapeHtml(answer('cancel'))}">Cancel</a></main></body></html>`,
      );
  });

  router.get(`${DEMO_ENTRA_PATH}/answer`, async (req, res) => {
    const params = new URLSearchParams(query(req.originalUrl));
    const choice = params.get('choice');
    params.delete('choice');
    sandbox.tenants.scriptConsent(choice === 'accept' ? { kind: 'consent', tenantId: FABRIKAM_TENANT_ID } : { kind: 'decline' });
    const answered = await undiciFetch(`${sandbox.authorityHost.replace(/\/$/, '')}/organizations/v2.0/adminconsent?${params.toString()}`, {
      redirect: 'manual',
      dispatcher: toSandbox,
    });
    const location = answered.headers.get('location');
    if (answered.status !== 302 || !location)
      return void res
        .status(400)
        .type('text/plain')
        .send(await answered.text());
    res.redirect(302, location);
  });
  return router;
}
