/**
 * N MailboxWorkers on one queue for one tenant, sharing a Graph client and the per-mailbox request gates.
 * Each worker runs one round at a time: with one worker running N, a receive waits for its whole batch, so one
 * slow mailbox would hold up the others; N independent loops never do.
 */
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { Client } from '@microsoft/microsoft-graph-client';
import type { Logger } from 'pino';
import type { Stores } from '../store/types';
import type { BackoffPolicy } from './backoff';
import { MailboxGates } from './mailbox-gate';
import type { MailboxQueue } from './mailbox-queue';
import { MailboxWorker, type JobOutcome } from './mailbox-worker';
import { graphOwnerIds } from './owner-ids';
import { storeRulesLoader } from './store-rules-loader';

export interface WorkerPoolOptions {
  /** The tenant this process has a Graph credential for. */
  tenantId: string;
  client: Client;
  stores: Stores;
  queue: MailboxQueue;
  workers: number;
  leaseTtlMs?: number;
  visibilityTimeoutMs?: number;
  backoff?: BackoffPolicy;
  logger?: Logger;
  onJobDone?(outcome: JobOutcome): void;
}

export interface WorkerPool {
  /** Lease holder names: `<random>:<host>:<pid>`, so the sync state shows which process holds a mailbox. */
  readonly holders: readonly string[];
  start(): void;
  /** No new jobs; resolves when every job in hand has finished (completed, or left for the queue to redeliver). */
  stop(): Promise<void>;
}

export function createWorkerPool(options: WorkerPoolOptions): WorkerPool {
  const gates = new MailboxGates();
  // Production mailboxes are UPNs and personal rules belong to object ids: one cached lookup maps them.
  const loadRules = storeRulesLoader(options.stores, { ownerIdFor: graphOwnerIds(options.client) });
  const clientFor = (tenantId: string): Client => {
    // A job for another tenant cannot be worked here; failing it sends it to the poison queue after its retries.
    if (tenantId !== options.tenantId) throw new Error('this worker process has no Graph credential for the job’s tenant');
    return options.client;
  };
  const workers = Array.from(
    { length: options.workers },
    () =>
      new MailboxWorker({
        queue: options.queue,
        syncState: options.stores.syncState,
        clientFor,
        round: { loadRules, gates, backoff: options.backoff },
        // The random part comes first: the worker's log tag is the holder's first 8 characters.
        holder: `${randomBytes(4).toString('hex')}:${hostname()}:${process.pid}`,
        concurrency: 1,
        leaseTtlMs: options.leaseTtlMs,
        visibilityTimeoutMs: options.visibilityTimeoutMs,
        logger: options.logger,
        onJobDone: options.onJobDone,
      }),
  );
  return {
    holders: workers.map((w) => w.holder),
    start: () => workers.forEach((w) => w.start()),
    stop: async () => {
      await Promise.all(workers.map((w) => w.stop()));
    },
  };
}
