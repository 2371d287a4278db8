import { randomUUID } from 'node:crypto';

/** An error that renders as Graph's `{ error: { code, message, innerError } }` body. */
export class GraphError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

export interface GraphErrorBody {
  error: {
    code: string;
    message: string;
    innerError: { code?: string; date: string; message?: string; 'request-id': string; 'client-request-id': string; status?: string };
  };
}

export function graphErrorBody(code: string, message: string, requestId: string, clientRequestId: string, now: Date, status?: number): GraphErrorBody {
  const date = now.toISOString().replace(/\.\d{3}Z$/, '');
  const ids = { 'request-id': requestId, 'client-request-id': clientRequestId };
  // A throttled answer also names its status inside innerError (the sample of the throttling doc).
  const innerError = status === 429 ? { code: '429', date, message: 'Please retry after', ...ids, status: '429' } : { date, ...ids };
  return { error: { code, message, innerError } };
}

export function newRequestId(): string {
  return randomUUID();
}

export const notFound = (what = 'The specified object was not found in the store.'): GraphError => new GraphError(404, 'ErrorItemNotFound', what);
export const badRequest = (message: string, code = 'BadRequest'): GraphError => new GraphError(400, code, message);
