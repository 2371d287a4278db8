/** How long to wait before retrying a throttled or failed Graph request. */
export interface BackoffPolicy {
  maxAttempts: number;
  baseDelayMs: number;
  /** Ceiling of the exponential backoff used when Graph sends no Retry-After. */
  maxDelayMs: number;
  /**
   * The longest Retry-After worth holding a worker slot for (default 30 s): a longer one gives the mailbox back
   * to the queue with a not-before time instead of sleeping (MailboxThrottled).
   */
  maxHoldMs?: number;
  /** 0..1 source for jitter; injectable so tests and benchmarks are repeatable. */
  random: () => number;
}

export const DEFAULT_MAX_HOLD_MS = 30_000;

export const defaultBackoff: BackoffPolicy = { maxAttempts: 8, baseDelayMs: 500, maxDelayMs: 60_000, maxHoldMs: DEFAULT_MAX_HOLD_MS, random: Math.random };

/**
 * Graph asked for a wait longer than a worker slot should be held (Retry-After of minutes, which Graph does send:
 * https://learn.microsoft.com/en-us/answers/questions/648796/retry-after-header-upper-limit-or-range shows 315 s).
 * The round stops; the worker puts the mailbox back on the queue, hidden until `notBefore`.
 */
export class MailboxThrottled extends Error {
  constructor(
    readonly retryAfterMs: number,
    readonly notBefore: Date,
  ) {
    super(`Graph asked to wait ${Math.round(retryAfterMs / 1000)} s; the mailbox goes back to the queue`);
    this.name = 'MailboxThrottled';
  }
}

/** Retry-After (seconds or an HTTP date) → ms; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null | undefined, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/**
 * Graph's Retry-After when given, honoured in full (plus up to 20% jitter on top so many mailboxes do not retry
 * in lockstep); otherwise exponential backoff with full jitter, as the throttling guidance asks when no
 * Retry-After comes (https://learn.microsoft.com/graph/throttling#best-practices-to-handle-throttling).
 */
export function retryDelayMs(attempt: number, retryAfterMs: number | undefined, policy: BackoffPolicy): number {
  if (retryAfterMs !== undefined) return Math.round(retryAfterMs * (1 + 0.2 * policy.random()));
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt);
  return Math.max(1, Math.round(ceiling * policy.random()));
}

/** Throws MailboxThrottled when Graph's Retry-After is longer than the policy lets a worker slot wait. */
export function assertWorthHolding(retryAfterMs: number | undefined, policy: BackoffPolicy, now = Date.now()): void {
  if (retryAfterMs === undefined || retryAfterMs <= (policy.maxHoldMs ?? DEFAULT_MAX_HOLD_MS)) return;
  throw new MailboxThrottled(retryAfterMs, new Date(now + retryAfterMs));
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
