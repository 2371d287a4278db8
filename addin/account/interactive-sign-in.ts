/**
 * The interactive half of signing in, loaded only when a sign-in is needed (account.ts): the pane's first
 * open, signed in silently, never downloads it. Nested app authentication: MSAL's acquireTokenPopup, which
 * Outlook brokers (its own prompt, no browser window). Otherwise the Office dialog (dialog-sign-in.ts).
 */
import type { IPublicClientApplication } from '@azure/msal-browser';
import { AccountError, type AuthMode } from './account-error';
import type { DialogToken } from './dialog-protocol';
import { signInThroughDialog } from './dialog-sign-in';

/** Opens the sign-in dialog for these scope sets and resolves with its tokens. */
export type SignInDialog = (pageUrl: string, scopeSets: readonly string[][]) => Promise<DialogToken[]>;

export interface InteractiveSignIn {
  mode: AuthMode;
  pca: IPublicClientApplication;
  scopeSets: string[][];
  dialogPageUrl: string;
  /** Tests' stand-in for the Office dialog. */
  openDialog?: SignInDialog;
}

/**
 * Signs in for every scope set. Resolves with the tokens the dialog handed back (none under nested app
 * authentication: MSAL's cache holds those); rejects with AccountError 'sign_in_failed'.
 */
export async function signInInteractively({ mode, pca, scopeSets, dialogPageUrl, openDialog }: InteractiveSignIn): Promise<DialogToken[]> {
  try {
    if (mode === 'dialog') return await (openDialog ?? signInThroughDialog)(dialogPageUrl, scopeSets);
    for (const scopes of scopeSets) {
      const result = await pca.acquireTokenPopup({ scopes });
      if (result.account) pca.setActiveAccount(result.account);
    }
    return [];
  } catch (err) {
    if (err instanceof AccountError) throw err;
    throw new AccountError('sign_in_failed', (err as Error)?.message || 'sign-in was cancelled');
  }
}
