/**
 * The demo's sign-in: `/demo/keys` publishes the demo issuer's signing key (the API's verifier fetches it
 * like Entra ID's JWKS), `/demo/token?user=megan|adele` hands out an access token for that demo person (what
 * MSAL would do after a sign-in), `/demo/users` lists who one can be. Anyone who can reach the demo server
 * can be anyone in the demo: it listens on 127.0.0.1 only and holds nothing but sandbox data.
 */
import { Router } from 'express';
import { ApiError } from '../../server/http/errors';
import { DEFAULT_DEMO_ACCOUNT, DEMO_ACCOUNTS, demoAccount } from '../demo-identities';
import type { DemoIssuer } from '../demo-issuer';

export function signInRoutes(issuer: DemoIssuer): Router {
  const router = Router();
  router.get('/demo/keys', (_req, res) => {
    res.set('Cache-Control', 'no-store').json(issuer.jwks());
  });
  router.get('/demo/token', async (req, res) => {
    const key = typeof req.query.user === 'string' ? req.query.user : DEFAULT_DEMO_ACCOUNT.key;
    const account = demoAccount(key);
    if (!account) {
      throw new ApiError('validation_failed', 'no such demo user', [{ path: 'user', message: `one of ${DEMO_ACCOUNTS.map((a) => a.key).join(', ')}` }]);
    }
    res
      .set('Cache-Control', 'no-store')
      .type('text/plain')
      .send(await issuer.mint(account));
  });
  router.get('/demo/users', (_req, res) => {
    res.json({ default: DEFAULT_DEMO_ACCOUNT.key, users: DEMO_ACCOUNTS });
  });
  return router;
}
