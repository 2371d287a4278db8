/**
 * A worker: receive a job → take the mailbox's lease → run the round through the leased sync state → complete
 * the message → release the lease. Any number of workers (in one process or many) may share a queue; the
 * lease keeps each mailbox to one at a time. A job that fails is not completed: the queue's visibility timeout
 * hands it out again, and after MAX_DEQUEUES deliveries it goes to the poison queue.
 */
import { randomUUID } from 'node:crypto';
import type { Client } from '@microsoft/microsoft-graph-client';
import pino, { type Logger } from 'pino';
import type { SyncStateRepository } from '../store/sync-state';
import { newChargeTally, runWithChargeTally, type ChargeTally } from '../store/request-charge';
import { StoreError } from '../store/types';
import { MailboxThrottled } from './backoff';
import { isLeaseLost, openLease } from './mailbox-lease';
import { safeError } from './safe-error';
import type { MailboxJob, MailboxQueue, QueueMessage } from './mailbox-queue';
import { mailboxRef, runMailboxRound, type MailboxRoundDeps } from './mailbox-round';
import type { TenantSyncGate, TenantSyncVerdict } from './ports';
import type { RoundReport } from './round-report';
import type { TenantGate } from './tenant-consent';
import { isPlainRound, type QueuedRounds } from './queued-rounds';
import { lastRoundRecord, recordDue, type RoundEnding } from './round-status';

export interface MailboxWorkerOptions {
  /**
   * Mailboxes with a round under way in this process, shared by its workers (worker-pool.ts); default this worker's
   * own. The lease is claimed only by a round's first write, so without it two workers of one process could both
   * read a mailbox that duplicate jobs named (a schedule tick and a resync); another process still may (harmless:
   * the first to write claims the lease, the other's job comes back as busy).
   */
  roundsInProcess?: Set<string>;
  queue: MailboxQueue;
  syncState: SyncStateRepository;
  /** The Graph client for a tenant (app-only token for that tenant). */
  clientFor(tenantId: string): Client;
  /** Tenants stopped for lack of consent: their jobs are completed without a round (nothing is deleted). */
  tenantGate?: Pick<TenantGate, 'isStopped'>;
  /** Asked before each round whether the job's tenant may be stamped (status, term; tenant-sync-gate.ts); absent: every tenant may. */
  tenantSyncGate?: TenantSyncGate;
  /** Everything else a round needs (loadRules, gates, backoff, tuning); tenantId, client and syncState come per job. */
  round: Omit<MailboxRoundDeps, 'tenantId' | 'client' | 'syncState' | 'logger' | 'now' | 'onThrottled'>;
  /** Unique per worker; default random. */
  holder?: string;
  /** Lease lifetime; renewed every third of it while a round runs (default 5 minutes). */
  leaseTtlMs?: number;
  /** How long a received job stays hidden; longer than a round takes, or a duplicate round starts (default 10 min). */
  visibilityTimeoutMs?: number;
  /** Jobs received and run at once (default 4). */
  concurrency?: number;
  /** Pause between receives when the queue was empty (default 1 s). */
  idlePollMs?: number;
  /** When the mailbox is leased by another worker, the job comes back after this long at most (default 30 s). */
  busyRetryMs?: number;
  /** When a round's delta paging would not end, a full round is queued this long later (default 15 min). */
  pagingStuckRetryMs?: number;
  /** When the store throttled past its client's retries, the job comes back after this long at least (default 60 s). */
  storeThrottledRetryMs?: number;
  logger?: Logger;
  now?: () => Date;
  /** Told after each job (metrics, tests). */
  onJobDone?(outcome: JobOutcome): void;
  /**
   * Plain rounds queued in this process and not started (queued-rounds.ts): each job marks its mailbox's as started
   * before anything else, and a busy job's copy is queued only when no such round already waits.
   */
  queuedRounds?: Pick<QueuedRounds, 'claim' | 'unclaim' | 'started'>;
}

/** How a job ended, and what its store calls cost (lease, sync state, rules: request units on Cosmos, 0 on SQLite). */
export type JobOutcome = JobEnding & { storeCharge?: ChargeTally };

type JobEnding =
  | { kind: 'done'; message: QueueMessage; report: RoundReport }
  | { kind: 'incomplete'; message: QueueMessage; report: RoundReport }
  /** `ranRound`: the round ran, but another worker wrote the mailbox first (it claimed the lease). */
  | { kind: 'busy'; message: QueueMessage; ranRound?: true }
  /** The tenant may not be stamped now (status, term lapsed): the job is completed without a round. */
  | { kind: 'skipped'; message: QueueMessage; reason: Exclude<TenantSyncVerdict, { act: true }>['reason'] }
  /** Given back to the queue, hidden until notBefore: Graph or the store asked for a wait, or delta paging would not end. */
  | { kind: 'deferred'; message: QueueMessage; reason: DeferReason; notBefore: Date; requeued: MailboxJob }
  | { kind: 'failed'; message: QueueMessage; error: unknown }
  /** The tenant gave no consent (or revoked it): the job is dropped, its sync state kept; rounds resume on consent. */
  | { kind: 'tenant-stopped'; message: QueueMessage };

type DeferReason = 'throttled' | 'store-throttled' | 'paging-stuck';

export class MailboxWorker {
  readonly holder: string;
  private readonly logger: Logger;
  private readonly now: () => Date;
  /** Mailboxes with a round under way in this process (see `roundsInProcess`). */
  private readonly inRound: Set<string>;
  private running = false;
  private loop: Promise<void> | undefined;
  private wake: (() => void) | undefined;

  constructor(private readonly options: MailboxWorkerOptions) {
    this.holder = options.holder ?? randomUUID();
    this.logger = (options.logger ?? pino({ level: 'silent' })).child({ worker: this.holder.slice(0, 8) });
    this.now = options.now ?? (() => new Date());
    this.inRound = options.roundsInProcess ?? new Set();
  }

  /** Starts the receive loop in the background. */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  /** Graceful stop: no new receives; resolves when the jobs in hand have finished (completed or left to retry). */
  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
    this.loop = undefined;
  }

  /** Receives one batch and runs it; the number of messages handled. The loop is this, repeated. */
  async runOnce(): Promise<number> {
    const messages = await this.options.queue.receive(this.options.concurrency ?? 4, this.options.visibilityTimeoutMs ?? 600_000);
    await Promise.all(messages.map((m) => this.handle(m)));
    return messages.length;
  }

  private async run(): Promise<void> {
    while (this.running) {
      let handled = 0;
      try {
        handled = await this.runOnce();
      } catch (error) {
        this.logger.error({ err: safeError(error) }, 'queue receive failed');
      }
      if (handled === 0 && this.running) await this.pause(this.options.idlePollMs ?? 1_000);
    }
  }

  private pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done(): void {
        clearTimeout(timer);
        resolve();
      }
      this.wake = done;
    });
  }

  /** Runs one job inside its own store-charge tally, so the job's total is logged and reported with its outcome. */
  private async handle(message: QueueMessage): Promise<void> {
    const log = this.logger.child({ mailbox: mailboxRef(message.job.mailboxId), reason: message.job.reason, dequeueCount: message.dequeueCount });
    // Before the round reads delta: a notification from now on needs a round after this one.
    this.options.queuedRounds?.started(message.job.tenantId, message.job.mailboxId);
    const tally = newChargeTally();
    const outcome = await runWithChargeTally(tally, () => this.runJob(message, log));
    log.info({ outcome: outcome.kind, storeCharge: tally }, 'mailbox job finished');
    this.options.onJobDone?.({ ...outcome, storeCharge: { ...tally } });
  }

  private async runJob(message: QueueMessage, log: Logger): Promise<JobEnding> {
    const { job } = message;
    const ttlMs = this.options.leaseTtlMs ?? 300_000;
    const busyRetryMs = this.options.busyRetryMs ?? 30_000;
    let outcome: JobEnding;
    if (this.options.tenantGate?.isStopped(job.tenantId)) return this.dropForTenant(message, log);
    try {
      const verdict = (await this.options.tenantSyncGate?.check(job.tenantId)) ?? { act: true };
      if (!verdict.act) {
        await this.options.queue.complete(message);
        log.info({ reason: verdict.reason }, 'tenant may not be synced now; job dropped without a round');
        return { kind: 'skipped', message, reason: verdict.reason };
      }
      const roundKey = `${job.tenantId}\n${job.mailboxId.toLowerCase()}`;
      if (this.inRound.has(roundKey)) return await this.requeueBusy(message, job, busyRetryMs);
      this.inRound.add(roundKey);
      const lease = await openLease(this.options.syncState, job.tenantId, job.mailboxId, { holder: this.holder, ttlMs, now: this.now }).catch(
        (error: unknown) => {
          this.inRound.delete(roundKey);
          throw error;
        },
      );
      if (!lease.acquired) {
        this.inRound.delete(roundKey);
        // Another worker has it: come back once its lease would have lapsed (or sooner, if it finishes). A fresh
        // copy rather than abandon, so waiting does not use up deliveries and poison a healthy job.
        const until = lease.heldUntil ? lease.heldUntil.getTime() - this.now().getTime() : 0;
        outcome = await this.requeueBusy(message, job, Math.max(0, Math.min(until, busyRetryMs)));
        log.debug('mailbox leased by another worker; retrying later');
      } else {
        const leased = lease.lease;
        if (job.full) leased.forgetDeltaLink();
        const renewal = setInterval(
          () => {
            leased.renew().catch((err: unknown) => log.warn({ err: safeError(err) }, 'lease renewal failed'));
          },
          Math.max(10, Math.floor(ttlMs / 3)),
        );
        renewal.unref();
        let ending: RoundEnding | undefined;
        let throttled = 0;
        const startedAt = this.now();
        try {
          const report = await runMailboxRound(
            {
              ...this.options.round,
              tenantId: job.tenantId,
              client: this.options.clientFor(job.tenantId),
              syncState: leased,
              logger: log,
              now: this.now,
              onThrottled: () => throttled++,
            },
            job.ownerId ? { id: job.mailboxId, address: job.mailboxId, ownerId: job.ownerId } : job.mailboxId,
            { mode: job.undo ? 'undo' : 'sync', ...(job.restoreScheme ? { restoreScheme: true } : {}) },
          ).catch((error: unknown) => {
            ending = { error };
            throw error;
          });
          ending = { report };
          if (report.pagingStuck) {
            const deferred = await this.defer(message, { ...job, full: true }, 'paging-stuck', this.options.pagingStuckRetryMs ?? 900_000);
            log.warn({ pagingStuck: report.pagingStuck, notBefore: deferred.notBefore }, 'delta paging stuck; a full round is queued for later');
            outcome = deferred;
          } else if (report.failed === 0) {
            await this.options.queue.complete(message);
            outcome = { kind: 'done', message, report };
          } else {
            // Writes failed after their retries: the old deltaLink stays, and the job comes back after its
            // visibility timeout to replay from it.
            log.warn({ failed: report.failed }, 'mailbox round incomplete; the queue will retry it');
            outcome = { kind: 'incomplete', message, report };
          }
        } finally {
          this.inRound.delete(roundKey);
          clearInterval(renewal);
          const ended = ending;
          const stored = await leased
            .release(ended && ((state) => lastRoundRecord(state, ended, startedAt, this.now(), throttled)), recordDue)
            .catch((err: unknown) => {
              log.warn({ err: safeError(err) }, 'lease release failed');
              return true;
            });
          if (!stored) log.warn("another worker wrote this mailbox's state during the round; the round's own was not stored");
        }
      }
    } catch (error) {
      if (error instanceof MailboxThrottled) {
        // No sleeping through minutes of Retry-After with a slot held: the job waits in the queue instead.
        outcome = await this.defer(message, job, 'throttled', error.retryAfterMs).catch((err: unknown) => ({ kind: 'failed' as const, message, error: err }));
        log.info({ retryAfterMs: error.retryAfterMs }, 'Graph asked for a long wait; the mailbox goes back to the queue');
      } else if (error instanceof StoreError && error.code === 'throttled') {
        // Our own store is over its throughput: a busy period, not a bad job. Counting it as a delivery would
        // poison healthy mailboxes during a spike, so the job waits in the queue like a Graph throttle.
        const delayMs = Math.max(this.options.storeThrottledRetryMs ?? 60_000, error.retryAfterMs ?? 0);
        outcome = await this.defer(message, job, 'store-throttled', delayMs).catch((err: unknown) => ({ kind: 'failed' as const, message, error: err }));
        log.warn({ retryAfterMs: delayMs }, 'the store throttled this round past its retries; the mailbox goes back to the queue');
      } else if (isLeaseLost(error)) {
        // Another worker wrote this mailbox first (it claimed the lease while this round only read, or took it
        // after ours lapsed): as with a busy mailbox, the job comes back later as a fresh copy, not as a failure.
        outcome = await this.requeueBusy(message, job, busyRetryMs, true).catch((err: unknown) => ({ kind: 'failed' as const, message, error: err }));
        log.debug('another worker wrote this mailbox first; retrying later');
      } else if (this.options.tenantGate?.isStopped(job.tenantId)) {
        // The round's tokens failed for lack of consent: retrying would only fail again and poison the job.
        outcome = await this.dropForTenant(message, log).catch((err: unknown) => ({ kind: 'failed' as const, message, error: err }));
      } else {
        // Not completed: the visibility timeout brings the job back (poisoned after MAX_DEQUEUES deliveries).
        log.warn({ err: safeError(error) }, 'mailbox job failed; the queue will retry it');
        outcome = { kind: 'failed', message, error };
      }
    }
    return outcome;
  }

  /** A fresh copy, hidden for delayMs, then the delivered one completed, so waiting does not use up deliveries. */
  private async requeueBusy(message: QueueMessage, job: MailboxJob, delayMs: number, ranRound = false): Promise<JobEnding> {
    // A plain round that already waits (queued, not started) runs after the round in hand as well as this copy would.
    const waiting = this.options.queuedRounds;
    const claimed = waiting !== undefined && isPlainRound(job);
    if (!claimed || waiting.claim(job.tenantId, job.mailboxId)) {
      await this.options.queue.enqueue(job, delayMs).catch((error: unknown) => {
        if (claimed) waiting.unclaim(job.tenantId, job.mailboxId);
        throw error;
      });
    }
    await this.options.queue.complete(message);
    return { kind: 'busy', message, ...(ranRound ? { ranRound: true as const } : {}) };
  }

  private async dropForTenant(message: QueueMessage, log: Logger): Promise<JobEnding> {
    await this.options.queue.complete(message);
    log.info('tenant stopped for lack of consent; job dropped');
    return { kind: 'tenant-stopped', message };
  }

  /**
   * A fresh copy hidden for delayMs, then the delivered one completed: as with a busy mailbox, a deferral does not
   * count toward the poison limit (a crash in between leaves a duplicate, which a round tolerates).
   */
  private async defer(message: QueueMessage, job: MailboxJob, reason: DeferReason, delayMs: number): Promise<JobEnding & { kind: 'deferred' }> {
    await this.options.queue.enqueue(job, delayMs);
    await this.options.queue.complete(message);
    return { kind: 'deferred', message, reason, notBefore: new Date(this.now().getTime() + delayMs), requeued: job };
  }
}
