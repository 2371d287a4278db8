/**
 * The refusals services, stores and the sync raise: a DomainError with a stable code and, where it helps, the
 * fields at fault. They know nothing of HTTP; server/http/errors.ts maps each code to a status and the one error
 * middleware renders the problem body, so an API answer is the same whichever layer refused.
 */

/** A field at fault: `path` into the request (dotted, '' for the whole body) and what is wrong with it. */
export interface ErrorDetail {
  path: string;
  message: string;
  /** A stable sub-code (e.g. the rule engine's issue code) when there is one. */
  code?: string;
}

/** The codes a domain refusal may carry; clients switch on them, so they never change meaning. */
export type DomainErrorCode =
  | 'validation_failed'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'limit_exceeded'
  | 'rule_set_changed'
  | 'org_rules_locked'
  | 'precondition_failed'
  | 'precondition_required'
  | 'preview_too_costly'
  /** What was to be stored is larger than the store takes in one item (Cosmos DB: 2 MB). */
  | 'item_too_large'
  /** A part of the service this process does not run (or cannot reach) now; try again later. */
  | 'unavailable'
  /** The caller's organisation is not a customer (no record, invited, consent revoked or offboarded): sign up at /onboard. */
  | 'tenant_not_onboarded'
  /** An operator suspended the caller's organisation. */
  | 'tenant_suspended'
  /** The change would enrol more mailboxes than the organisation bought seats for. */
  | 'seats_exceeded';

export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    readonly details: ErrorDetail[] = [],
    /** When trying again makes sense (an `unavailable` refusal): the HTTP layer sends it as Retry-After. */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const badRequest = (message: string, details: ErrorDetail[] = []) => new DomainError('validation_failed', message, details);
export const notFound = (what = 'rule') => new DomainError('not_found', `${what} not found`);
export const forbidden = (message: string) => new DomainError('forbidden', message);
export const preconditionFailed = () =>
  new DomainError('precondition_failed', 'the resource changed since you read it; reload it and apply your change again', [
    { path: 'If-Match', message: 'does not match the current ETag' },
  ]);
export const preconditionRequired = () =>
  new DomainError('precondition_required', 'send If-Match with the ETag you read', [{ path: 'If-Match', message: 'required' }]);
