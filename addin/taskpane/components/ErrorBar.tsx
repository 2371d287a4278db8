/**
 * A failure in a MessageBar with the action that fits it: a 412 (or a vanished rule) offers to reload,
 * failures a second attempt can fix offer to retry, a needed or expired sign-in offers to sign in — from
 * the button's click, then the retry (sign-in.ts). A request the service shed (503 overloaded) is retried on its
 * own once its Retry-After has passed, with the wait counted down in the bar; Retry does it now.
 */
import { Button, MessageBar, MessageBarActions, MessageBarBody, MessageBarTitle } from '@fluentui/react-components';
import { DismissRegular } from '@fluentui/react-icons';
import { useEffect, useRef, useState } from 'react';
import { isApiError, isOrgRulesLocked, shedRetryAfter } from '../../api/api-errors';
import { describeError, isRetryable } from './describe-error';
import { needsSignIn, useRetryAction } from './sign-in';

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
  if (shedRetryAfter(error) !== null) return 'CalSync is busy';
  if (isApiError(error, 'unauthorized')) return 'Signed out';
  if (needsSignIn(error)) return 'Sign in';
  if (isOrgRulesLocked(error)) return 'Organisation rules are locked';
  if (isApiError(error, 'forbidden')) return 'Not allowed';
  if (isApiError(error, 'validation')) return 'Check what you entered';
  return 'Something went wrong';
}

/** Seconds left before a shed request is sent again (null: no automatic retry); runs `onRetry` at 0. */
function useShedRetry(error: unknown, onRetry: (() => void) | undefined): number | null {
  const wait = onRetry ? shedRetryAfter(error) : null;
  const [left, setLeft] = useState(wait);
  // The latest onRetry, read when the wait is over: its identity changes on each render of the parent.
  const latestRetry = useRef(onRetry);
  useEffect(() => {
    latestRetry.current = onRetry;
  });
  useEffect(() => {
    setLeft(wait);
    if (wait === null) return;
    const tick = setInterval(() => setLeft((n) => (n === null ? n : Math.max(0, n - 1))), 1000);
    const due = setTimeout(() => latestRetry.current?.(), wait * 1000);
    return () => {
      clearInterval(tick);
      clearTimeout(due);
    };
    // Once per failure (a new failure is a new error object), not on each render.
  }, [error, wait]);
  return left;
}

export function ErrorBar({ error, onRetry, onReload, onDismiss, message, title }: ErrorBarProps) {
  const conflict = isApiError(error, 'precondition_failed') || isApiError(error, 'not_found');
  const retry = useRetryAction(error, () => onRetry?.());
  const retryIn = useShedRetry(error, onRetry);
  return (
    <MessageBar intent="error" role="alert">
      <MessageBarBody>
        <MessageBarTitle>{title ?? titleFor(error)}</MessageBarTitle>
        {message ?? describeError(error)}
        {retry.failure !== null && <div>{describeError(retry.failure)}</div>}
        {retryIn !== null && <div role="status">Trying again in {retryIn} s…</div>}
      </MessageBarBody>
      <MessageBarActions containerAction={onDismiss && <Button appearance="transparent" aria-label="Dismiss" icon={<DismissRegular />} onClick={onDismiss} />}>
        {conflict && onReload && <Button onClick={onReload}>Reload</Button>}
        {!conflict && onRetry && isRetryable(error) && <Button onClick={retry.run}>{retry.label}</Button>}
      </MessageBarActions>
    </MessageBar>
  );
}
