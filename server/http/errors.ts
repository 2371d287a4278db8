/**
 * Every refusal the API makes is an ApiError with a stable code; the error middleware maps codes to
 * statuses and renders problem details `{code, message, details:[{path, message}]}`.
 */

export interface ProblemDetail {
  path: string;
  message: string;
  /** A stable sub-code (e.g. the rule engine's issue code) when there is one. */
  code?: string;
}

export interface Problem {
  code: string;
  message: string;
  details: ProblemDetail[];
}

/** Code → HTTP status. Clients switch on `code`; the status follows from it. */
export const ERROR_STATUS = {
  validation_failed: 400,
  invalid_json: 400,
  invalid_body: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  limit_exceeded: 409,
  rule_set_changed: 409,
  org_rules_locked: 409,
  precondition_failed: 412,
  payload_too_large: 413,
  preview_too_costly: 413,
  unsupported_media_type: 415,
  precondition_required: 428,
  rate_limited: 429,
  internal: 500,
  unavailable: 503,
} as const;

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

export const badRequest = (message: string, details: ProblemDetail[] = []) => new ApiError('validation_failed', message, details);
export const notFound = (what = 'rule') => new ApiError('not_found', `${what} not found`);
export const forbidden = (message: string) => new ApiError('forbidden', message);
export const preconditionFailed = () =>
  new ApiError('precondition_failed', 'the resource changed since you read it; reload it and apply your change again', [
    { path: 'If-Match', message: 'does not match the current ETag' },
  ]);
export const preconditionRequired = () =>
  new ApiError('precondition_required', 'send If-Match with the ETag you read', [{ path: 'If-Match', message: 'required' }]);
