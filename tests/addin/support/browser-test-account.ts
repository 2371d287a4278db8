/**
 * Stands in for addin/account/account.ts in the browser-test build only (swapped at build time): there is
 * no Entra ID here. The token comes from the test server's /__test/token, minted by the API tests' own
 * issuer, so the real API validates it as it would an Entra ID token. Same exports, no MSAL.
 */
import { AccountError, type AuthMode } from '../../../addin/account/account-error';

export { AccountError, type AuthMode } from '../../../addin/account/account-error';

export function supportsNestedAppAuth(): boolean {
  return false;
}

export class Account {
  readonly mode: AuthMode = 'dialog';
  async accessToken(): Promise<string> {
    const res = await fetch('/__test/token');
    if (!res.ok) throw new AccountError('sign_in_failed', `test token: ${res.status}`);
    return res.text();
  }

  async graphToken(): Promise<string> {
    return 'browser-test-graph-token';
  }
}
