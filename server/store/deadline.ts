/**
 * The deadline of the unit of work in progress (an API request), beside its charge tally (request-charge.ts): the
 * caller opens it around the work and every store call made for that work, awaited or not, sees it through
 * AsyncLocalStorage, so repositories need no extra parameter. Work opened without one (the sync's rounds) has none.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { StoreError } from './types';

export interface WorkDeadline {
  /** Epoch ms after which the work's answer is no longer wanted. */
  readonly at: number;
  /** Aborted when the deadline passes (store calls in flight stop waiting then). */
  readonly signal: AbortSignal;
}

const current = new AsyncLocalStorage<WorkDeadline>();

export function runWithDeadline<T>(deadline: WorkDeadline, fn: () => T): T {
  return current.run(deadline, fn);
}

/** Runs fn outside any deadline: background work a request starts (post-write hooks) outlives the request's. */
export function runWithoutDeadline<T>(fn: () => T): T {
  return current.exit(fn);
}

export function currentDeadline(): WorkDeadline | undefined {
  return current.getStore();
}

/** Milliseconds the work in progress has left; Infinity without a deadline. */
export function remainingMs(now: number = Date.now()): number {
  const d = current.getStore();
  return d ? d.at - now : Infinity;
}

export function deadlineError(): StoreError {
  return new StoreError('timed_out', 'the store did not answer within the request deadline');
}

export function pastDeadline(d: WorkDeadline, now: number = Date.now()): boolean {
  return d.signal.aborted || d.at <= now;
}
