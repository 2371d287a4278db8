/**
 * `npm run serve`: the API from environment config, and with CALSYNC_SYNC=on the background sync in the same
 * process (scheduler, notifications, in-process workers; see config/sync.ts). The only place that listens.
 */
import { createApp } from './app';
import { operatorIdTokenVerifier } from './auth/operator-id-token';
import { createTokenVerifier } from './auth/verifier';
import { inboxResyncTriggers } from './compose/inbox-resync';
import { openSyncHost, type SyncHost } from './compose/sync-host';
import { loadOrExit, loadServeConfig } from './config';
import { consoleLogger } from './console-log';
import { graphConsentProof } from './services/consent-proof';
import { consentRevocationRecorder } from './services/tenant-consent-recorder';
import { openGraphAccess } from './compose/graph';
import { graphDirectory } from './sync/graph-directory';
import { openStores } from './store/open-stores';
import { CosmosNotProvisionedError } from './store/cosmos/provision';
import type { Stores } from './store/types';

async function main(): Promise<void> {
  const loaded = loadOrExit(() => loadServeConfig(process.env));
  const config = loaded.api;
  // Readable lines at a terminal (`npm start` once configured), JSON for log collectors.
  const logger = consoleLogger({ level: config.logLevel, format: config.logFormat });
  let stores: Stores;
  try {
    stores = await openStores(config.store, { logger });
  } catch (err) {
    if (!(err instanceof CosmosNotProvisionedError)) throw err;
    // Fail fast with the one line that says what is missing and how to create it, not a stack.
    logger.fatal({ problems: err.problems }, err.message);
    process.exit(1);
  }
  const sync: SyncHost | undefined = loaded.sync && (await openSyncHost(loaded.sync, stores, logger, (current) => consentRevocationRecorder(logger, current)));
  const verifier = createTokenVerifier({
    audience: config.auth.audience,
    jwksUrl: config.auth.jwksUrl,
    issuerTemplate: config.auth.issuerTemplate,
    allowedTenants: config.auth.allowedTenants,
  });
  // `/onboard` proves each consent with the app's own credential in the consenting tenant.
  const onboarding = loaded.onboarding && { config: loaded.onboarding, access: openGraphAccess(loaded.onboarding.graph, 4) };
  // Without the sync here, the API reads the directory itself (team rules, pickers, group seats) when it can.
  const directoryAccess = sync ? undefined : (onboarding?.access ?? (loaded.directory && openGraphAccess(loaded.directory, 1)));
  if (!sync && !directoryAccess)
    logger.warn(
      'no Graph credential (CALSYNC_CLIENT_ID and a secret, certificate or managed identity): org rules for teams apply to no one, and directory search answers 503',
    );
  // Without the sync here, a rule or settings change is parked for the instance that schedules (inbox-resync.ts),
  // its mailboxes found through the same directory access.
  const resync = sync ? sync.runtime : inboxResyncTriggers(stores, directoryAccess, logger);
  const app = createApp({
    stores,
    verifier,
    logger,
    addinOrigin: config.addinOrigin,
    addinDir: config.addinDir,
    rateLimitPerMinute: config.rateLimit.perMinute,
    notificationsPerMinute: config.notificationsPerMinute,
    trustProxy: config.trustProxy,
    overload: config.overload,
    // The onboarding link in tenant_not_onboarded; without it the link uses the origin the request came to.
    publicUrl: loaded.sync?.host.publicUrl,
    onRulesChanged: (change) => resync.onRulesChanged(change),
    onSettingsChanged: (tenantId) => resync.onSettingsChanged(tenantId),
    notifications: sync?.runtime.notifications,
    syncControl: sync?.runtime.control,
    directory: directoryAccess && graphDirectory(directoryAccess.clientFor),
    onboarding: onboarding && {
      proof: graphConsentProof(onboarding.access.clientFor),
      stateKey: Buffer.from(onboarding.config.stateKeyBase64, 'base64'),
      clientId: onboarding.config.clientId,
      authorityHost: onboarding.config.authorityHost,
      allowedTenants: config.auth.allowedTenants,
    },
    operator: loaded.operator && {
      // ID tokens come from the same Entra keys and issuer pattern as access tokens.
      verifyIdToken: operatorIdTokenVerifier({
        jwksUrl: config.auth.jwksUrl,
        issuerTemplate: config.auth.issuerTemplate,
        clientId: loaded.operator.clientId,
        operatorTenant: loaded.operator.tenantId,
      }),
      sessionKey: Buffer.from(loaded.operator.sessionKeyBase64, 'base64'),
      operatorTenant: loaded.operator.tenantId,
      clientId: loaded.operator.clientId,
      authorityHost: loaded.operator.authorityHost,
    },
  });
  const server = app.listen(config.port, () => {
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    logger.info({ port, store: stores.kind, sync: sync ? { workers: loaded.sync?.host.workers } : 'off' }, 'CalSync API listening');
    sync?.start();
  });
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    setTimeout(() => process.exit(1), 30_000).unref();
    server.close(() => {
      void (async () => {
        await sync?.close();
        await onboarding?.access.close();
        if (directoryAccess !== onboarding?.access) await directoryAccess?.close();
        await stores.close();
        process.exit(0);
      })();
    });
    server.closeIdleConnections();
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

/** Runs on its own (`node --import tsx server/main.ts`), or when start-main.ts calls `runServe`. */
export function runServe(): void {
  main().catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}

if (require.main === module) runServe();
