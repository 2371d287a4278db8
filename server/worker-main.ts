/**
 * `npm run worker`: a standalone sync worker process. Any number may run against one Storage queue and one store;
 * the mailbox lease keeps each mailbox to one worker at a time. Configuration (store, Graph, CALSYNC_QUEUE=storage,
 * CALSYNC_WORKER_CONCURRENCY, CALSYNC_LEASE_TTL_MS, CALSYNC_VISIBILITY_TIMEOUT_MS, LOG_LEVEL): config/worker.ts.
 *
 * SIGTERM/SIGINT stop gracefully: no new jobs, the rounds in hand finish, store and Graph access close, exit 0. A
 * second signal exits at once (1): that is safe, because an unfinished job's lease lapses and the queue hands
 * the job out again, the same as after a crash.
 */
import pino from 'pino';
import { openWorkerProcess, type WorkerProcess } from './compose/worker';
import { loadOrExit } from './config';
import { loadWorkerConfig } from './config/worker';
import { consentRevocationRecorder } from './services/tenant-consent-recorder';
import { safeError } from './sync/safe-error';

/** Nothing the worker logs should carry these; redaction is the net under safeError. */
const REDACT_PATHS = [
  'authorization',
  '*.authorization',
  '*.headers.authorization',
  'connectionString',
  '*.connectionString',
  'clientSecret',
  '*.clientSecret',
  'accessToken',
  '*.accessToken',
];

async function main(): Promise<void> {
  const config = loadOrExit(() => loadWorkerConfig(process.env));
  const logger = pino({ level: config.logLevel, redact: { paths: REDACT_PATHS, censor: '[redacted]' } });
  let worker: WorkerProcess;
  try {
    worker = await openWorkerProcess(config, logger, (stores) => consentRevocationRecorder(logger, stores));
  } catch (err) {
    logger.fatal({ err: safeError(err) }, 'worker could not start');
    process.exit(1);
  }
  const { pool, stores, close } = worker;
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
