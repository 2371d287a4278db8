/**
 * Turns one callback-style Office.js call into a promise. Nothing is thrown inside the callback: a failed
 * AsyncResult, a synchronous throw from the host, and a missing API all become typed rejections.
 */
import { ConcurrencyGate } from '../../shared/concurrency-gate';
import { OfficeAdapterError, officeErrorCodeFor } from './office-errors';

/**
 * Outlook on the web, on mobile and new Outlook allow 3 simultaneous async calls (subject, location, time and
 * recipients getAsync, roamingSettings.saveAsync, ...) and refuse a 4th with 5100 "Wait until the previous call
 * completes". https://learn.microsoft.com/office/dev/add-ins/outlook/limits-for-activation-and-javascript-api-for-outlook-add-ins
 * Every call here waits its turn, on every client: one rule is simpler than a list of calls per client, and the
 * cost is a few callback round trips.
 */
export const OFFICE_CALLS_AT_ONCE = 3;
const officeCalls = new ConcurrencyGate(OFFICE_CALLS_AT_ONCE);

interface AsyncResultLike<T> {
  status: unknown;
  value: T;
  error?: { code?: number | string; name?: string; message?: string } | null;
}

export function officeCall<T>(operation: string, invoke: (callback: (result: AsyncResultLike<T>) => void) => void): Promise<T> {
  return officeCalls.run(1, () => settle(operation, invoke));
}

function settle<T>(operation: string, invoke: (callback: (result: AsyncResultLike<T>) => void) => void): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    try {
      invoke((result) => {
        if (String(result?.status) === 'failed') {
          const error = result.error;
          reject(new OfficeAdapterError(officeErrorCodeFor(error), error?.message || `${operation} failed`, operation, error?.code ?? error?.name));
          return;
        }
        resolve(result?.value as T);
      });
    } catch (err) {
      reject(new OfficeAdapterError('call_failed', (err as Error)?.message || `${operation} threw`, operation));
    }
  });
}

/** An `x.getAsync` that may be missing on older hosts: undefined instead of an error. */
export function optionalGet<T>(operation: string, target: { getAsync?: unknown } | undefined | null, ...args: unknown[]): Promise<T | undefined> {
  const getAsync = target?.getAsync;
  if (typeof getAsync !== 'function') return Promise.resolve(undefined);
  return officeCall<T>(operation, (cb) => (getAsync as (...a: unknown[]) => void).call(target, ...args, cb));
}

export function unsupported(operation: string, what: string): OfficeAdapterError {
  return new OfficeAdapterError('api_unsupported', `This version of Outlook cannot ${what}.`, operation);
}
