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

/** What a request was about, so a failure can be worded for it (a 412 on settings is not a rule conflict). */
export type ApiResource = 'rule' | 'rules' | 'versions' | 'settings' | 'audit' | 'import' | 'export' | 'preview' | 'me' | 'calendar' | 'sync' | 'directory';

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
    /** From Retry-After (a 429, or a 503 when the service is shedding load). */
    readonly retryAfterSeconds: number | null = null,
    readonly resource: ApiResource | null = null,
  ) {
    super(message);
    this.name = 'CalSyncApiError';
  }
}

export function isApiError(e: unknown, kind?: ApiErrorKind): e is CalSyncApiError {
  return e instanceof CalSyncApiError && (kind === undefined || e.kind === kind);
}

/** The API refuses every org-rule change while an admin has locked them in settings (409). */
export function isOrgRulesLocked(e: unknown): boolean {
  return isApiError(e, 'conflict') && e.code === 'org_rules_locked';
}

/** Failures a second attempt can fix: the network, the service, a rate limit, an expired sign-in. */
export function isRetryableApiError(e: CalSyncApiError): boolean {
  return e.kind === 'unreachable' || e.kind === 'server' || e.kind === 'rate_limited' || e.kind === 'bad_response' || e.kind === 'unauthorized';
}

/**
 * Seconds to wait before sending the request again on its own, when the service shed it: 503 `overloaded` with
 * Retry-After means nothing was done (docs/API.md), so a repeat is safe whatever the request. Null otherwise (a
 * 503 `deadline_exceeded` write may have been made: a person decides).
 */
export function shedRetryAfter(e: unknown): number | null {
  return isApiError(e, 'server') && e.status === 503 && e.code === 'overloaded' ? e.retryAfterSeconds : null;
}

/** What a person should read for each kind, worded for what was asked; the API's own message is kept for validation details. */
export function describeApiError(e: CalSyncApiError): string {
  switch (e.kind) {
    case 'unreachable':
      return e.resource === 'calendar'
        ? 'Your calendar cannot be read: Microsoft Graph cannot be reached. Check your connection and try again.'
        : 'The CalSync service cannot be reached. Check your connection and try again.';
    case 'unauthorized':
      return 'Your sign-in has expired. Sign in again to continue.';
    case 'forbidden':
      return e.resource === 'settings' || e.resource === 'audit'
        ? 'You do not have permission to do that. Only CalSync admins can manage the organisation settings.'
        : 'You do not have permission to do that. Organisation rules can only be changed by an admin.';
    case 'not_found':
      return e.resource === 'rule' ? 'That rule no longer exists. It may have been deleted elsewhere.' : 'CalSync could not find that. Reload and try again.';
    case 'precondition_failed':
      return e.resource === 'settings'
        ? 'The organisation settings were changed elsewhere since you opened them. Reload to see the latest settings, then make your change again.'
        : 'This rule was changed elsewhere since you opened it. Reload to see the latest version.';
    case 'conflict':
      return e.code === 'org_rules_locked' ? 'Organisation rules are locked, so they cannot be changed. An admin can unlock them in the Admin tab.' : e.message;
    case 'payload_too_large':
      return 'That is too large to send. Make the rule or the file smaller.';
    case 'rate_limited':
      return `Too many requests. Try again${e.retryAfterSeconds ? ` in ${e.retryAfterSeconds} seconds` : ' shortly'}.`;
    case 'server':
      if (e.resource === 'calendar') return 'Microsoft Graph had a problem reading your calendar. Try again.';
      return e.status === 503 && e.retryAfterSeconds !== null ? 'The CalSync service is busy right now.' : 'The CalSync service had a problem. Try again.';
    case 'bad_response':
      return 'The CalSync service sent a response we could not read.';
    default:
      return e.message;
  }
}
