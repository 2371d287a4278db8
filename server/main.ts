/**
 * `npm run serve`: the API alone, from environment config. The only place that listens.
 */
import pino from 'pino';
import { createApp, REDACT_PATHS } from './app';
import { createTokenVerifier } from './auth/verifier';
import { ConfigError, loadConfig, type Config } from './config';
import { openStores } from './store/store-config';

async function main(): Promise<void> {
  let config: Config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      for (const p of err.problems) console.error(`config: ${p.variable}: ${p.message}`);
      process.exit(2);
    }
    throw err;
  }
  const logger = pino({ level: config.logLevel, redact: { paths: REDACT_PATHS, censor: '[redacted]' } });
  const stores = await openStores(config.store);
  const verifier = createTokenVerifier({
    audience: config.auth.audience,
    jwksUrl: config.auth.jwksUrl,
    issuerTemplate: config.auth.issuerTemplate,
    allowedTenants: config.auth.allowedTenants,
  });
  const app = createApp({ stores, verifier, logger, addinOrigin: config.addinOrigin, addinDir: config.addinDir, rateLimitPerMinute: config.rateLimit.perMinute });
  const server = app.listen(config.port, () => logger.info({ port: config.port, store: stores.kind }, 'CalSync API listening'));
  const shutdown = (signal: string) => {
    logger.info({ signal }, 'shutting down');
    server.close(() => {
      void stores.close().then(() => process.exit(0));
    });
    setTimeout(() => process.exit(1), 10_000).unref();
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
