import type { NextFunction, Request, Response } from 'express';
import type { Logger } from 'pino';
import { RuleValidationError } from '../../shared';
import { DomainError, preconditionFailed } from '../domain/errors';
import { StoreError } from '../store/types';
import { answeredAtDeadline, deadlineExceeded } from './deadline';
import { ApiError, ERROR_STATUS, fromDomainError, type Problem } from './errors';

/** Turns anything thrown into an ApiError; unknown errors become undefined (a bug → 500). */
export function toApiError(err: unknown): ApiError | undefined {
  if (err instanceof ApiError) return err;
  if (err instanceof DomainError) return fromDomainError(err);
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
        return fromDomainError(preconditionFailed());
      case 'not_found':
        return new ApiError('not_found', 'not found');
      case 'conflict':
        return new ApiError('conflict', err.message);
      case 'invalid_continuation':
        return new ApiError('validation_failed', 'invalid continuation token', [{ path: 'continuationToken', message: 'not a token this API issued' }]);
      case 'unavailable':
        return new ApiError('unavailable', 'the store is unavailable; try again shortly', [], { 'Retry-After': '5' });
      case 'throttled':
        return new ApiError('unavailable', 'the store is busy; try again shortly', [], {
          'Retry-After': String(Math.max(1, Math.ceil((err.retryAfterMs ?? 5_000) / 1000))),
        });
      case 'too_large':
        return new ApiError('item_too_large', 'what this request would store is larger than the store takes in one item (2 MB)');
      case 'timed_out':
        return deadlineExceeded();
    }
  }
  return bodyReadError(err);
}

const TOO_LARGE = () => new ApiError('payload_too_large', 'the body is larger than 256 KB', [{ path: '', message: 'at most 262144 bytes' }]);

/**
 * body-parser / raw-body refusals: the client sent a body we cannot read. Known `type`s get their own detail;
 * any other error they mark as the client's (exposed, 4xx) still maps by status, never to a 500.
 */
function bodyReadError(err: unknown): ApiError | undefined {
  if (!err || typeof err !== 'object') return undefined;
  const e = err as { type?: unknown; status?: unknown; statusCode?: unknown; expose?: unknown; errno?: unknown };
  const status = typeof e.status === 'number' ? e.status : typeof e.statusCode === 'number' ? e.statusCode : undefined;
  if (status === undefined || status < 400 || status > 499 || e.expose !== true) return undefined;
  switch (e.type) {
    case 'entity.too.large':
      return TOO_LARGE();
    case 'entity.parse.failed':
      return new ApiError('invalid_json', 'the body is not valid JSON', [{ path: '', message: 'invalid JSON' }]);
    case 'encoding.unsupported':
      return new ApiError('unsupported_media_type', 'send the body uncompressed or as gzip, deflate or br', [
        { path: 'Content-Encoding', message: 'unsupported content encoding', code: 'encoding_unsupported' },
      ]);
    case 'charset.unsupported':
      return new ApiError('unsupported_media_type', 'send UTF-8 JSON', [{ path: 'Content-Type', message: 'unsupported charset', code: 'charset_unsupported' }]);
    case 'request.size.invalid':
      return new ApiError('invalid_body', 'the body is not as long as Content-Length says', [
        { path: 'Content-Length', message: 'does not match the body', code: 'length_mismatch' },
      ]);
    case 'request.aborted':
      return new ApiError('invalid_body', 'the request was aborted before its body arrived', [
        { path: '', message: 'incomplete body', code: 'request_aborted' },
      ]);
  }
  // zlib / brotli refusing the bytes (body-parser passes their error on with status 400 and no type).
  if (e.type === undefined && typeof e.errno === 'number') {
    return new ApiError('invalid_body', 'the body cannot be decoded as its Content-Encoding says', [
      { path: 'Content-Encoding', message: 'the body is not valid for this encoding', code: 'encoding_invalid' },
    ]);
  }
  if (status === 413) return TOO_LARGE();
  if (status === 415) return new ApiError('unsupported_media_type', 'send UTF-8 JSON', [{ path: 'Content-Type', message: 'unsupported body' }]);
  return new ApiError('invalid_body', 'the body cannot be read', [{ path: '', message: 'unreadable body' }]);
}

/** The one error middleware: problem details, stable codes, no stack traces in bodies. */
export function errorMiddleware(logger: Logger) {
  return (err: unknown, req: Request, res: Response, _next: NextFunction): void => {
    void _next;
    // The deadline answered already; what the work raised after that (its store call refused, a late write of
    // the response) has no one to go to.
    if (answeredAtDeadline(res)) {
      (req.log ?? logger).debug({ err }, 'failed after the deadline answer');
      return;
    }
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
