/**
 * The local demo's sign-in, swapped in for addin/account/account.ts by the demo build only (never by the
 * production build). There is no Entra ID in the demo: the demo server mints a token for the person chosen
 * with the host page's user switch (`?user=` on the task pane's URL), and the real Rules API validates it as
 * it would an Entra ID token. Same exports as the real module, no MSAL.
 */
import { AccountError, type AuthMode } from '../account/account-error';
import type { BuildConfig } from '../config/build-config';

export { AccountError, type AuthMode } from '../account/account-error';

export function supportsNestedAppAuth(): boolean {
  return false;
}

/** The demo person the pane runs as: the `user` query parameter, or the server's default. */
export function demoUserKey(search: string = typeof location !== 'undefined' ? location.search : ''): string | null {
  return new URLSearchParams(search).get('user');
}

export class Account {
  readonly mode: AuthMode = 'dialog';

  constructor(_config?: BuildConfig, _nestedSupported?: boolean) {}

  /**
   * A fresh token on every call: the demo server makes a new signing key at each start, so a token kept
   * across a restart would be refused; minting on the loopback costs a millisecond.
   */
  async accessToken(): Promise<string> {
    const user = demoUserKey();
    let res: Response;
    try {
      res = await fetch(`/demo/token${user ? `?user=${encodeURIComponent(user)}` : ''}`, { cache: 'no-store' });
    } catch (err) {
      throw new AccountError('sign_in_failed', `the demo server cannot be reached: ${(err as Error)?.message ?? String(err)}`);
    }
    if (!res.ok) throw new AccountError('sign_in_failed', `demo sign-in failed (${res.status})`);
    return res.text();
  }

  /** The demo calendar source sends the same token to the demo server, which reads the sandbox for that person. */
  graphToken(): Promise<string> {
    return this.accessToken();
  }
}
