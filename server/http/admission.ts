/**
 * Load shedding: a request that arrives while the process already has `maxInFlight` requests in progress, or while
 * its event loop is running late, is refused at once with 503 overloaded and Retry-After, before any work (auth,
 * body, store). Answering a few quickly keeps the rest fast; queueing them all makes every one slow and the
 * clients time out. Written here rather than taken from a library: none is installed, and the rule is two
 * comparisons over Node's own event-loop histogram (perf_hooks.monitorEventLoopDelay).
 */
import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';
import type { RequestHandler } from 'express';
import { ApiError } from './errors';
import { OVERLOAD_RETRY_AFTER_SECONDS } from './deadline';

export interface AdmissionOptions {
  maxInFlight: number;
  maxEventLoopDelayMs: number;
  /** The process's recent event-loop delay in ms (default: processEventLoopDelayMs). */
  eventLoopDelayMs?: () => number;
}

/** How often the delay figure is renewed: long enough for a stable p99, short enough to stop shedding soon. */
const WINDOW_MS = 1000;
let histogram: IntervalHistogram | undefined;
let lastWindowP99Ms = 0;

/**
 * p99 event-loop delay over the last complete second, in ms. One monitor per process (the loop is the process's),
 * started on first use; its timers are unref'd so they never keep a process alive.
 */
export function processEventLoopDelayMs(): number {
  if (!histogram) {
    const h = monitorEventLoopDelay({ resolution: 10 });
    h.enable();
    histogram = h;
    setInterval(() => {
      lastWindowP99Ms = h.percentile(99) / 1e6;
      h.reset();
    }, WINDOW_MS).unref();
  }
  return lastWindowP99Ms;
}

export function admission(options: AdmissionOptions): RequestHandler {
  const limitMs = options.maxEventLoopDelayMs;
  // 0 = no event-loop rule, and no monitor started for it.
  const delayMs = limitMs > 0 ? (options.eventLoopDelayMs ?? processEventLoopDelayMs) : () => 0;
  let inFlight = 0;
  return (_req, res, next) => {
    const busy =
      inFlight >= options.maxInFlight ? 'too many requests in progress' : limitMs > 0 && delayMs() > limitMs ? 'the service is running behind' : undefined;
    if (busy) {
      throw new ApiError('overloaded', `${busy}; nothing was done, send it again in ${OVERLOAD_RETRY_AFTER_SECONDS} s`, [], {
        'Retry-After': String(OVERLOAD_RETRY_AFTER_SECONDS),
      });
    }
    inFlight++;
    res.once('close', () => inFlight--);
    next();
  };
}
