/**
 * Turns one callback-style Office.js call into a promise. Nothing is thrown inside the callback: a failed
 * AsyncResult, a synchronous throw from the host, and a missing API all become typed rejections.
 */
import { OfficeAdapterError } from './office-errors';

interface AsyncResultLike<T> {
  status: unknown;
  value: T;
  error?: { code?: number | string; name?: string; message?: string } | null;
}

/** Office error 9041 / "PermissionDenied": the manifest's permission is too low for the call. */
function isPermissionError(error: AsyncResultLike<unknown>['error']): boolean {
  return error?.code === 9041 || error?.name === 'PermissionDenied';
}

/** Office error 5000, "The operation is not supported.": this client refuses the call here (office-js 4150, 4588, 4909). */
function isNotSupportedError(error: AsyncResultLike<unknown>['error']): boolean {
  return error?.code === 5000;
}

export function officeCall<T>(operation: string, invoke: (callback: (result: AsyncResultLike<T>) => void) => void): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    try {
      invoke((result) => {
        if (String(result?.status) === 'failed') {
          const error = result.error;
          const code = isPermissionError(error) ? 'permission_denied' : isNotSupportedError(error) ? 'operation_refused' : 'call_failed';
          reject(new OfficeAdapterError(code, error?.message || `${operation} failed`, operation, error?.code ?? error?.name));
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
