/**
 * `GET /onboard` and `GET /onboard/callback`: an organisation signs up by admin consent (issue #15; Microsoft
 * identity platform v2 admin-consent endpoint, https://learn.microsoft.com/entra/identity-platform/v2-admin-consent).
 * The start page explains what CalSync asks for and sends a global admin to Entra with a state bound to this browser
 * (consent-state.ts); Entra comes back to the callback with `admin_consent=True&tenant=…&state=…` or with `error=…`.
 * The callback spends the state, then Onboarding proves the consent works and makes the tenant a customer.
 */
import { Router, type Response } from 'express';
import { cookieNamed, pageCookie, publicOrigin as origin } from '../http/browser-cookies';
import type { Logger } from 'pino';
import { GRAPH_PERMISSIONS } from '../domain/graph-permissions';
import { DomainError } from '../domain/errors';
import { CONSENT_COOKIE, CONSENT_STATE_TTL_MS, type ConsentStates } from '../http/onboard/consent-state';
import { donePage, problemPage, startPage } from '../http/onboard/pages';
import { ConsentNotWorking, type Onboarding } from '../services/onboarding';

export interface OnboardRoutesDeps {
  onboarding: Onboarding;
  states: ConsentStates;
  /** The multi-tenant app registration's client id. */
  clientId: string;
  /** Entra's authority host (https://login.microsoftonline.com), or the sandbox's. */
  authorityHost: string;
  /** The service's public origin; absent, the origin the request came to. */
  publicUrl?: string;
  logger: Logger;
}

/** What Entra's `error` means for the admin (the v2 admin-consent page's error table, and AADSTS65004 for a decline). */
function consentErrorWords(error: string, description: string): { title: string; message: string } {
  const code = /AADSTS\d+/.exec(description)?.[0];
  if (error === 'access_denied' || error === 'permission_denied') {
    return {
      title: 'Consent was declined',
      message: 'The administrator did not accept the permissions, so nothing changed. To sign up, start again and accept them.',
    };
  }
  if (error === 'consent_required' || error === 'interaction_required' || code === 'AADSTS90094' || code === 'AADSTS50020') {
    return {
      title: 'An administrator must consent',
      message: `Only a global administrator (or privileged role administrator) of a Microsoft 365 work or school organisation can sign it up${code ? ` (${code})` : ''}. Start again and sign in with such an account.`,
    };
  }
  return { title: 'Microsoft could not complete the consent', message: `Entra answered "${error}"${code ? ` (${code})` : ''}. Nothing changed; start again.` };
}

export function onboardRouter(deps: OnboardRoutesDeps): Router {
  const router = Router();
  const send = (res: Response, status: number, html: string) => res.status(status).type('html').set('Cache-Control', 'no-store').send(html);

  router.get('/onboard', (req, res) => {
    const base = origin(req, deps.publicUrl);
    const { state, cookie } = deps.states.issue();
    res.cookie(CONSENT_COOKIE, cookie, pageCookie(base, '/onboard', CONSENT_STATE_TTL_MS));
    const consent = new URL(`${deps.authorityHost.replace(/\/$/, '')}/organizations/v2.0/adminconsent`);
    consent.searchParams.set('client_id', deps.clientId);
    consent.searchParams.set('scope', 'https://graph.microsoft.com/.default');
    consent.searchParams.set('redirect_uri', `${base}/onboard/callback`);
    consent.searchParams.set('state', state);
    send(res, 200, startPage(consent.toString(), GRAPH_PERMISSIONS));
  });

  router.get('/onboard/callback', async (req, res) => {
    const retry = `${origin(req, deps.publicUrl)}/onboard`;
    const query = (name: string): string | undefined => (typeof req.query[name] === 'string' ? (req.query[name] as string) : undefined);
    const verdict = deps.states.redeem(query('state'), cookieNamed(req, CONSENT_COOKIE));
    res.clearCookie(CONSENT_COOKIE, { path: '/onboard' });
    if (!verdict.ok) {
      deps.logger.warn({ reason: verdict.reason }, 'onboarding callback refused: its state is not this browser’s');
      return send(
        res,
        400,
        problemPage(
          'This sign-up link is not valid here',
          'The answer from Microsoft does not belong to a sign-up started in this browser, or it was used already or is more than 10 minutes old. Nothing changed.',
          retry,
        ),
      );
    }
    const error = query('error');
    if (error) {
      const words = consentErrorWords(error, query('error_description') ?? '');
      return send(res, 400, problemPage(words.title, words.message, retry));
    }
    const tenant = query('tenant');
    if (query('admin_consent')?.toLowerCase() !== 'true' || !tenant) {
      return send(
        res,
        400,
        problemPage('Microsoft did not confirm the consent', 'The answer carried no consent for an organisation. Nothing changed; start again.', retry),
      );
    }
    try {
      const { tenant: record, settingsCreated, trial } = await deps.onboarding.complete(tenant);
      deps.logger.info({ tenantId: record.tenantId, status: record.status }, 'tenant onboarded by admin consent');
      return send(
        res,
        200,
        donePage({
          organisation: record.displayName,
          trialEnds: trial ? record.plan.termEnd : undefined,
          manifestUrl: `${origin(req, deps.publicUrl)}/manifest.xml`,
          settingsCreated,
        }),
      );
    } catch (err) {
      if (err instanceof ConsentNotWorking) {
        deps.logger.warn({ tenantId: tenant, reason: err.reason }, 'onboarding: the consent does not work yet');
        return send(
          res,
          502,
          problemPage('The consent does not work yet', `${err.reason}. Nothing changed; wait a minute (Entra can take that long) and start again.`, retry),
        );
      }
      if (err instanceof DomainError)
        return send(
          res,
          err.code === 'tenant_suspended' || err.code === 'forbidden' ? 403 : 400,
          problemPage('CalSync cannot sign this organisation up', err.message, retry),
        );
      throw err;
    }
  });
  return router;
}
