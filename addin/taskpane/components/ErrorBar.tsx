/**
 * A failure in a MessageBar with the action that fits it: a 412 (or a vanished rule) offers to reload,
 * failures a second attempt can fix offer to retry, an expired sign-in offers to sign in again — a retry
 * whose token request signs in interactively, because the API client told the account the token was refused.
 */
import { Button, MessageBar, MessageBarActions, MessageBarBody, MessageBarTitle } from '@fluentui/react-components';
import { DismissRegular } from '@fluentui/react-icons';
import { isApiError, isOrgRulesLocked } from '../../api/api-errors';
import { describeError, isRetryable } from './describe-error';

export interface ErrorBarProps {
  error: unknown;
  onRetry?: () => void;
  onReload?: () => void;
  onDismiss?: () => void;
  /** Words for this failure where the generic ones would mislead (a lazily loaded view's own 412, the settings fields the API refused). */
  message?: string;
  /** A title naming what failed, where the kind of failure alone would not say (settings that did not load). */
  title?: string;
}

function titleFor(error: unknown): string {
  if (isApiError(error, 'precondition_failed')) return 'Changed elsewhere';
  if (isApiError(error, 'unreachable')) return 'Cannot reach CalSync';
  if (isApiError(error, 'unauthorized')) return 'Signed out';
  if (isOrgRulesLocked(error)) return 'Organisation rules are locked';
  if (isApiError(error, 'forbidden')) return 'Not allowed';
  if (isApiError(error, 'validation')) return 'Check what you entered';
  return 'Something went wrong';
}

export function ErrorBar({ error, onRetry, onReload, onDismiss, message, title }: ErrorBarProps) {
  const conflict = isApiError(error, 'precondition_failed') || isApiError(error, 'not_found');
  return (
    <MessageBar intent="error" role="alert">
      <MessageBarBody>
        <MessageBarTitle>{title ?? titleFor(error)}</MessageBarTitle>
        {message ?? describeError(error)}
      </MessageBarBody>
      <MessageBarActions containerAction={onDismiss && <Button appearance="transparent" aria-label="Dismiss" icon={<DismissRegular />} onClick={onDismiss} />}>
        {conflict && onReload && <Button onClick={onReload}>Reload</Button>}
        {!conflict && onRetry && isRetryable(error) && <Button onClick={onRetry}>{isApiError(error, 'unauthorized') ? 'Sign in again' : 'Retry'}</Button>}
      </MessageBarActions>
    </MessageBar>
  );
}
