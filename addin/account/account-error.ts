/**
 * What every account module exports besides Account itself: the real one (account.ts) and the build-time
 * replacements for it (addin/demo/demo-account.ts, tests/addin/support/browser-test-account.ts) all
 * re-export these, so a replacement keeps the real module's exports and `instanceof AccountError` holds
 * whichever of them the build uses. Kept apart from account.ts because the replacements cannot import it:
 * the build swaps every import of account.ts for the replacement itself.
 */
/** 'nested': Outlook brokers the token (NAA); 'dialog': MSAL's redirect flow in an Office dialog (the fallback). */
export type AuthMode = 'nested' | 'dialog';

export class AccountError extends Error {
  constructor(
    readonly code: 'not_configured' | 'sign_in_failed' | 'interaction_required',
    message: string,
  ) {
    super(message);
    this.name = 'AccountError';
  }
}
