/**
 * The sync of one tenant, as the API process (`npm run serve` with CALSYNC_SYNC=on) and the demo run it: Graph
 * access, the queue and a sync runtime for the configured tenant. With CALSYNC_SYNC_WORKERS=0 it schedules and takes
 * notifications only, and `npm run worker` processes do the rounds from the Storage queue.
 */
import type { Client } from '@microsoft/microsoft-graph-client';
import type { Logger } from 'pino';
import type { SyncHostConfig, SyncHostPlan } from '../config/sync';
import type { Stores } from '../store/types';
import { singleTenantClientFor, type GraphAccess } from '../sync/graph-client';
import { listGraphUsers } from '../sync/graph-users';
import type { MailboxQueue } from '../sync/mailbox-queue';
import { graphOwnerIds } from '../sync/owner-ids';
import { createSyncRuntime, type SyncRuntime, type SyncRuntimeOptions } from '../sync/sync-runtime';
import { openGraphAccess } from './graph';
import { openMailboxQueue } from './queue';

type TenantSyncOptions = 'stores' | 'queue' | 'workers' | 'intervalMs' | 'drainInboxEveryMs' | 'renewEveryMs' | 'scheduleTickMs' | 'idlePollMs' | 'now' | 'onJobDone' | 'logger';

export interface TenantSyncParts extends Pick<SyncRuntimeOptions, TenantSyncOptions> {
  tenantId: string;
  /** The tenant's Graph client (openGraphAccess). */
  client: Client;
  /** Every mailbox `enrolledMailboxes: 'all'` means; default: the tenant's users, from Graph. */
  allMailboxes?: () => Promise<string[]>;
}

/** A sync runtime for one tenant whose Graph credential this process holds (jobs for another tenant fail). */
export function createTenantSync(parts: TenantSyncParts): SyncRuntime {
  const { tenantId, client, allMailboxes, ...rest } = parts;
  return createSyncRuntime({
    ...rest,
    tenants: () => [tenantId],
    clientFor: singleTenantClientFor(tenantId, client),
    ownerIdFor: graphOwnerIds(client),
    allMailboxes: allMailboxes ?? (() => listGraphUsers(client)),
  });
}

/**
 * What the sync host's configuration sets on the runtime: the one mapping from CALSYNC_SYNC_* to runtime options,
 * shared by `npm run serve` and bench:day (which runs a day "before" and "after" from two such configurations).
 */
export function hostRuntimeOptions(host: SyncHostConfig): Pick<SyncRuntimeOptions, 'workers' | 'intervalMs'> {
  return { workers: host.workers, intervalMs: host.intervalMs };
}

export interface SyncHost {
  runtime: SyncRuntime;
  /** Starts the runtime; Graph subscriptions only when a public URL is configured. */
  start(): void;
  close(): Promise<void>;
}

export async function openSyncHost(plan: SyncHostPlan, stores: Stores, logger: Logger): Promise<SyncHost> {
  const access: GraphAccess = openGraphAccess(plan.sync, plan.host.workers);
  let queue: MailboxQueue;
  try {
    queue = await openMailboxQueue(plan.queue);
  } catch (err) {
    await access.close();
    throw err;
  }
  const runtime = createTenantSync({ stores, queue, tenantId: plan.sync.tenantId, client: access.client, ...hostRuntimeOptions(plan.host), logger });
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
