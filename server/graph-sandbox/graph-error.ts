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
  error: { code: string; message: string; innerError: { date: string; 'request-id': string; 'client-request-id': string } };
}

export function graphErrorBody(code: string, message: string, requestId: string, clientRequestId: string, now: Date): GraphErrorBody {
  return {
    error: {
      code,
      message,
      innerError: { date: now.toISOString().replace(/\.\d{3}Z$/, ''), 'request-id': requestId, 'client-request-id': clientRequestId },
    },
  };
}

export function newRequestId(): string {
  return randomUUID();
}

export const notFound = (what = 'The specified object was not found in the store.'): GraphError =>
  new GraphError(404, 'ErrorItemNotFound', what);
export const badRequest = (message: string, code = 'BadRequest'): GraphError => new GraphError(400, code, message);
