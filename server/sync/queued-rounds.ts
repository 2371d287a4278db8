/**
 * Mailboxes whose plain round (no full read, no undo, no scheme restore) this process has queued and no worker has
 * started yet. A change notification for such a mailbox needs no round of its own: the waiting round reads delta
 * when it starts, which covers every change made before then. A notification that arrives once the round has
 * started (it may have read delta already) queues a round again; while that round runs, the new job comes back
 * as busy and runs after it (mailbox-worker.ts), so no change is missed.
 *
 * Only sound when this process's workers are the queue's only consumers (the in-process queue): a job started by
 * another process would never be marked started here, and notifications would ride on a round that already ran.
 * Marks lapse after `ttlMs` (default 10 minutes, the workers' visibility timeout) all the same: a mark left behind
 * by a job that went missing then costs a duplicate round, never a missed change.
 */
export interface QueuedRoundsOptions {
  /** Mailboxes remembered at once (default 100,000). */
  maxEntries?: number;
  /** How long a mark lasts without its round starting (default 10 minutes). */
  ttlMs?: number;
}

const key = (tenantId: string, mailboxId: string): string => `${tenantId}\n${mailboxId.toLowerCase()}`;

export class QueuedRounds {
  /**
   * Mailbox → when its mark lapses (performance.now()), oldest first. A Map, not an LRUCache: the cache's delete of
   * its last entry clears arrays sized `max`, and here nearly every delete is of the last entry (cost seen in bench:day).
   */
  private readonly waiting = new Map<string, number>();
  private readonly max: number;
  private readonly ttlMs: number;

  constructor(options: QueuedRoundsOptions = {}) {
    this.max = options.maxEntries ?? 100_000;
    this.ttlMs = options.ttlMs ?? 600_000;
  }

  /** Marks the mailbox's round as queued: true when the caller should queue it, false when one already waits. */
  claim(tenantId: string, mailboxId: string): boolean {
    const k = key(tenantId, mailboxId);
    const now = performance.now();
    const until = this.waiting.get(k);
    if (until !== undefined && until > now) return false;
    this.waiting.delete(k);
    // Oldest first: forget the oldest marks past the bound (each then costs a duplicate round at most).
    for (const old of this.waiting.keys()) {
      if (this.waiting.size < this.max) break;
      this.waiting.delete(old);
    }
    this.waiting.set(k, now + this.ttlMs);
    return true;
  }

  /** The queue did not take the round the caller claimed: the next notification queues one. */
  unclaim(tenantId: string, mailboxId: string): void {
    this.waiting.delete(key(tenantId, mailboxId));
  }

  /** A worker took a job for the mailbox: later notifications need a round of their own. */
  started(tenantId: string, mailboxId: string): void {
    this.waiting.delete(key(tenantId, mailboxId));
  }
}

/** Whether a job is a plain round, which any other plain round of its mailbox stands in for. */
export const isPlainRound = (job: { full?: boolean; undo?: boolean; restoreScheme?: boolean }): boolean => !job.full && !job.undo && !job.restoreScheme;
