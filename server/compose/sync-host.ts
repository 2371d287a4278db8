/**
 * The sync of every served tenant, as the API process (`npm run serve` with CALSYNC_SYNC=on) and the demo run it:
 * Graph access with a client per tenant (one multi-tenant app, each job on its own tenant's token), the queue and a
 * sync runtime. With CALSYNC_SYNC_WORKERS=0 it schedules and takes notifications only, and `npm run worker`
 * processes do the rounds from the Storage queue.
 */
import type { Client } from '@microsoft/microsoft-graph-client';
import type { Logger } from 'pino';
import type { SyncHostConfig, SyncHostPlan } from '../config/sync';
import type { Stores } from '../store/types';
import type { GraphAccess } from '../sync/graph-client';
import { DirectoryCache } from '../sync/directory-cache';
import { listDirectoryUsers } from '../sync/graph-users';
import { GroupMembersTracker } from '../sync/group-members-tracker';
import type { MailboxQueue } from '../sync/mailbox-queue';
import { graphOwnerIds } from '../sync/owner-ids';
import { servedTenants } from '../sync/served-tenants';
import { storeTenantSyncGate } from '../sync/tenant-sync-gate';
import { DEFAULT_INTERVAL_MS } from '../sync/sync-scheduler';
import { createSyncRuntime, type SyncRuntime, type SyncRuntimeOptions } from '../sync/sync-runtime';
import { openGraphAccess } from './graph';
import { openMailboxQueue } from './queue';
import { loggingTenantStatus, tenantGate, type TenantStatusFactory } from './tenant-status';

type TenantSyncOptions =
  | 'stores'
  | 'queue'
  | 'workers'
  | 'intervalMs'
  | 'liveIntervalMs'
  | 'drainInboxEveryMs'
  | 'renewEveryMs'
  | 'scheduleTickMs'
  | 'idlePollMs'
  | 'now'
  | 'onJobDone'
  | 'logger'
  | 'tenantGate'
  | 'tenantSyncGate'
  | 'backoff'
  | 'coalesceNotifications';

export interface TenantSyncParts extends Pick<SyncRuntimeOptions, TenantSyncOptions> {
  /** The tenants to schedule (the home tenant alone in a single-tenant deployment). */
  tenants: string[] | (() => Promise<string[]> | string[]);
  /** Each tenant's Graph client (openGraphAccess's clientFor). */
  clientFor(tenantId: string): Client;
  /** Every mailbox `enrolledMailboxes: 'all'` means; default: the tenant's users, from Graph. */
  allMailboxes?: (tenantId: string) => Promise<string[]>;
}

/** A sync runtime for the tenants given, each job on its own tenant's client. */
export function createTenantSync(parts: TenantSyncParts): SyncRuntime {
  const { tenants, clientFor, allMailboxes, ...rest } = parts;
  // The directory is listed once per schedule interval, not at every tick; its ids are the rules' owners.
  const cacheOptions = { ttlMs: rest.intervalMs ?? DEFAULT_INTERVAL_MS, ...(rest.now ? { now: rest.now } : {}) };
  const directory = new DirectoryCache((tenantId) => listDirectoryUsers(clientFor(tenantId)), cacheOptions);
  // Enrolled groups read again once per interval, by delta where that saves requests; a member is enrolled within it.
  const groups = new GroupMembersTracker(clientFor, { checkEveryMs: cacheOptions.ttlMs, now: rest.now, logger: rest.logger });
  return createSyncRuntime({
    ...rest,
    tenants: typeof tenants === 'function' ? tenants : () => tenants,
    clientFor,
    ownerIdFor: graphOwnerIds(clientFor, undefined, (tenantId, mailboxId) => directory.ownerOf(tenantId, mailboxId)),
    allMailboxes: allMailboxes ?? ((tenantId) => directory.addresses(tenantId)),
    groupMailboxes: (tenantId, groupId) => groups.addresses(tenantId, groupId),
    // Jobs carry the owner a listing already gave, so workers in other processes look none up.
    ownerOf: (tenantId, mailboxId) => directory.ownerOf(tenantId, mailboxId) ?? groups.ownerOf(tenantId, mailboxId),
  });
}

/**
 * What the sync host's configuration sets on the runtime: the one mapping from CALSYNC_SYNC_* to runtime options,
 * shared by `npm run serve` and bench:day (which runs a day "before" and "after" from two such configurations).
 */
export function hostRuntimeOptions(host: SyncHostConfig): Pick<SyncRuntimeOptions, 'workers' | 'intervalMs' | 'liveIntervalMs'> {
  return { workers: host.workers, intervalMs: host.intervalMs, liveIntervalMs: host.liveIntervalMs };
}

export interface SyncHost {
  runtime: SyncRuntime;
  /** Starts the runtime; Graph subscriptions only when a public URL is configured. */
  start(): void;
  close(): Promise<void>;
}

export async function openSyncHost(plan: SyncHostPlan, stores: Stores, logger: Logger, tenantStatus?: TenantStatusFactory): Promise<SyncHost> {
  const gate = tenantGate(logger, tenantStatus ? tenantStatus(() => stores) : loggingTenantStatus(logger));
  const access: GraphAccess & { clientFor(tenantId: string): Client } = openGraphAccess(plan.sync, plan.host.workers, {
    onConsentError: (t) => gate.consentRevoked(t),
  });
  let queue: MailboxQueue;
  try {
    queue = await openMailboxQueue(plan.queue);
  } catch (err) {
    await access.close();
    throw err;
  }
  const runtime = createTenantSync({
    stores,
    queue,
    tenants: servedTenants(plan.sync.syncTenants, stores.tenants, { logger }),
    clientFor: access.clientFor,
    tenantGate: gate,
    // Only the configured tenants sync without a record: an offboarded tenant's queued jobs stop at the gate.
    tenantSyncGate: storeTenantSyncGate(stores.tenants, { recordless: plan.sync.syncTenants }),
    ...hostRuntimeOptions(plan.host),
    // The in-process queue has no consumer but this process's workers: notifications may ride on a queued round.
    coalesceNotifications: plan.queue.kind === 'memory',
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
