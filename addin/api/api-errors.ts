/**
 * Typed failures of the Rules API. The UI switches on `kind`: a 412 offers a reload, 401 asks to sign in
 * again, `unreachable` says the service cannot be reached — never a raw status or message.
 */
export type ApiErrorKind =
  | 'validation' // 400
  | 'unauthorized' // 401
  | 'forbidden' // 403
  | 'not_found' // 404
  | 'conflict' // 409: id taken, a limit reached, the rule set changed
  | 'precondition_failed' // 412: the rule changed elsewhere since it was read
  | 'payload_too_large' // 413
  | 'unsupported_media_type' // 415
  | 'precondition_required' // 428: If-Match missing (a client bug)
  | 'rate_limited' // 429
  | 'server' // 5xx
  | 'unreachable' // no response at all
  | 'bad_response'; // a 2xx the client cannot read

export interface ApiErrorDetail {
  path: string;
  message: string;
  code?: string;
}

const KIND_BY_STATUS: Record<number, ApiErrorKind> = {
  400: 'validation',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  409: 'conflict',
  412: 'precondition_failed',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  428: 'precondition_required',
  429: 'rate_limited',
};

export function kindForStatus(status: number): ApiErrorKind {
  return KIND_BY_STATUS[status] ?? (status >= 500 ? 'server' : 'validation');
}

export class CalSyncApiError extends Error {
  constructor(
    readonly kind: ApiErrorKind,
    message: string,
    readonly status: number | null,
    /** The API's stable problem code, e.g. `limit_exceeded`. */
    readonly code: string | null = null,
    readonly details: ApiErrorDetail[] = [],
    /** From Retry-After on a 429. */
    readonly retryAfterSeconds: number | null = null,
  ) {
    super(message);
    this.name = 'CalSyncApiError';
  }
}

export function isApiError(e: unknown, kind?: ApiErrorKind): e is CalSyncApiError {
  return e instanceof CalSyncApiError && (kind === undefined || e.kind === kind);
}

/** What a person should read for each kind; the API's own message is kept for validation details. */
export function describeApiError(e: CalSyncApiError): string {
  switch (e.kind) {
    case 'unreachable': return 'The CalSync service cannot be reached. Check your connection and try again.';
    case 'unauthorized': return 'Your sign-in has expired. Sign in again to continue.';
    case 'forbidden': return 'You do not have permission to do that. Organisation rules can only be changed by an admin.';
    case 'not_found': return 'That rule no longer exists. It may have been deleted elsewhere.';
    case 'precondition_failed': return 'This rule was changed elsewhere since you opened it. Reload to see the latest version.';
    case 'payload_too_large': return 'That is too large to send. Make the rule or the file smaller.';
    case 'rate_limited': return `Too many requests. Try again${e.retryAfterSeconds ? ` in ${e.retryAfterSeconds} seconds` : ' shortly'}.`;
    case 'server': return 'The CalSync service had a problem. Try again.';
    case 'bad_response': return 'The CalSync service sent a response we could not read.';
    default: return e.message;
  }
}
