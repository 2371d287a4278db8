/**
 * `startDemo(options)`: the whole product on one machine with no cloud account, in this process — the Rules API
 * on a SQLite store in the data directory, the in-process queue with the scheduler and a sync worker (Graph
 * change notifications included), the Graph sandbox with the demo team, a local token issuer with a demo admin
 * and a demo user, the add-in built for the demo, and the demo's pages. `npm start` (main.ts) and
 * `calsync start` call it; `stop()` takes it all down and leaves the data for the next start.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import express from 'express';
import pino, { type Logger } from 'pino';
import { createApp, REDACT_PATHS } from '../server/app';
import { graphConsentProof } from '../server/services/consent-proof';
import { servedTenants } from '../server/sync/served-tenants';
import { FABRIKAM_TENANT_ID, seedFabrikam } from './fabrikam';
import { DEMO_ENTRA_PATH, entraConsentRoutes } from './routes/entra-consent';
import { createTenantSync } from '../server/compose/sync-host';
import { securityHeaders } from '../server/http/security-headers';
import { createTokenVerifier } from '../server/auth/verifier';
import { operatorIdTokenVerifier } from '../server/auth/operator-id-token';
import { openSqliteStores } from '../server/store/sqlite';
import type { Stores } from '../server/store/types';
import { InProcessMailboxQueue } from '../server/sync/in-process-queue';
import type { SyncRuntime, SyncRuntimeOptions } from '../server/sync/sync-runtime';
import { ensureDemoAddinBuild } from './addin-build';
import type { DemoUrls } from './banner';
import { lockDataDir } from './data-dir-lock';
import { writeDemoConnection } from '../server/demo-connection';
import { DEMO_OPERATOR_CLIENT_ID, DEMO_OPERATOR_TENANT_ID, DEMO_TENANT_ID } from './demo-identities';
import { createDemoIssuer, DEMO_AUDIENCE, DEMO_ISSUER_TEMPLATE } from './demo-issuer';
import { assertDemoAllowed, DEFAULT_DEMO_PORT } from '../server/config/demo';
import { demoRouter } from './demo-router';
import { DEMO_SYNC_WORKERS, startDemoSandbox, type DemoSandbox } from './demo-sandbox';
import { seedDemoTenant } from './demo-seed';
import { forgetPreviousSandbox } from './fresh-sandbox-state';
import { loopbackHostOnly } from './loopback-host';

export interface DemoOptions {
  /** Default 3000; 0 picks a free port (the real one is in `urls`). */
  port?: number;
  /** Rules, settings and sync state (`calsync-demo.db`) and the demo build; default ./data. */
  dataDir?: string;
  /** Where the demo's add-in build lives (default `<dataDir>/addin-demo`). */
  addinBuildDir?: string;
  /** Default: pino at info, with the API's redaction. */
  logger?: Logger;
  /** For the NODE_ENV=production refusal; default process.env. */
  env?: NodeJS.ProcessEnv;
  /** Every enrolled mailbox is synced at least this often (default 5 minutes; rule changes sync at once). */
  syncIntervalMs?: number;
  /** The demo team's weeks are placed around this day (default today). */
  now?: () => Date;
  /** Every finished sync job (tests wait on these). */
  onJobDone?: SyncRuntimeOptions['onJobDone'];
}

export interface RunningDemo {
  urls: DemoUrls;
  port: number;
  dataDir: string;
  /** Whether this start wrote the demo tenant's settings and example rules (its first start). */
  seeded: boolean;
  /** Why the add-in was built at this start, or null when the existing build was current. */
  addinBuilt: string | null;
  /**
   * The sandbox, for tools pointed at the demo (`calsync sync`, the soak): its Graph URL, the CA file to trust
   * and the sandbox app's credentials — public constants of the sandbox, never a real tenant's.
   */
  graph: { baseUrl: string; authorityHost: string; caFile: string; tenantId: string; clientId: string; clientSecret: string };
  /** Stops the sync (jobs in hand finish), the servers and the sandbox, and closes the store. */
  stop(): Promise<void>;
}

const HOST = '127.0.0.1';

function listen(server: http.Server, port: number): Promise<number> {
  return new Promise((done, fail) => {
    server.once('error', fail);
    server.listen(port, HOST, () => {
      server.off('error', fail);
      done((server.address() as AddressInfo).port);
    });
  });
}

function closeServer(server: http.Server): Promise<void> {
  return new Promise((done) => {
    if (!server.listening) return done();
    server.close(() => done());
    server.closeAllConnections();
  });
}

export async function startDemo(options: DemoOptions = {}): Promise<RunningDemo> {
  assertDemoAllowed(options.env ?? process.env);
  const logger = options.logger ?? pino({ level: 'info', redact: { paths: REDACT_PATHS, censor: '[redacted]' } });
  const now = options.now ?? (() => new Date());
  const dataDir = resolve(options.dataDir ?? './data');
  mkdirSync(dataDir, { recursive: true });
  // Undone in reverse order when the start fails part-way, and by stop().
  const cleanups: Array<() => Promise<void> | void> = [];
  const cleanUp = async (): Promise<void> => {
    for (const step of cleanups.reverse()) {
      try {
        await step();
      } catch (err) {
        logger.warn({ err }, 'demo shutdown step failed');
      }
    }
    cleanups.length = 0;
  };

  try {
    const lock = lockDataDir(dataDir);
    cleanups.push(() => lock.release());

    const buildDir = resolve(options.addinBuildDir ?? join(dataDir, 'addin-demo'));
    const build = await ensureDemoAddinBuild(buildDir, { onBuild: (reason) => logger.info({ reason, dir: buildDir }, 'building the demo add-in') });

    const storePath = join(dataDir, 'calsync-demo.db');
    const stores: Stores = openSqliteStores({ path: storePath });
    cleanups.push(() => stores.close());
    const demoSandbox: DemoSandbox = await startDemoSandbox({ logger, anchor: now() });
    cleanups.push(() => demoSandbox.stop());

    const caFile = join(dataDir, 'graph-sandbox-ca.pem');
    writeFileSync(caFile, demoSandbox.sandbox.caPem);
    const { seeded } = await seedDemoTenant(stores, demoSandbox.people, now);
    await seedFabrikam(stores, now);
    const settings = await stores.settings.get(DEMO_TENANT_ID);
    const enrolled = Array.isArray(settings?.enrolledMailboxes) ? settings.enrolledMailboxes : [];
    const reset = await forgetPreviousSandbox(stores, DEMO_TENANT_ID, [...new Set([...demoSandbox.people, ...enrolled])]);
    if (reset > 0)
      logger.info(
        { mailboxes: reset },
        'sync state from the previous run kept; its delta links point at the old sandbox, so the first rounds read every event',
      );

    // Listen first (the verifier's key set and the notification URL need the port), answer 503 until wired.
    let handler: (req: IncomingMessage, res: ServerResponse) => void = (_req, res) => {
      res.writeHead(503, { 'Content-Type': 'text/plain', 'Retry-After': '1' }).end('starting');
    };
    const server = http.createServer((req, res) => handler(req, res));
    const port = await listen(server, options.port ?? DEFAULT_DEMO_PORT);
    cleanups.push(() => closeServer(server));
    const base = `http://${HOST}:${port}`;

    const issuer = await createDemoIssuer();
    const verifier = createTokenVerifier({
      audience: DEMO_AUDIENCE,
      jwksUrl: `${base}/demo/keys`,
      issuerTemplate: DEMO_ISSUER_TEMPLATE,
      allowedTenants: [DEMO_TENANT_ID, FABRIKAM_TENANT_ID],
    });
    const client = demoSandbox.client;
    const sync: SyncRuntime = createTenantSync({
      stores,
      queue: new InProcessMailboxQueue(),
      // Contoso, and every tenant that becomes a customer while the demo runs (Fabrikam, once it signs up).
      tenants: servedTenants([DEMO_TENANT_ID], stores.tenants, { ttlMs: 1_000 }),
      clientFor: demoSandbox.clientFor,
      workers: DEMO_SYNC_WORKERS,
      intervalMs: options.syncIntervalMs ?? 300_000,
      // The demo team's people: the sandbox's /users lists the rooms too.
      allMailboxes: async () => demoSandbox.people,
      // `calsync rules import` parks the mailboxes it affects in the store; a person waits for the colours.
      drainInboxEveryMs: 1_000,
      onJobDone: options.onJobDone,
      logger: logger.child({ component: 'sync' }),
    });
    const api = createApp({
      stores,
      verifier,
      logger,
      httpLogging: logger.isLevelEnabled('debug'),
      addinOrigin: base,
      addinDir: buildDir,
      onRulesChanged: sync.onRulesChanged,
      onSettingsChanged: sync.onSettingsChanged,
      notifications: sync.notifications,
      syncControl: sync.control,
      // Sign-up by admin consent, with the demo's stand-in for Entra's consent page (routes/entra-consent.ts).
      onboarding: {
        proof: graphConsentProof(demoSandbox.clientFor),
        stateKey: randomBytes(32),
        clientId: demoSandbox.sandbox.app.clientId,
        authorityHost: `${base}${DEMO_ENTRA_PATH}`,
      },
      // The operator page, signed in through the same stand-in (Olivia has the CalSync.Operator role).
      operator: {
        verifyIdToken: operatorIdTokenVerifier({
          jwksUrl: `${base}/demo/keys`,
          issuerTemplate: DEMO_ISSUER_TEMPLATE,
          clientId: DEMO_OPERATOR_CLIENT_ID,
          operatorTenant: DEMO_OPERATOR_TENANT_ID,
        }),
        sessionKey: randomBytes(32),
        operatorTenant: DEMO_OPERATOR_TENANT_ID,
        clientId: DEMO_OPERATOR_CLIENT_ID,
        authorityHost: `${base}${DEMO_ENTRA_PATH}`,
      },
    });
    const app = express();
    app.disable('x-powered-by');
    app.set('etag', false);
    app.set('query parser', 'simple');
    app.use(loopbackHostOnly(port));
    app.use(securityHeaders());
    app.use(entraConsentRoutes(demoSandbox.sandbox, issuer, base));
    app.use(demoRouter({ issuer, verifier, store: demoSandbox.sandbox.store, client, people: demoSandbox.people, buildDir, logger, now }));
    app.use(api);
    handler = app;

    sync.start({ notificationUrl: `${base}/api/notifications` });
    // Stopped before the server closes: the worker's jobs in hand finish against a live sandbox and store.
    cleanups.push(() => sync.stop());

    const urls: DemoUrls = {
      hostPage: `${base}/demo/`,
      teamCalendar: `${base}/demo/team`,
      api: `${base}/api`,
      health: `${base}/healthz`,
      onboard: `${base}/onboard`,
      operator: `${base}/operator`,
    };
    const graph = {
      baseUrl: demoSandbox.sandbox.baseUrl,
      authorityHost: demoSandbox.sandbox.authorityHost,
      caFile,
      tenantId: demoSandbox.sandbox.tenantId,
      clientId: demoSandbox.sandbox.app.clientId,
      clientSecret: demoSandbox.sandbox.app.clientSecret,
    };
    // Last, once everything answers: a tool that finds the file finds a demo ready for it.
    const connection = writeDemoConnection(dataDir, {
      pid: process.pid,
      startedAt: new Date().toISOString(),
      tenantId: DEMO_TENANT_ID,
      api: { url: urls.api, audience: DEMO_AUDIENCE, jwksUrl: `${base}/demo/keys`, issuerTemplate: DEMO_ISSUER_TEMPLATE, tokenUrl: `${base}/demo/token` },
      store: { kind: 'sqlite', path: storePath },
      graph: { baseUrl: graph.baseUrl, authorityHost: graph.authorityHost, caFile, clientId: graph.clientId, clientSecret: graph.clientSecret },
    });
    cleanups.push(() => connection.remove());
    let stopping: Promise<void> | undefined;
    return {
      urls,
      port,
      dataDir,
      seeded,
      addinBuilt: build.built,
      graph,
      stop: () => (stopping ??= cleanUp()),
    };
  } catch (err) {
    await cleanUp();
    throw err;
  }
}
