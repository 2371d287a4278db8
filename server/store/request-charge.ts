/**
 * Request units spent by the store on behalf of one unit of work (an API request, a mailbox job). The caller opens
 * a tally around the work; the Cosmos client adds each response's `x-ms-request-charge` to the tally of the work it
 * runs for (AsyncLocalStorage follows the awaits). SQLite charges nothing, so its tallies stay at 0.
 */
import { AsyncLocalStorage } from 'node:async_hooks';

export interface ChargeTally {
  /** Request units, summed over every Cosmos request (retries included). */
  requestCharge: number;
  /** Cosmos requests sent. */
  requests: number;
}

const current = new AsyncLocalStorage<ChargeTally>();

export function newChargeTally(): ChargeTally {
  return { requestCharge: 0, requests: 0 };
}

/** Runs fn with `tally` as the one store charges are added to (for everything fn starts, awaited or not). */
export function runWithChargeTally<T>(tally: ChargeTally, fn: () => T): T {
  return current.run(tally, fn);
}

/** Adds one store request's charge to the tally of the work in progress (nothing outside a tally). */
export function recordRequestCharge(requestCharge: number): void {
  const tally = current.getStore();
  if (!tally) return;
  tally.requests++;
  // Rounded to 2 decimals so sums of fractional charges (e.g. 2.86) read cleanly in logs.
  tally.requestCharge = Math.round((tally.requestCharge + requestCharge) * 100) / 100;
}
