/**
 * The pane's Sign in action. Interactive sign-in happens only here, from a button's click: browsers and
 * Outlook's webviews block a sign-in window no user gesture opened (OfficeDev/Office-Add-in-samples issue
 * 889), so the account never signs in interactively on its own (addin/account/account.ts).
 */
import { createContext, useContext, useState } from 'react';
import { AccountError } from '../../account/account';
import { isApiError } from '../../api/api-errors';

/** The account's interactive sign-in; absent where sign-in needs no person (the demo, the browser tests' stand-in). */
export const SignInContext = createContext<(() => Promise<void>) | undefined>(undefined);

/** Failures only a sign-in can fix: the account needs interaction, or the API refused the token (401). */
export function needsSignIn(error: unknown): boolean {
  return (error instanceof AccountError && error.code === 'interaction_required') || isApiError(error, 'unauthorized');
}

/**
 * What a failure's retry button does: for a failure only a sign-in fixes, sign in from this click and
 * then retry; otherwise just retry. `failure` is why the sign-in itself failed (a closed or blocked window).
 */
export function useRetryAction(error: unknown, onRetry: () => void): { label: string; run: () => void; failure: unknown } {
  const signIn = useContext(SignInContext);
  const [failure, setFailure] = useState<unknown>(null);
  const label = isApiError(error, 'unauthorized') ? 'Sign in again' : needsSignIn(error) ? 'Sign in' : 'Retry';
  const run = signIn && label !== 'Retry' ? () => void signIn().then(onRetry, setFailure) : onRetry;
  return { label, run, failure };
}
