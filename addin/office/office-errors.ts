/** Every Office.js adapter rejects with this, so callers switch on `code`, never on host messages. */
export type OfficeErrorCode =
  /** Office.js is not loaded, or there is no mailbox item (the pane was opened outside an appointment). */
  | 'no_item'
  /** The host does not implement the API (older Outlook, or a requirement set it lacks). */
  | 'api_unsupported'
  /**
   * The client refuses this call for this item or mode: Office error 5000, "The operation is not supported."
   * (item categories while composing on the web and in new Outlook, office-js 4150, 4588; on the web, adding
   * to a meeting someone else organised, office-js 4909). Trying again cannot help.
   */
  | 'operation_refused'
  /** The add-in lacks the permission (master categories need ReadWriteMailbox). */
  | 'permission_denied'
  /** Outlook is offline: the user lost network access. Trying again once connected can help. */
  | 'network'
  /** Too many calls in flight (Outlook on the web, new Outlook, mobile allow 3): wait for one and try again. */
  | 'busy'
  /** What was written is over Outlook's limit (roaming settings: 32 KB for all settings). */
  | 'too_large'
  /** masterCategories.addAsync: a category of that name is already on the master list. */
  | 'duplicate_category'
  /** The host reported a failure for the call. */
  | 'call_failed';

/**
 * Office's own error codes, from Microsoft's table (https://learn.microsoft.com/office/dev/add-ins/reference/javascript-api-for-office-error-codes).
 * 9041 is "Network error" there, not a permission error. 5100 ("Wait until the previous call completes") is the
 * ooeTooManyIncompleteRequests code office.js raises (office-js 3274). Codes not listed are 'call_failed'.
 */
export const OFFICE_ERROR_CODES: Readonly<Record<number, OfficeErrorCode>> = {
  5000: 'operation_refused', // "The operation is not supported." for this item or mode (see the type above)
  5009: 'permission_denied', // "Access Denied": the add-in has no permission to call the API
  9016: 'permission_denied', // "Permission denied"
  9041: 'network', // "Network error": the user is no longer connected to the network
  9057: 'too_large', // "Size Limit Exceeded": 32 KB for the settings of each add-in
  5100: 'busy', // "Wait until the previous call completes."
};

/**
 * Outlook's named errors (office.mastercategories, office.categories: "Errors"), for hosts that give a name
 * but no code in the table. https://learn.microsoft.com/javascript/api/outlook/office.mastercategories
 */
export const OFFICE_ERROR_NAMES: Readonly<Record<string, OfficeErrorCode>> = {
  PermissionDenied: 'permission_denied',
  DuplicateCategory: 'duplicate_category',
};

/** The adapter's code for a failed AsyncResult's error: by Office's number first, then by its name. */
export function officeErrorCodeFor(error: { code?: number | string; name?: string } | null | undefined): OfficeErrorCode {
  const numeric = typeof error?.code === 'number' ? error.code : Number(error?.code);
  const byCode = Number.isFinite(numeric) ? OFFICE_ERROR_CODES[numeric] : undefined;
  if (byCode) return byCode;
  return (error?.name && Object.prototype.hasOwnProperty.call(OFFICE_ERROR_NAMES, error.name) ? OFFICE_ERROR_NAMES[error.name] : undefined) ?? 'call_failed';
}

export class OfficeAdapterError extends Error {
  constructor(
    readonly code: OfficeErrorCode,
    message: string,
    /** The operation that failed, e.g. `item.categories.addAsync`. */
    readonly operation: string,
    /** Office's own error code or name, when it gave one. */
    readonly hostCode?: number | string,
  ) {
    super(message);
    this.name = 'OfficeAdapterError';
  }
}

export function isOfficeAdapterError(e: unknown): e is OfficeAdapterError {
  return e instanceof OfficeAdapterError;
}
