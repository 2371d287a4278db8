/**
 * Every refusal the API makes is rendered from a stable code: services raise DomainErrors (server/domain/errors.ts),
 * the HTTP layer (auth, body parsing, rate limits) raises ApiErrors, which may also carry response headers. The
 * error middleware maps both to statuses and renders problem details `{code, message, details:[{path, message}]}`.
 */
import type { DomainError, DomainErrorCode, ErrorDetail } from '../domain/errors';

// The helpers build DomainErrors; routes throw them like services do, and the middleware maps them alike.
export { badRequest, forbidden, notFound, preconditionFailed, preconditionRequired } from '../domain/errors';

export type ProblemDetail = ErrorDetail;

export interface Problem {
  code: string;
  message: string;
  details: ProblemDetail[];
}

/** Codes only the HTTP layer raises: the request itself could not be taken in, or we failed. */
type HttpErrorCode =
  | 'invalid_json'
  | 'invalid_body'
  | 'unauthorized'
  | 'payload_too_large'
  | 'unsupported_media_type'
  | 'rate_limited'
  | 'internal'
  /** Refused on arrival, nothing done: too much work in progress (http/admission.ts). Safe to send again. */
  | 'overloaded'
  /** Not answered within the request deadline (http/deadline.ts); a write may or may not have been made. */
  | 'deadline_exceeded';

/** Code → HTTP status. Clients switch on `code`; the status follows from it. Every domain code has one. */
export const ERROR_STATUS = {
  validation_failed: 400,
  invalid_json: 400,
  invalid_body: 400,
  unauthorized: 401,
  forbidden: 403,
  tenant_not_onboarded: 403,
  tenant_suspended: 403,
  not_found: 404,
  conflict: 409,
  limit_exceeded: 409,
  rule_set_changed: 409,
  org_rules_locked: 409,
  seats_exceeded: 409,
  precondition_failed: 412,
  payload_too_large: 413,
  preview_too_costly: 413,
  item_too_large: 413,
  unsupported_media_type: 415,
  precondition_required: 428,
  rate_limited: 429,
  internal: 500,
  unavailable: 503,
  overloaded: 503,
  deadline_exceeded: 503,
} as const satisfies Record<DomainErrorCode | HttpErrorCode, number>;

export type ErrorCode = keyof typeof ERROR_STATUS;

export class ApiError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: ProblemDetail[] = [],
    /** Extra response headers, e.g. Retry-After or WWW-Authenticate. */
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'ApiError';
    this.status = ERROR_STATUS[code];
  }
}

/** The HTTP form of a domain refusal: same code, message and details; the status follows from the code. */
export function fromDomainError(err: DomainError): ApiError {
  const headers: Record<string, string> = err.retryAfterSeconds === undefined ? {} : { 'Retry-After': String(err.retryAfterSeconds) };
  return new ApiError(err.code, err.message, err.details, headers);
}
