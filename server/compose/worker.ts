/**
 * A standalone worker process's parts from its configuration: Graph access, the store, the shared queue and the
 * pool of MailboxWorkers. If any part fails to open, those already open are closed before the error is rethrown.
 */
import type { Logger } from 'pino';
import type { WorkerConfig } from '../config/worker';
import { openStores } from '../store/open-stores';
import type { Stores } from '../store/types';
import { singleTenantClientFor, type GraphAccess } from '../sync/graph-client';
import type { MailboxQueue } from '../sync/mailbox-queue';
import { graphOwnerIds } from '../sync/owner-ids';
import { createWorkerPool, type WorkerPool } from '../sync/worker-pool';
import { openGraphAccess } from './graph';
import { openMailboxQueue } from './queue';

export interface WorkerProcess {
  pool: WorkerPool;
  stores: Stores;
  /** Closes the queue, the store and Graph access (after `pool.stop()`). */
  close(): Promise<void>;
}

export async function openWorkerProcess(config: WorkerConfig, logger: Logger): Promise<WorkerProcess> {
  let access: GraphAccess | undefined;
  let stores: Stores | undefined;
  let queue: MailboxQueue | undefined;
  const close = async (): Promise<void> => {
    await queue?.close();
    await stores?.close();
    await access?.close();
  };
  try {
    access = openGraphAccess(config.sync, config.workers);
    stores = await openStores(config.store, { retries: 'worker', logger });
    queue = await openMailboxQueue(config.queue);
  } catch (err) {
    await close().catch(() => undefined);
    throw err;
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
  return { pool, stores, close };
}
