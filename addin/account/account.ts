/**
 * The one place the add-in signs in. Nested app authentication (the host brokers the token, no popup) when
 * Outlook supports it; otherwise the standard MSAL client with a popup. Client id and scope come from the
 * build config; tokens are asked for silently first, interactively only when MSAL says it must — or when the
 * API has refused the cached token (401), after which the next request signs in interactively.
 * MSAL is loaded on first use, so the pane's first render does not wait for it.
 */
import type { AccountInfo, Configuration, IPublicClientApplication } from '@azure/msal-browser';
import type { BuildConfig } from '../config/build-config';
import { AccountError, type AuthMode } from './account-error';

export { AccountError, type AuthMode } from './account-error';

/** NAA ships in requirement set NestedAppAuth 1.1 (new Outlook, Outlook on the web, recent classic and Mac). */
export function supportsNestedAppAuth(office: typeof Office | undefined = typeof Office !== 'undefined' ? Office : undefined): boolean {
  try {
    return office?.context?.requirements?.isSetSupported('NestedAppAuth', '1.1') === true;
  } catch {
    return false;
  }
}

export interface MsalFactories {
  nested: (config: Configuration) => Promise<IPublicClientApplication>;
  standard: (config: Configuration) => Promise<IPublicClientApplication>;
}

const defaultFactories: MsalFactories = {
  nested: async (config) => (await import('@azure/msal-browser')).createNestablePublicClientApplication(config),
  standard: async (config) => (await import('@azure/msal-browser')).createStandardPublicClientApplication(config),
};

/** MSAL's InteractionRequiredAuthError, recognised by name so this module needs no value import of MSAL. */
function needsInteraction(err: unknown): boolean {
  return (err as { name?: string })?.name === 'InteractionRequiredAuthError' || (err as { errorCode?: string })?.errorCode === 'no_account_error';
}

export class Account {
  private clientPromise: Promise<IPublicClientApplication> | null = null;
  /** Set by a 401: the cached token is no good, so silent acquisition would only hand it back. */
  private interactiveRequired = false;
  /** One sign-in window per scope set at a time: the pane's parallel requests share it. */
  private readonly interactive = new Map<string, Promise<string>>();
  readonly mode: AuthMode;

  constructor(
    private readonly config: BuildConfig,
    nestedSupported: boolean,
    private readonly factories: MsalFactories = defaultFactories,
  ) {
    this.mode = nestedSupported ? 'nested' : 'popup';
  }

  private client(): Promise<IPublicClientApplication> {
    if (!this.config.clientId || !this.config.apiScope) {
      return Promise.reject(new AccountError('not_configured', 'CalSync was built without a client id or API scope.'));
    }
    this.clientPromise ??= (this.mode === 'nested' ? this.factories.nested : this.factories.standard)({
      auth: { clientId: this.config.clientId, authority: this.config.authority },
      cache: { cacheLocation: 'localStorage' },
    });
    return this.clientPromise;
  }

  private get scopes(): string[] {
    return [this.config.apiScope];
  }

  /** A token for the Rules API. */
  accessToken(): Promise<string> {
    return this.tokenFor(this.scopes);
  }

  /**
   * The API refused the token: the next token request opens an interactive sign-in (a popup, or the host's
   * own prompt under nested app authentication) instead of returning the cached token again.
   */
  requireInteractiveSignIn(): void {
    this.interactiveRequired = true;
  }

  /** A Microsoft Graph token to read the user's calendar (the "next 7 days" preview). */
  graphToken(): Promise<string> {
    return this.tokenFor(['Calendars.Read']);
  }

  private async tokenFor(scopes: string[]): Promise<string> {
    const pca = await this.client();
    if (this.interactiveRequired) return this.signInInteractively(pca, scopes);
    const account: AccountInfo | undefined = pca.getActiveAccount() ?? pca.getAllAccounts()[0];
    try {
      const result = await pca.acquireTokenSilent({ scopes, account });
      return result.accessToken;
    } catch (err) {
      if (!needsInteraction(err) && account) throw new AccountError('sign_in_failed', (err as Error).message);
    }
    return this.signInInteractively(pca, scopes);
  }

  /** acquireTokenPopup is MSAL's interactive call for both clients (NAA hands it to the host). */
  private signInInteractively(pca: IPublicClientApplication, scopes: string[]): Promise<string> {
    const key = scopes.join(' ');
    const pending = this.interactive.get(key);
    if (pending) return pending;
    const attempt = pca
      .acquireTokenPopup({ scopes })
      .then(
        (result) => {
          if (result.account) pca.setActiveAccount(result.account);
          this.interactiveRequired = false;
          return result.accessToken;
        },
        (err: unknown) => {
          throw new AccountError('sign_in_failed', (err as Error)?.message || 'sign-in was cancelled');
        },
      )
      .finally(() => this.interactive.delete(key));
    this.interactive.set(key, attempt);
    return attempt;
  }
}
