/**
 * `npm run worker`: a standalone sync worker process. Any number may run against one Storage queue and one store;
 * the mailbox lease keeps each mailbox to one worker at a time. Configuration (store, Graph, CALSYNC_QUEUE=storage,
 * CALSYNC_WORKER_CONCURRENCY, CALSYNC_LEASE_TTL_MS, CALSYNC_VISIBILITY_TIMEOUT_MS, LOG_LEVEL): sync/worker-config.ts.
 *
 * SIGTERM/SIGINT stop gracefully: no new jobs, the rounds in hand finish, store and Graph access close, exit 0. A
 * second signal exits at once (1): that is safe, because an unfinished job's lease lapses and the queue hands
 * the job out again, the same as after a crash.
 */
import pino from 'pino';
import { ConfigError } from './env';
import { openStores } from './store/store-config';
import type { Stores } from './store/types';
import { createGraphCredential } from './sync/credential';
import { createGraphAccess, singleTenantClientFor, type GraphAccess } from './sync/graph-client';
import type { MailboxQueue } from './sync/mailbox-queue';
import { graphOwnerIds } from './sync/owner-ids';
import { openMailboxQueue } from './sync/queue-config';
import { safeError } from './sync/safe-error';
import { loadWorkerConfig, type WorkerConfig } from './sync/worker-config';
import { createWorkerPool } from './sync/worker-pool';

/** Nothing the worker logs should carry these; redaction is the net under safeError. */
const REDACT_PATHS = ['authorization', '*.authorization', '*.headers.authorization', 'connectionString', '*.connectionString', 'clientSecret', '*.clientSecret', 'accessToken', '*.accessToken'];

async function main(): Promise<void> {
  let config: WorkerConfig;
  try {
    config = loadWorkerConfig(process.env);
  } catch (err) {
    if (err instanceof ConfigError) {
      for (const p of err.problems) console.error(`config: ${p.variable}: ${p.message}`);
      process.exit(2);
    }
    throw err;
  }
  const logger = pino({ level: config.logLevel, redact: { paths: REDACT_PATHS, censor: '[redacted]' } });
  let access: GraphAccess | undefined;
  let stores: Stores | undefined;
  let queue: MailboxQueue | undefined;
  const close = async (): Promise<void> => {
    await queue?.close();
    await stores?.close();
    await access?.close();
  };
  try {
    // 4 sockets per round in flight (the per-mailbox limit), plus one for token and owner lookups.
    access = createGraphAccess({ credential: createGraphCredential(config.sync.credential), baseUrl: config.sync.graphBaseUrl, caPem: config.sync.caPem, connections: 4 * config.workers + 1 });
    stores = await openStores(config.store);
    queue = await openMailboxQueue(config.queue);
  } catch (err) {
    logger.fatal({ err: safeError(err) }, 'worker could not start');
    await close().catch(() => undefined);
    process.exit(1);
  }
  const pool = createWorkerPool({
    clientFor: singleTenantClientFor(config.sync.tenantId, access.client),
    // Production mailboxes are UPNs and personal rules belong to object ids: one cached lookup maps them.
    ownerIdFor: graphOwnerIds(access.client),
    stores,
    queue,
    workers: config.workers,
    leaseTtlMs: config.leaseTtlMs,
    visibilityTimeoutMs: config.visibilityTimeoutMs,
    logger,
  });
  pool.start();

  let stopping = false;
  const shutdown = (signal: string): void => {
    if (stopping) {
      logger.warn({ signal }, 'second signal: exiting without waiting for rounds in hand');
      process.exit(1);
    }
    stopping = true;
    logger.info({ signal }, 'stopping: finishing rounds in hand');
    pool
      .stop()
      .then(close)
      .then(
        () => {
          logger.info('worker stopped');
          process.exit(0);
        },
        (err: unknown) => {
          logger.error({ err: safeError(err) }, 'worker stop failed');
          process.exit(1);
        },
      );
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
  // Logged once the signal handlers are in place: a supervisor (or test) that waits for this line can stop us gracefully.
  logger.info({ workers: config.workers, queue: config.queue.queueName, store: stores.kind, pid: process.pid }, 'CalSync worker started');
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
