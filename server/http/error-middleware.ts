import type { NextFunction, Request, Response } from 'express';
import type { Logger } from 'pino';
import { RuleValidationError } from '../../shared';
import { StoreError } from '../store/types';
import { ApiError, ERROR_STATUS, preconditionFailed, type Problem } from './errors';

/** Turns anything thrown into an ApiError; unknown errors become undefined (a bug → 500). */
export function toApiError(err: unknown): ApiError | undefined {
  if (err instanceof ApiError) return err;
  if (err instanceof RuleValidationError) {
    return new ApiError(
      'validation_failed',
      err.message,
      err.issues.map((i) => ({ path: i.path, message: i.message, code: i.code })),
    );
  }
  if (err instanceof StoreError) {
    switch (err.code) {
      case 'etag_mismatch':
        return preconditionFailed();
      case 'not_found':
        return new ApiError('not_found', 'not found');
      case 'conflict':
        return new ApiError('conflict', err.message);
      case 'invalid_continuation':
        return new ApiError('validation_failed', 'invalid continuation token', [{ path: 'continuationToken', message: 'not a token this API issued' }]);
      case 'unavailable':
        return new ApiError('unavailable', 'the store is unavailable; try again shortly', [], { 'Retry-After': '5' });
    }
  }
  // body-parser errors carry a `type`.
  const type = (err as { type?: unknown })?.type;
  if (type === 'entity.too.large') {
    return new ApiError('payload_too_large', 'the body is larger than 256 KB', [{ path: '', message: 'at most 262144 bytes' }]);
  }
  if (type === 'entity.parse.failed') return new ApiError('invalid_json', 'the body is not valid JSON', [{ path: '', message: 'invalid JSON' }]);
  if (type === 'encoding.unsupported' || type === 'charset.unsupported') {
    return new ApiError('unsupported_media_type', 'send UTF-8 JSON', [{ path: 'Content-Type', message: 'unsupported charset or encoding' }]);
  }
  return undefined;
}

/** The one error middleware: problem details, stable codes, no stack traces in bodies. */
export function errorMiddleware(logger: Logger) {
  return (err: unknown, req: Request, res: Response, _next: NextFunction): void => {
    void _next;
    const api = toApiError(err);
    const requestId = String(res.getHeader('X-Request-Id') ?? '');
    let status: number;
    let problem: Problem;
    if (api) {
      status = api.status;
      problem = { code: api.code, message: api.message, details: api.details };
      for (const [k, v] of Object.entries(api.headers)) res.setHeader(k, v);
      // Outages are ours to see even when per-request logging is off.
      if (status >= 500) (req.log ?? logger).error({ err, requestId, code: api.code }, api.message);
    } else {
      status = ERROR_STATUS.internal;
      problem = { code: 'internal', message: `unexpected error; quote request id ${requestId}`, details: [] };
      (req.log ?? logger).error({ err, requestId }, 'unhandled error');
    }
    if (res.headersSent) {
      res.end();
      return;
    }
    res.status(status).json(problem);
  };
}

export function notFoundRoute(_req: Request, _res: Response): void {
  throw new ApiError('not_found', 'no such endpoint');
}
