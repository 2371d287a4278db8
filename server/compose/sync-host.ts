/**
 * The background sync inside the API process (`npm run serve` with CALSYNC_SYNC=on): Graph access, the queue
 * and a sync runtime for the configured tenant. With CALSYNC_SYNC_WORKERS=0 it schedules and takes
 * notifications only, and `npm run worker` processes do the rounds from the Storage queue.
 */
import type { Logger } from 'pino';
import type { SyncHostPlan } from '../config/sync';
import type { Stores } from '../store/types';
import { singleTenantClientFor, type GraphAccess } from '../sync/graph-client';
import { listGraphUsers } from '../sync/graph-users';
import type { MailboxQueue } from '../sync/mailbox-queue';
import { graphOwnerIds } from '../sync/owner-ids';
import { createSyncRuntime, type SyncRuntime } from '../sync/sync-runtime';
import { openGraphAccess } from './graph';
import { openMailboxQueue } from './queue';

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
