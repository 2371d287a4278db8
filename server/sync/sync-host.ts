/**
 * The background sync inside the API process (`npm run serve` with CALSYNC_SYNC=on): Graph access, the queue
 * and a sync runtime for the configured tenant. With CALSYNC_SYNC_WORKERS=0 it schedules and takes
 * notifications only, and `npm run worker` processes do the rounds from the Storage queue.
 */
import type { Logger } from 'pino';
import { ConfigError } from '../env';
import type { Stores } from '../store/types';
import { createGraphCredential } from './credential';
import { configSection } from './env-fields';
import { createGraphAccess, singleTenantClientFor, type GraphAccess } from './graph-client';
import { listGraphUsers } from './graph-users';
import { loadSyncHostConfig, type SyncHostConfig } from './host-config';
import type { MailboxQueue } from './mailbox-queue';
import { graphOwnerIds } from './owner-ids';
import { loadQueueConfig, openMailboxQueue, type QueueConfig } from './queue-config';
import { loadSyncConfig, type SyncConfig } from './sync-config';
import { createSyncRuntime, type SyncRuntime } from './sync-runtime';

export interface SyncHostPlan {
  host: SyncHostConfig;
  sync: SyncConfig;
  queue: QueueConfig;
}

/**
 * The sync's plan when CALSYNC_SYNC=on, undefined when off. Every sync variable is checked together (the
 * host's own, Graph, queue) before anything opens.
 */
export function planSyncHost(env: NodeJS.ProcessEnv): SyncHostPlan | undefined {
  const problems: ConfigError['problems'] = [];
  const host = configSection(problems, () => loadSyncHostConfig(env));
  if (host ? !host.enabled : env.CALSYNC_SYNC?.trim() !== 'on') {
    if (problems.length > 0) throw new ConfigError(problems);
    return undefined;
  }
  const sync = configSection(problems, () => loadSyncConfig(env));
  const queue = configSection(problems, () => loadQueueConfig(env));
  if (queue?.kind === 'memory' && host?.workers === 0) {
    problems.push({ variable: 'CALSYNC_SYNC_WORKERS', message: '0 needs CALSYNC_QUEUE=storage: with the in-process queue, rounds run only in this process' });
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return { host: host as SyncHostConfig, sync: sync as SyncConfig, queue: queue as QueueConfig };
}

export interface SyncHost {
  runtime: SyncRuntime;
  /** Starts the runtime; Graph subscriptions only when a public URL is configured. */
  start(): void;
  close(): Promise<void>;
}

export async function openSyncHost(plan: SyncHostPlan, stores: Stores, logger: Logger): Promise<SyncHost> {
  const access: GraphAccess = createGraphAccess({
    credential: createGraphCredential(plan.sync.credential),
    baseUrl: plan.sync.graphBaseUrl,
    caPem: plan.sync.caPem,
    // Four requests in flight per round, one round per worker, plus token and lookup calls.
    connections: 4 * Math.max(1, plan.host.workers) + 4,
  });
  let queue: MailboxQueue;
  try {
    queue = await openMailboxQueue(plan.queue);
  } catch (err) {
    await access.close();
    throw err;
  }
  const { tenantId } = plan.sync;
  const runtime = createSyncRuntime({
    stores,
    queue,
    tenants: () => [tenantId],
    clientFor: singleTenantClientFor(tenantId, access.client),
    workers: plan.host.workers,
    intervalMs: plan.host.intervalMs,
    ownerIdFor: graphOwnerIds(access.client),
    allMailboxes: () => listGraphUsers(access.client),
    logger,
  });
  return {
    runtime,
    start() {
      if (!plan.host.publicUrl) logger.warn('CALSYNC_PUBLIC_URL is not set: no change notifications, mailboxes sync on the schedule and on rule changes');
      runtime.start({ notificationUrl: plan.host.publicUrl && `${plan.host.publicUrl}/api/notifications` });
    },
    async close() {
      await runtime.stop();
      await queue.close();
      await access.close();
    },
  };
}
