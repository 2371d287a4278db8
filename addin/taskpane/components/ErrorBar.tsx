/**
 * A failure in a MessageBar with the action that fits it: a 412 offers to reload, "unreachable" and
 * server errors offer to retry, an expired sign-in offers to sign in again (which is a retry).
 */
import { Button, MessageBar, MessageBarActions, MessageBarBody, MessageBarTitle } from '@fluentui/react-components';
import { DismissRegular } from '@fluentui/react-icons';
import { isApiError } from '../../api/api-errors';
import { describeError } from './describe-error';

export interface ErrorBarProps {
  error: unknown;
  onRetry?: () => void;
  onReload?: () => void;
  onDismiss?: () => void;
}

function titleFor(error: unknown): string {
  if (isApiError(error, 'precondition_failed')) return 'Changed elsewhere';
  if (isApiError(error, 'unreachable')) return 'Cannot reach CalSync';
  if (isApiError(error, 'unauthorized')) return 'Signed out';
  return 'Something went wrong';
}

export function ErrorBar({ error, onRetry, onReload, onDismiss }: ErrorBarProps) {
  const conflict = isApiError(error, 'precondition_failed') || isApiError(error, 'not_found');
  return (
    <MessageBar intent="error" role="alert">
      <MessageBarBody>
        <MessageBarTitle>{titleFor(error)}</MessageBarTitle>
        {describeError(error)}
      </MessageBarBody>
      <MessageBarActions containerAction={onDismiss && <Button appearance="transparent" aria-label="Dismiss" icon={<DismissRegular />} onClick={onDismiss} />}>
        {conflict && onReload && <Button onClick={onReload}>Reload</Button>}
        {!conflict && onRetry && <Button onClick={onRetry}>{isApiError(error, 'unauthorized') ? 'Sign in again' : 'Retry'}</Button>}
      </MessageBarActions>
    </MessageBar>
  );
}
