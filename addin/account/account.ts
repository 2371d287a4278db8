/**
 * The one place the add-in signs in. Nested app authentication (Outlook brokers the token) where the host
 * supports it; otherwise MSAL's redirect flow in an Office dialog (dialog-sign-in.ts). Client id and scope
 * come from the build config. Tokens are only ever asked for silently; when that cannot work (MSAL says
 * interaction is required, or the API refused the token with a 401) the request fails with
 * AccountError 'interaction_required' and the pane shows a Sign in button, whose click calls signIn():
 * browsers and webviews block a sign-in window that no user gesture opened (OfficeDev/Office-Add-in-samples
 * issue 889). MSAL and the dialog code are loaded on first use, so the pane's first render waits for neither.
 */
import type { AccountInfo, Configuration, IPublicClientApplication } from '@azure/msal-browser';
import type { BuildConfig } from '../config/build-config';
import { AccountError, type AuthMode } from './account-error';
import type { DialogToken } from './dialog-protocol';
import type { SignInDialog } from './interactive-sign-in';

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

export type { SignInDialog } from './interactive-sign-in';

const loadInteractive = () => import('./interactive-sign-in.js');

/** MSAL's InteractionRequiredAuthError, recognised by name so this module needs no value import of MSAL. */
function needsInteraction(err: unknown): boolean {
  return (err as { name?: string })?.name === 'InteractionRequiredAuthError' || (err as { errorCode?: string })?.errorCode === 'no_account_error';
}

/**
 * The sign-in page's address, which is also its redirect URI: built to addin/dist/auth/ beside the pane's
 * addin/dist/taskpane/, so the pane's origin and base path, never its query.
 */
export function signInDialogUrl(paneHref: string): string {
  return new URL('../auth/sign-in-dialog.html', paneHref.split(/[?#]/)[0]).href;
}

/** A token handed back by the dialog is not used in its last minutes: a request must not arrive with it expired. */
const EXPIRY_MARGIN_MS = 5 * 60_000;

export interface AccountOptions {
  factories?: MsalFactories;
  /** Tests' stand-in for the Office dialog (interactive-sign-in.ts). */
  openDialog?: SignInDialog;
  /** Where the task pane runs, for the sign-in page's address (its redirect URI). */
  paneHref?: string;
  now?: () => number;
}

export class Account {
  private clientPromise: Promise<IPublicClientApplication> | null = null;
  private interactivePromise: ReturnType<typeof loadInteractive> | null = null;
  /** Scope sets (joined by spaces) whose next token needs an interactive sign-in, mapped to the scopes. */
  private readonly pendingInteraction = new Map<string, string[]>();
  /** Tokens the sign-in dialog handed back, by scope set: the pane's own MSAL cache may be partitioned away from the dialog's. */
  private readonly dialogTokens = new Map<string, DialogToken>();
  /** One interactive sign-in at a time: a second click, or a second bar's button, joins it. */
  private signingIn: Promise<void> | null = null;
  readonly mode: AuthMode;
  private readonly factories: MsalFactories;
  private readonly now: () => number;

  constructor(
    private readonly config: BuildConfig,
    nestedSupported: boolean,
    private readonly options: AccountOptions = {},
  ) {
    this.mode = nestedSupported ? 'nested' : 'dialog';
    this.factories = options.factories ?? defaultFactories;
    this.now = options.now ?? Date.now;
  }

  private get dialogPageUrl(): string {
    return signInDialogUrl(this.options.paneHref ?? location.href);
  }

  private client(): Promise<IPublicClientApplication> {
    if (!this.config.clientId || !this.config.apiScope) {
      return Promise.reject(new AccountError('not_configured', 'CalSync was built without a client id or API scope.'));
    }
    this.clientPromise ??=
      this.mode === 'nested'
        ? this.factories.nested({ auth: { clientId: this.config.clientId, authority: this.config.authority }, cache: { cacheLocation: 'localStorage' } })
        : // The pane's own client only reads what the dialog's sign-in left in a shared cache (desktop webviews share it).
          this.factories.standard({
            auth: { clientId: this.config.clientId, authority: this.config.authority, redirectUri: this.dialogPageUrl },
            cache: { cacheLocation: 'localStorage' },
          });
    return this.clientPromise;
  }

  private interactive(): ReturnType<typeof loadInteractive> {
    this.interactivePromise ??= loadInteractive();
    return this.interactivePromise;
  }

  /** A token for the Rules API. */
  accessToken(): Promise<string> {
    return this.tokenFor([this.config.apiScope]);
  }

  /** A Microsoft Graph token to read the user's calendar (the "next 7 days" preview). */
  graphToken(): Promise<string> {
    return this.tokenFor(['Calendars.Read']);
  }

  /** The API refused the token (401): the cached one is no good, so the next Rules API token needs a sign-in. */
  requireInteractiveSignIn(): void {
    const scopes = [this.config.apiScope];
    this.dialogTokens.delete(scopes.join(' '));
    this.pendingInteraction.set(scopes.join(' '), scopes);
  }

  private async tokenFor(scopes: string[]): Promise<string> {
    const key = scopes.join(' ');
    const pca = await this.client();
    if (this.pendingInteraction.has(key)) throw this.interactionRequired();
    const fromDialog = this.dialogTokens.get(key);
    if (fromDialog && fromDialog.expiresOn - EXPIRY_MARGIN_MS > this.now()) return fromDialog.accessToken;
    const account: AccountInfo | undefined = pca.getActiveAccount() ?? pca.getAllAccounts()[0];
    try {
      const result = await pca.acquireTokenSilent({ scopes, account });
      return result.accessToken;
    } catch (err) {
      if (!needsInteraction(err) && account) throw new AccountError('sign_in_failed', (err as Error).message);
    }
    this.pendingInteraction.set(key, scopes);
    throw this.interactionRequired();
  }

  private interactionRequired(): AccountError {
    // The dialog opens a browser window on the web: load its code now, so the click opens it at once.
    if (this.mode === 'dialog') void this.interactive().catch(() => undefined);
    return new AccountError('interaction_required', 'sign-in needed');
  }

  /**
   * The interactive sign-in, for every scope set that needs one (the Rules API's when none does). Call it
   * only from a user gesture: the pane's Sign in button.
   */
  signIn(): Promise<void> {
    this.signingIn ??= this.signInInteractively().finally(() => (this.signingIn = null));
    return this.signingIn;
  }

  private async signInInteractively(): Promise<void> {
    const scopeSets = this.pendingInteraction.size > 0 ? [...this.pendingInteraction.values()] : [[this.config.apiScope]];
    const pca = await this.client();
    const { signInInteractively } = await this.interactive();
    const tokens = await signInInteractively({ mode: this.mode, pca, scopeSets, dialogPageUrl: this.dialogPageUrl, openDialog: this.options.openDialog });
    for (const token of tokens) this.dialogTokens.set(token.scopes.join(' '), token);
    for (const scopes of scopeSets) this.pendingInteraction.delete(scopes.join(' '));
  }
}
