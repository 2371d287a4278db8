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
  /** The host reported a failure for the call. */
  | 'call_failed';

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
