/**
 * `npm run serve`: the API from environment config, and with CALSYNC_SYNC=on the background sync in the same
 * process (scheduler, notifications, in-process workers; see sync/host-config.ts). The only place that listens.
 */
import type { Logger } from 'pino';
import { createApp } from './app';
import { consoleLogger, LogFormatError } from './console-log';
import { createTokenVerifier } from './auth/verifier';
import { ConfigError, loadConfig, type Config } from './config';
import { openStores } from './store/store-config';
import { configSection } from './sync/env-fields';
import { openSyncHost, planSyncHost, type SyncHost, type SyncHostPlan } from './sync/sync-host';

/** API and sync variables checked together, so one start names every problem. */
function loadAll(env: NodeJS.ProcessEnv): { config: Config; sync?: SyncHostPlan } {
  const problems: ConfigError['problems'] = [];
  const config = configSection(problems, () => loadConfig(env));
  const sync = configSection(problems, () => planSyncHost(env));
  if (problems.length > 0) throw new ConfigError(problems);
  return { config: config as Config, sync };
}

async function main(): Promise<void> {
  let loaded: ReturnType<typeof loadAll>;
  try {
    loaded = loadAll(process.env);
  } catch (err) {
    if (err instanceof ConfigError) {
      for (const p of err.problems) console.error(`config: ${p.variable}: ${p.message}`);
      process.exit(2);
    }
    throw err;
  }
  const { config } = loaded;
  let logger: Logger;
  try {
    // Readable lines at a terminal (`npm start` once configured), JSON for log collectors.
    logger = consoleLogger({ level: config.logLevel });
  } catch (err) {
    if (!(err instanceof LogFormatError)) throw err;
    console.error(`config: ${err.message}`);
    process.exit(2);
  }
  const stores = await openStores(config.store);
  const sync: SyncHost | undefined = loaded.sync && (await openSyncHost(loaded.sync, stores, logger));
  const verifier = createTokenVerifier({
    audience: config.auth.audience,
    jwksUrl: config.auth.jwksUrl,
    issuerTemplate: config.auth.issuerTemplate,
    allowedTenants: config.auth.allowedTenants,
  });
  const app = createApp({
    stores,
    verifier,
    logger,
    addinOrigin: config.addinOrigin,
    addinDir: config.addinDir,
    rateLimitPerMinute: config.rateLimit.perMinute,
    notificationsPerMinute: config.notificationsPerMinute,
    trustProxy: config.trustProxy,
    onRulesChanged: sync?.runtime.onRulesChanged,
    onSettingsChanged: sync?.runtime.onSettingsChanged,
    notifications: sync?.runtime.notifications,
    syncControl: sync?.runtime.control,
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
