/**
 * The worker section, and everything a standalone worker process (server/worker-main.ts) reads: the store, Graph
 * access, the shared queue, and its own knobs. Every section is checked before anything is opened, and all
 * problems of all sections are reported together.
 */
import { ConfigError, configSection, frozen, logLevel, parseEnvFields, wholeNumber, type LogLevel } from './fields';
import { loadGraphConfig, type GraphConfig } from './graph';
import { loadQueueConfig, type StorageQueueConfig } from './queue';
import { loadStoreConfig, type StoreConfig } from './store';

export interface WorkerConfig {
  store: StoreConfig;
  sync: GraphConfig;
  queue: StorageQueueConfig;
  /** MailboxWorkers in the process, each running one mailbox round at a time. */
  workers: number;
  leaseTtlMs: number;
  visibilityTimeoutMs: number;
  logLevel: LogLevel;
}

const WorkerEnvShape = {
  // Storage Queues hand out at most 32 messages per receive; more rounds at once also need more Graph sockets.
  CALSYNC_WORKER_CONCURRENCY: wholeNumber('workers', 1, 32, 4),
  // A killed worker's mailboxes wait this long for another worker; renewed every third of it while a round runs.
  CALSYNC_LEASE_TTL_MS: wholeNumber('milliseconds', 1_000, 3_600_000, 300_000),
  // How long a received job stays hidden; it comes back after this when its worker died. Storage Queues count
  // whole seconds, up to 7 days.
  CALSYNC_VISIBILITY_TIMEOUT_MS: wholeNumber('milliseconds', 1_000, 604_800_000, 600_000),
  LOG_LEVEL: logLevel('expected fatal, error, warn, info, debug, trace or silent'),
};

export function loadWorkerConfig(env: NodeJS.ProcessEnv = process.env): WorkerConfig {
  const { data: e, problems } = parseEnvFields(WorkerEnvShape, env);
  const store = configSection(problems, () => loadStoreConfig(env));
  const sync = configSection(problems, () => loadGraphConfig(env));
  const queue = configSection(problems, () => loadQueueConfig(env));
  if (queue?.kind === 'memory') {
    problems.push({
      variable: 'CALSYNC_QUEUE',
      message: 'a worker process needs CALSYNC_QUEUE=storage: the memory queue lives inside one process and cannot be shared with it',
    });
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return frozen({
    store: store as StoreConfig,
    sync: sync as GraphConfig,
    queue: queue as StorageQueueConfig,
    workers: e.CALSYNC_WORKER_CONCURRENCY as number,
    leaseTtlMs: e.CALSYNC_LEASE_TTL_MS as number,
    visibilityTimeoutMs: e.CALSYNC_VISIBILITY_TIMEOUT_MS as number,
    logLevel: e.LOG_LEVEL as LogLevel,
  });
}
