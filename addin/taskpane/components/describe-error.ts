/** Any failure the pane can meet, in words a person can act on, and whether trying again can help. */
import { AccountError } from '../../account/account';
import { describeApiError, isApiError, isRetryableApiError } from '../../api/api-errors';
import { isOfficeAdapterError } from '../../office/office-errors';

export function describeError(error: unknown): string {
  if (isApiError(error)) return describeApiError(error);
  if (isOfficeAdapterError(error)) {
    switch (error.code) {
      case 'api_unsupported':
        return `${error.message} CalSync's sync still colours the event.`;
      // The adapter that met the refusal words it (categories.ts), so the words load with it, not with the pane.
      case 'operation_refused':
        return error.message;
      case 'permission_denied':
        return 'CalSync needs permission to manage your categories. Ask your admin to redeploy the add-in.';
      case 'network':
        return 'Outlook has lost its network connection. Check your connection and try again.';
      case 'busy':
        return 'Outlook is still busy with an earlier request. Try again in a moment.';
      case 'too_large':
        return 'That is more than Outlook can store for CalSync.';
      case 'no_item':
        return error.message;
      default:
        return `Outlook could not do that: ${error.message}`;
    }
  }
  if (error instanceof AccountError) {
    if (error.code === 'not_configured') return 'CalSync is not configured for sign-in. Ask your admin.';
    if (error.code === 'interaction_required') return 'Sign in to CalSync to see and apply your rules.';
    return `Sign-in failed: ${error.message}`;
  }
  return error instanceof Error ? error.message : 'Something went wrong.';
}

/**
 * Whether a Retry button makes sense: a network, service or host hiccup, an expired or cancelled sign-in.
 * Not a refusal (403, validation, limits, a lock), a missing Office API or permission, or a bad file.
 */
export function isRetryable(error: unknown): boolean {
  if (isApiError(error)) return isRetryableApiError(error);
  if (isOfficeAdapterError(error)) return error.code === 'call_failed' || error.code === 'network' || error.code === 'busy';
  if (error instanceof AccountError) return error.code !== 'not_configured';
  return false;
}
