/**
 * One store-charge tally per API request (server/store/request-charge.ts), opened before anything else runs so
 * every store call of the request adds to it, and put on the request's log line as `storeCharge`
 * ({requestCharge, requests}).
 */
import type { RequestHandler, Response } from 'express';
import { newChargeTally, runWithChargeTally, type ChargeTally } from '../store/request-charge';

export function storeChargeOf(res: Response): ChargeTally | undefined {
  return (res.locals as { storeCharge?: ChargeTally }).storeCharge;
}

/** Runs the rest of the request inside a new tally. */
export function storeChargeTally(): RequestHandler {
  return (_req, res, next) => {
    const tally = newChargeTally();
    (res.locals as { storeCharge?: ChargeTally }).storeCharge = tally;
    runWithChargeTally(tally, next);
  };
}
