/**
 * The demo's stand-in for Entra's admin-consent page. `/onboard` sends the browser to
 * `<authority>/organizations/v2.0/adminconsent?…`; in the demo the authority is `/demo/entra` on the demo's own
 * origin (the sandbox's HTTPS certificate is not one a browser trusts). This page plays the admin: Accept or Cancel.
 * Either answer is then given to the Graph sandbox's real admin-consent endpoint (scriptConsent, then the same query),
 * and the browser follows the redirect it answers — so redirect-URI checks, the consent grant and the answer's shape
 * are the sandbox's, as the tests see them.
 */
import { Router } from 'express';
import { Agent, fetch as undiciFetch } from 'undici';
import { escapeHtml } from '../../http/onboard/pages';
import type { GraphSandbox } from '../../graph-sandbox/index';
import { FABRIKAM_TENANT_ID } from '../fabrikam';

export const DEMO_ENTRA_PATH = '/demo/entra';

export function entraConsentRoutes(sandbox: GraphSandbox): Router {
  const router = Router();
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
<style>body{font-family:'Segoe UI',system-ui,sans-serif;background:#f5f5f5;color:#242424}main{max-width:440px;margin:64px auto;background:#fff;padding:32px;border-radius:8px;box-shadow:0 2px 4px rgba(0,0,0,.14)}
a{display:inline-block;margin:8px 8px 0 0;padding:6px 20px;border-radius:4px;text-decoration:none;font-weight:600}.accept{background:#0f6cbd;color:#fff}.cancel{border:1px solid #616161;color:#242424}</style></head>
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
    const answered = await undiciFetch(`${sandbox.authorityHost.replace(/\/$/, '')}/organizations/v2.0/adminconsent?${params.toString()}`, { redirect: 'manual', dispatcher: toSandbox });
    const location = answered.headers.get('location');
    if (answered.status !== 302 || !location) return void res.status(400).type('text/plain').send(await answered.text());
    res.redirect(302, location);
  });
  return router;
}
