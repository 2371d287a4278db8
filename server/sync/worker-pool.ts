/**
 * N MailboxWorkers on one queue, sharing the Graph client(s), the rules loader and the per-mailbox request gates:
 * the workers of a worker process (worker-main.ts) and of a sync runtime (sync-runtime.ts).
 * Each worker runs one round at a time: with one worker running N, a receive waits for its whole batch, so one
 * slow mailbox would hold up the others; N independent loops never do.
 */
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { Client } from '@microsoft/microsoft-graph-client';
import type { Logger } from 'pino';
import type { Stores } from '../store/types';
import type { BackoffPolicy } from './backoff';
import { DeltaLinkCadence } from './delta-link-cadence';
import { MailboxGates } from './mailbox-gate';
import type { MailboxQueue } from './mailbox-queue';
import type { RoundTuning } from './mailbox-round';
import { MailboxWorker, type JobOutcome, type MailboxWorkerOptions } from './mailbox-worker';
import type { OwnWrites } from './own-writes';
import type { QueuedRounds } from './queued-rounds';
import { storeRulesLoader } from './store-rules-loader';
import type { TenantSyncGate } from './ports';
import { storeTenantSyncGate } from './tenant-sync-gate';
import { graphGroupMembership } from './group-membership';

export interface WorkerPoolOptions {
  /** App-only Graph client for a job's tenant (singleTenantClientFor where the process holds one credential). */
  clientFor(tenantId: string): Client;
  /** Tenants stopped for lack of consent (their jobs are dropped, see MailboxWorker). */
  tenantGate?: MailboxWorkerOptions['tenantGate'];
  /** The personal-rule owner of a mailbox (graphOwnerIds where mailboxes are UPNs); default the mailbox id. */
  ownerIdFor?: (tenantId: string, mailboxId: string) => Promise<string> | string;
  /** A rule owner's groups, for team rules (default: Graph's transitiveMemberOf with clientFor's client, cached). */
  memberOf?: (tenantId: string, ownerId: string) => Promise<ReadonlySet<string>>;
  stores: Stores;
  queue: MailboxQueue;
  /** Rounds at once: each worker runs one. */
  workers: number;
  leaseTtlMs?: number;
  visibilityTimeoutMs?: number;
  idlePollMs?: number;
  backoff?: BackoffPolicy;
  tuning?: Partial<RoundTuning>;
  /** Where rounds leave their writes' change keys, for the notification handler of this process. */
  ownWrites?: OwnWrites;
  /** Plain rounds queued and not started, shared with this process's notification handler (queued-rounds.ts). */
  queuedRounds?: QueuedRounds;
  logger?: Logger;
  /** The workers' clock (leases, deferrals, round windows); a benchmark's simulated day passes its own. */
  now?: () => Date;
  onJobDone?(outcome: JobOutcome): void;
  /** Which tenants may be stamped now; default from the tenant records (tenant-sync-gate.ts). */
  tenantSyncGate?: TenantSyncGate;
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
  const deltaLinks = new DeltaLinkCadence();
  const loadRules = storeRulesLoader(options.stores, { ownerIdFor: options.ownerIdFor, memberOf: options.memberOf ?? graphGroupMembership(options.clientFor) });
  const tenantSyncGate = options.tenantSyncGate ?? storeTenantSyncGate(options.stores.tenants);
  const roundsInProcess = new Set<string>();
  const workers = Array.from(
    { length: options.workers },
    () =>
      new MailboxWorker({
        roundsInProcess,
        queue: options.queue,
        syncState: options.stores.syncState,
        clientFor: options.clientFor,
        tenantGate: options.tenantGate,
        tenantSyncGate,
        round: { loadRules, gates, backoff: options.backoff, tuning: options.tuning, deltaLinks, ownWrites: options.ownWrites },
        // The random part comes first: the worker's log tag is the holder's first 8 characters.
        holder: `${randomBytes(4).toString('hex')}:${hostname()}:${process.pid}`,
        concurrency: 1,
        leaseTtlMs: options.leaseTtlMs,
        visibilityTimeoutMs: options.visibilityTimeoutMs,
        idlePollMs: options.idlePollMs,
        logger: options.logger,
        now: options.now,
        onJobDone: options.onJobDone,
        queuedRounds: options.queuedRounds,
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
