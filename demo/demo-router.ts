/**
 * Everything the demo serves beside the real API: its pages, sign-in, office.js with the host shim, and the
 * pages' data. Mounted in front of `createApp`'s app (start-demo.ts); what it does not answer falls through to
 * the API, which also serves the built add-in.
 */
import type { Client } from '@microsoft/microsoft-graph-client';
import { Router } from 'express';
import type { Logger } from 'pino';
import type { TokenVerifier } from '../server/auth/verifier';
import type { SandboxStore } from '../graph-sandbox/src/store';
import { errorMiddleware } from '../server/http/error-middleware';
import { requestIdFor } from '../server/http/request-id';
import type { DemoIssuer } from './demo-issuer';
import { dataRoutes } from './routes/data-routes';
import { officeRoute } from './routes/office-route';
import { pageRoutes } from './routes/page-routes';
import { signInRoutes } from './routes/sign-in-routes';

export interface DemoRouterDeps {
  issuer: DemoIssuer;
  verifier: TokenVerifier;
  store: SandboxStore;
  client: Client;
  people: readonly string[];
  /** The demo's add-in build (addin-build.ts), with the demo pages in `demo-pages/`. */
  buildDir: string;
  logger: Logger;
  now?: () => Date;
}

export function demoRouter(deps: DemoRouterDeps): Router {
  const router = Router();
  router.use('/demo', (req, res, next) => {
    requestIdFor(req, res);
    next();
  });
  router.use(pageRoutes(deps.buildDir));
  router.use(signInRoutes(deps.issuer));
  router.use(officeRoute({ store: deps.store, now: deps.now }));
  router.use(dataRoutes({ store: deps.store, client: deps.client, verifier: deps.verifier, people: deps.people, now: deps.now }));
  router.use(errorMiddleware(deps.logger));
  return router;
}
