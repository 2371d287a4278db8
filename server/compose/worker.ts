/**
 * A standalone worker process's parts from its configuration: Graph access, the store, the shared queue and the
 * pool of MailboxWorkers. If any part fails to open, those already open are closed before the error is rethrown.
 */
import type { Logger } from 'pino';
import type { WorkerConfig } from '../config/worker';
import { openStores } from '../store/open-stores';
import type { Stores } from '../store/types';
import type { MailboxQueue } from '../sync/mailbox-queue';
import { graphOwnerIds } from '../sync/owner-ids';
import { createWorkerPool, type WorkerPool } from '../sync/worker-pool';
import { storeTenantSyncGate } from '../sync/tenant-sync-gate';
import { openGraphAccess, type GraphConnection } from './graph';
import { loggingTenantStatus, tenantGate, type TenantStatusFactory } from './tenant-status';
import { openMailboxQueue } from './queue';

export interface WorkerProcess {
  pool: WorkerPool;
  stores: Stores;
  /** Closes the queue, the store and Graph access (after `pool.stop()`). */
  close(): Promise<void>;
}

export async function openWorkerProcess(config: WorkerConfig, logger: Logger, tenantStatus?: TenantStatusFactory): Promise<WorkerProcess> {
  let access: GraphConnection | undefined;
  let stores: Stores | undefined;
  const gate = tenantGate(logger, tenantStatus ? tenantStatus(() => stores) : loggingTenantStatus(logger));
  let queue: MailboxQueue | undefined;
  const close = async (): Promise<void> => {
    await queue?.close();
    await stores?.close();
    await access?.close();
  };
  try {
    access = openGraphAccess(config.sync, config.workers, { onConsentError: (t) => gate.consentRevoked(t) });
    stores = await openStores(config.store, { retries: 'worker', logger });
    queue = await openMailboxQueue(config.queue);
  } catch (err) {
    await close().catch(() => undefined);
    throw err;
  }
  const connection = access;
  const pool = createWorkerPool({
    // Each job on its own tenant's client and token; a tenant without consent is stopped, not retried.
    clientFor: connection.clientFor,
    tenantGate: gate,
    tenantSyncGate: storeTenantSyncGate(stores.tenants, { recordless: config.sync.syncTenants }),
    // Production mailboxes are UPNs and personal rules belong to object ids: one cached lookup per tenant maps them.
    ownerIdFor: graphOwnerIds(connection.clientFor),
    stores,
    queue,
    workers: config.workers,
    leaseTtlMs: config.leaseTtlMs,
    visibilityTimeoutMs: config.visibilityTimeoutMs,
    logger,
  });
  return { pool, stores, close };
}
