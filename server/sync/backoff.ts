/** How long to wait before retrying a throttled or failed Graph request. */
export interface BackoffPolicy {
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** 0..1 source for jitter; injectable so tests and benchmarks are repeatable. */
  random: () => number;
}

export const defaultBackoff: BackoffPolicy = { maxAttempts: 8, baseDelayMs: 500, maxDelayMs: 60_000, random: Math.random };

/** Retry-After (seconds or an HTTP date) → ms; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null | undefined, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/**
 * Graph's Retry-After when given (plus up to 20% jitter so many mailboxes do not retry in lockstep);
 * otherwise exponential backoff with full jitter.
 */
export function retryDelayMs(attempt: number, retryAfterMs: number | undefined, policy: BackoffPolicy): number {
  if (retryAfterMs !== undefined) return Math.min(policy.maxDelayMs, retryAfterMs * (1 + 0.2 * policy.random()));
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt);
  return Math.max(1, Math.round(ceiling * policy.random()));
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
