/**
 * `/operator` (issue #15): the people who run CalSync sign in through Entra ID and see every tenant.
 * - GET /operator — with a session, the page; without one, off to the operator tenant's authorize endpoint
 *   (OpenID Connect, response_type=id_token, response_mode=form_post) with a state and nonce bound to this browser.
 * - POST /operator/callback — Entra posts the ID token here; the state is spent, the token checked
 *   (auth/operator-id-token.ts: tenant, audience, nonce, the CalSync.Operator role), and a session cookie set.
 * - GET /operator/tenants — the rows (JSON), session required; GET /operator/operator.js — the page's script.
 * - POST /operator/sign-out — drops the session.
 */
import express, { Router, type Response } from 'express';
import type { Logger } from 'pino';
import { OperatorSignInRefused, type OperatorIdTokenVerifier } from '../auth/operator-id-token';
import { cookieNamed, pageCookie, publicOrigin } from '../http/browser-cookies';
import { ApiError } from '../http/errors';
import { CONSENT_STATE_TTL_MS, type ConsentStates } from '../http/onboard/consent-state';
import { OPERATOR_SCRIPT } from '../http/operator/operator-script';
import { OPERATOR_SESSION_COOKIE, OPERATOR_SESSION_TTL_MS, OPERATOR_STATE_COOKIE, type OperatorSessions } from '../http/operator/operator-session';
import { operatorProblemPage, operatorShell, REFUSAL_WORDS, signedOutPage } from '../http/operator/pages';
import type { OperatorOverview } from '../services/operator-overview';

export interface OperatorRoutesDeps {
  overview: OperatorOverview;
  verifyIdToken: OperatorIdTokenVerifier;
  sessions: OperatorSessions;
  /** Single-use, browser-bound sign-in states (the same mechanism as the onboarding consent's). */
  states: ConsentStates;
  operatorTenant: string;
  clientId: string;
  /** Entra's authority host, or the demo's stand-in. */
  authorityHost: string;
  publicUrl?: string;
  now?: () => Date;
  logger: Logger;
}

export function operatorRouter(deps: OperatorRoutesDeps): Router {
  const router = Router();
  const now = deps.now ?? (() => new Date());
  const html = (res: Response, status: number, page: string) => res.status(status).type('html').set('Cache-Control', 'no-store').send(page);

  router.get('/operator', (req, res) => {
    const operator = deps.sessions.read(cookieNamed(req, OPERATOR_SESSION_COOKIE));
    if (operator) return html(res, 200, operatorShell(operator.name));
    const base = publicOrigin(req, deps.publicUrl);
    const { state, cookie } = deps.states.issue();
    res.cookie(OPERATOR_STATE_COOKIE, cookie, pageCookie(base, '/operator', CONSENT_STATE_TTL_MS, true));
    const authorize = new URL(`${deps.authorityHost.replace(/\/$/, '')}/${deps.operatorTenant}/oauth2/v2.0/authorize`);
    for (const [name, value] of Object.entries({
      client_id: deps.clientId,
      response_type: 'id_token',
      response_mode: 'form_post',
      redirect_uri: `${base}/operator/callback`,
      scope: 'openid profile',
      state,
      // The state doubles as the nonce: both are single-use and bound to this browser's cookie.
      nonce: state,
    })) {
      authorize.searchParams.set(name, value);
    }
    res.set('Cache-Control', 'no-store').redirect(302, authorize.toString());
  });

  router.post('/operator/callback', express.urlencoded({ extended: false, limit: '32kb' }), async (req, res) => {
    const form = (req.body ?? {}) as Record<string, unknown>;
    const field = (name: string): string | undefined => (typeof form[name] === 'string' ? (form[name] as string) : undefined);
    const state = field('state');
    const verdict = deps.states.redeem(state, cookieNamed(req, OPERATOR_STATE_COOKIE));
    res.clearCookie(OPERATOR_STATE_COOKIE, { path: '/operator' });
    if (!verdict.ok) {
      deps.logger.warn({ reason: verdict.reason }, 'operator sign-in refused: its state is not this browser’s');
      return html(res, 400, operatorProblemPage('This sign-in is not valid here', REFUSAL_WORDS.state!));
    }
    const error = field('error');
    if (error) return html(res, 400, operatorProblemPage('Microsoft did not sign you in', `Entra answered "${error}". Nothing changed; start again.`));
    const idToken = field('id_token');
    if (!idToken) return html(res, 400, operatorProblemPage('Microsoft did not sign you in', 'The answer carried no ID token. Start again.'));
    try {
      const operator = await deps.verifyIdToken(idToken, state as string);
      res.cookie(OPERATOR_SESSION_COOKIE, deps.sessions.issue(operator), pageCookie(publicOrigin(req, deps.publicUrl), '/operator', OPERATOR_SESSION_TTL_MS));
      deps.logger.info({ operatorId: operator.userId }, 'operator signed in');
      return res.redirect(303, '/operator');
    } catch (err) {
      if (!(err instanceof OperatorSignInRefused)) throw err;
      deps.logger.warn({ reason: err.reason }, 'operator sign-in refused');
      const status = err.reason === 'keys_unavailable' ? 503 : 403;
      return html(res, status, operatorProblemPage('You cannot open the operator page', REFUSAL_WORDS[err.reason] ?? REFUSAL_WORDS.invalid_token!));
    }
  });

  router.get('/operator/tenants', async (req, res) => {
    if (!deps.sessions.read(cookieNamed(req, OPERATOR_SESSION_COOKIE))) throw new ApiError('unauthorized', 'sign in to the operator page first');
    const generatedAt = now().toISOString();
    res.set('Cache-Control', 'no-store').json({ generatedAt, tenants: await deps.overview.tenants() });
  });

  router.get('/operator/operator.js', (_req, res) => {
    res.type('application/javascript').set('Cache-Control', 'no-cache').send(OPERATOR_SCRIPT);
  });

  router.post('/operator/sign-out', (_req, res) => {
    res.clearCookie(OPERATOR_SESSION_COOKIE, { path: '/operator' });
    html(res, 200, signedOutPage());
  });
  return router;
}
