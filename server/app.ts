/**
 * `createApp(deps)` builds the Express app; nothing here listens (see main.ts). Everything the app needs
 * comes in through deps, so tests run it on either store with a test token issuer.
 */
import express, { type Express, type Response } from 'express';
import cors from 'cors';
import pino, { type Logger } from 'pino';
import { pinoHttp } from 'pino-http';
import { requireAuth } from './auth/middleware';
import { requireCustomerTenant } from './auth/tenant-gate';
import type { TokenVerifier } from './auth/verifier';
import { jsonBody, requireJsonBody } from './http/body';
import { addinStatic } from './http/addin-static';
import { errorMiddleware, notFoundRoute } from './http/error-middleware';
import { rateLimitPerUser } from './http/rate-limit';
import { securityHeaders } from './http/security-headers';
import { storeChargeOf, storeChargeTally } from './http/store-charge';
import { admission } from './http/admission';
import { requestDeadline } from './http/deadline';
import { DEFAULT_OVERLOAD_LIMITS, type OverloadLimits } from './config/http';
import { runWithoutDeadline } from './store/deadline';
import { storesWithDeadlines } from './store/deadline-stores';
import { requestIdFor } from './http/request-id';
import { auditRouter } from './routes/audit';
import { healthRouter } from './routes/health';
import { meRouter } from './routes/me';
import { previewRouter } from './routes/preview';
import { rulesRouter } from './routes/rules';
import { settingsRouter } from './routes/settings';
import { syncStatusRouter } from './routes/sync-status';
import { teamsRouter } from './routes/teams';
import { notificationsRouter } from './routes/notifications';
import type { NotificationReceiver } from './sync/ports';
import { transferRouter } from './routes/transfer';
import { versionsRouter } from './routes/versions';
import { PreviewService } from './services/preview';
import { RULE_COUNT_LIMITS } from './services/rule-documents';
import { RuleService, type RulesChange } from './services/rules';
import { RuleVersionService } from './services/rule-versions';
import { SettingsService } from './services/settings';
import { SyncStatusService, type SyncControl } from './services/sync-status';
import type { DirectoryReader } from './domain/sync-control';
import { TeamService } from './services/teams';
import { TenantService } from './services/tenants';
import { Onboarding, type ConsentProof } from './services/onboarding';
import { ConsentStates } from './http/onboard/consent-state';
import { onboardRouter } from './routes/onboard';
import type { OperatorIdTokenVerifier } from './auth/operator-id-token';
import { OperatorSessions } from './http/operator/operator-session';
import { operatorRouter } from './routes/operator';
import { OperatorOverview } from './services/operator-overview';
import type { Stores } from './store/types';
import type { RuleScope } from '../shared';

export interface AppDeps {
  stores: Stores;
  verifier: TokenVerifier;
  /** Defaults to a pino logger at info. */
  logger?: Logger;
  /** Log one line per request (default: when the logger's level lets info lines through). */
  httpLogging?: boolean;
  /** The add-in's origin: the only origin CORS allows. */
  addinOrigin?: string;
  /** Built add-in files (addin/dist) to serve beside the API; absent: the API alone. */
  addinDir?: string;
  /** Per-user requests per minute (default 600). */
  rateLimitPerMinute?: number;
  /** Characters of event text one user may preview per minute (default PREVIEW_BUDGET.userCharsPerMinute). */
  previewCharsPerMinute?: number;
  /** Rule count limits (default 500 org, 100 personal). */
  ruleLimits?: Record<RuleScope, number>;
  /** Effective-rules cache lifetime; bounds how stale another instance's writes can look (default 2000; 0 = off). */
  effectiveCacheTtlMs?: number;
  now?: () => Date;
  /** After a successful rule write: the background sync re-runs the affected mailboxes (SyncScheduler.requestResync). */
  onRulesChanged?: (change: RulesChange) => void | Promise<void>;
  /** After a successful settings write, with the tenant. */
  onSettingsChanged?: (tenantId: string) => void | Promise<void>;
  /** The background sync's side of the admin status ("sync now", directory search); absent: they answer 503. */
  syncControl?: SyncControl;
  /**
   * The tenant directory (search, team names, a user's teams, a group's mailboxes); default: the sync's. An API
   * without the sync passes its own (sync/graph-directory.ts); with neither, team rules apply to no one.
   */
  directory?: DirectoryReader;
  /** "Sync now" presses per admin per minute (default 10). */
  syncNowPerMinute?: number;
  /** Mounts `POST /api/notifications` (Graph change notifications; no bearer auth) when given. */
  notifications?: NotificationReceiver;
  /** Notification deliveries per client address per minute (default 600). */
  notificationsPerMinute?: number;
  /**
   * Express's `trust proxy`: which hops' X-Forwarded-For to believe when working out the client address (rate
   * limits). Default false — the socket's address; `true` is refused by config (any caller could pick its address).
   */
  trustProxy?: false | number | string[];
  /**
   * When /api requests are refused or cut short rather than queued (default DEFAULT_OVERLOAD_LIMITS); tests pass
   * their own event-loop delay reading.
   */
  overload?: Partial<OverloadLimits> & { eventLoopDelayMs?: () => number };
  /** The service's public origin (CALSYNC_PUBLIC_URL): the onboarding link in `tenant_not_onboarded` starts with it. */
  publicUrl?: string;
  /** How long the tenant gate trusts a tenant record it read (default 30 s); another instance's change shows after it. */
  tenantCacheTtlMs?: number;
  /** Mounts `/onboard` (admin-consent sign-up, issue #15) when given; absent, those pages answer 404. */
  onboarding?: OnboardingDeps;
  /** Mounts `/operator` (every tenant at a glance, for the people who run CalSync) when given; absent, 404. */
  operator?: OperatorDeps;
}

export interface OperatorDeps {
  /** Checks the ID token Entra posts back (auth/operator-id-token.ts). */
  verifyIdToken: OperatorIdTokenVerifier;
  /** Signs the session and sign-in state cookies; at least 32 bytes (CALSYNC_OPERATOR_SESSION_KEY). */
  sessionKey: Uint8Array;
  operatorTenant: string;
  clientId: string;
  authorityHost: string;
}

export interface OnboardingDeps {
  /** Proves a consent works by acting as the app in the tenant (services/consent-proof.ts over Graph). */
  proof: ConsentProof;
  /** Signs the consent state cookie; at least 32 bytes (CALSYNC_ONBOARD_STATE_KEY). */
  stateKey: Uint8Array;
  clientId: string;
  authorityHost: string;
  /** CALSYNC_ALLOWED_TENANTS: only these may sign up. */
  allowedTenants?: readonly string[];
}

/**
 * The request headers a log line carries: what helps trace a request, nothing that authenticates one. An
 * allow-list, because the platform in front adds its own (App Service's x-ms-token-aad-refresh-token,
 * x-ms-client-principal) and clients send keys under names no deny-list can know (x-api-key, proxy-authorization).
 */
export const LOGGED_REQUEST_HEADERS = [
  'host',
  'user-agent',
  'accept',
  'content-type',
  'content-length',
  'origin',
  'x-request-id',
  'if-match',
  'if-none-match',
] as const;

function loggedHeaders(headers: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const name of LOGGED_REQUEST_HEADERS) if (headers[name] !== undefined) out[name] = headers[name];
  return out;
}

/** Header paths pino must never write (a second guard: request headers are allow-listed before they get here). */
export const REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-ms-token-aad-access-token"]',
  'req.headers["x-ms-token-aad-id-token"]',
  'res.headers["set-cookie"]',
];

export function createApp(deps: AppDeps): Express {
  const logger = deps.logger ?? pino({ level: 'info', redact: { paths: REDACT_PATHS, censor: '[redacted]' } });
  const now = deps.now ?? (() => new Date());
  // Post-write hooks run detached: never awaited, and a failure (thrown or rejected) is logged, never surfaced —
  // the write succeeded and the schedule catches up. This is the one place that guards them.
  const hook =
    <A>(name: string, fn: (arg: A) => void | Promise<void>) =>
    (arg: A): void => {
      // Outside the request's deadline: the hook's work is the sync's, not the request's.
      void Promise.resolve()
        .then(() => runWithoutDeadline(() => fn(arg)))
        .catch((err: unknown) => logger.warn({ err, hook: name }, 'sync hook failed'));
    };
  const overload = { ...DEFAULT_OVERLOAD_LIMITS, ...deps.overload };
  // Store calls made for a request keep its deadline (store/deadline-stores.ts).
  const stores = storesWithDeadlines(deps.stores);
  const directory = deps.directory ?? deps.syncControl;
  const rules = new RuleService(stores, {
    now,
    limits: deps.ruleLimits ?? RULE_COUNT_LIMITS,
    effectiveCacheTtlMs: deps.effectiveCacheTtlMs,
    onChanged: deps.onRulesChanged && hook('onRulesChanged', deps.onRulesChanged),
    memberOf: directory?.memberOf?.bind(directory),
  });
  const settings = new SettingsService(stores, now, deps.onSettingsChanged && hook('onSettingsChanged', deps.onSettingsChanged), {
    cacheTtlMs: deps.effectiveCacheTtlMs,
    groupMailboxes: directory?.groupMailboxes?.bind(directory),
  });
  const preview = new PreviewService(rules, settings);
  const syncStatus = new SyncStatusService(stores, deps.syncControl, now, directory);
  const tenants = new TenantService(stores, { now, accessCacheTtlMs: deps.tenantCacheTtlMs });

  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.set('query parser', 'simple');
  app.set('trust proxy', deps.trustProxy ?? false);

  app.use(storeChargeTally());
  if (deps.httpLogging ?? logger.isLevelEnabled('info')) {
    app.use(
      pinoHttp({
        logger,
        genReqId: requestIdFor,
        redact: { paths: REDACT_PATHS, censor: '[redacted]' },
        autoLogging: { ignore: (req) => req.url === '/healthz' },
        customLogLevel: (_req, res, err) => (err || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info'),
        serializers: {
          req: (req: { id: unknown; method: string; url: string; headers: Record<string, unknown> }) => ({
            id: req.id,
            method: req.method,
            // The path only: query strings could carry secrets.
            url: String(req.url).split('?')[0],
            headers: loggedHeaders(req.headers),
          }),
          res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
        },
        // Request units the store spent on this request (Cosmos; 0 on SQLite).
        customSuccessObject: (_req, res, val: object) => ({ ...val, storeCharge: storeChargeOf(res as Response) }),
        customErrorObject: (_req, res, _err, val: object) => ({ ...val, storeCharge: storeChargeOf(res as Response) }),
      }),
    );
  } else {
    app.use((req, res, next) => {
      requestIdFor(req, res);
      next();
    });
  }
  app.use(securityHeaders());
  app.use(
    cors({
      origin: deps.addinOrigin ? [deps.addinOrigin] : false,
      methods: ['GET', 'POST', 'PUT', 'DELETE'],
      allowedHeaders: ['Authorization', 'Content-Type', 'If-Match', 'X-Request-Id'],
      exposedHeaders: ['ETag', 'Location', 'X-Request-Id', 'Retry-After'],
      maxAge: 600,
    }),
  );

  // Probes come before admission and the deadline: /healthz costs nothing, and /readyz must say what the store
  // says, not that this instance is busy (a busy instance taken out of rotation moves its load to the others).
  app.use(healthRouter(deps.stores));
  const errors = errorMiddleware(logger);
  app.use('/api', admission(overload), requestDeadline({ ms: overload.requestDeadlineMs, answer: errors }));
  // Every /api answer, refusals (401, 429) included: they are per user and change with every write.
  app.use('/api', (_req, res, next) => {
    res.setHeader('Cache-Control', 'no-store');
    next();
  });
  // Before the API router: Graph calls it without a bearer token; the clientState check is its authentication.
  if (deps.notifications) app.use('/api/notifications', notificationsRouter(deps.notifications, { perMinutePerAddress: deps.notificationsPerMinute }));
  if (deps.addinDir) app.use(addinStatic(deps.addinDir));
  if (deps.onboarding) {
    const { proof, stateKey, clientId, authorityHost, allowedTenants } = deps.onboarding;
    const onActivated =
      deps.onSettingsChanged &&
      ((tenantId: string) =>
        Promise.resolve(deps.onSettingsChanged?.(tenantId)).catch((err: unknown) =>
          logger.warn({ err, tenantId }, "could not queue the new tenant's mailboxes; its first scheduled round brings them"),
        ));
    app.use(
      onboardRouter({
        onboarding: new Onboarding(stores, proof, { now, allowedTenants, onActivated, tenants }),
        states: new ConsentStates(stateKey),
        clientId,
        authorityHost,
        publicUrl: deps.publicUrl,
        logger,
      }),
    );
  }

  if (deps.operator) {
    const { verifyIdToken, sessionKey, operatorTenant, clientId, authorityHost } = deps.operator;
    app.use(
      operatorRouter({
        overview: new OperatorOverview(stores, deps.syncControl, now),
        verifyIdToken,
        sessions: new OperatorSessions(sessionKey),
        states: new ConsentStates(sessionKey),
        operatorTenant,
        clientId,
        authorityHost,
        publicUrl: deps.publicUrl,
        now,
        logger,
      }),
    );
  }

  const api = express.Router();
  api.use(requireAuth(deps.verifier));
  api.use(rateLimitPerUser({ limit: deps.rateLimitPerMinute ?? 600 }));
  api.use(requireCustomerTenant(tenants, deps.publicUrl));
  api.use(requireJsonBody, jsonBody);
  api.use(meRouter(now, rules));
  api.use(versionsRouter(new RuleVersionService(stores, rules, now)));
  api.use(rulesRouter(rules));
  api.use(settingsRouter(settings));
  api.use(transferRouter(rules));
  api.use(previewRouter(preview, { userCharsPerMinute: deps.previewCharsPerMinute }));
  api.use(auditRouter(stores));
  api.use(syncStatusRouter(syncStatus, { syncNowPerMinute: deps.syncNowPerMinute }));
  api.use(teamsRouter(new TeamService(directory, rules)));
  app.use('/api', api);

  app.use(notFoundRoute);
  app.use(errors);
  return app;
}
