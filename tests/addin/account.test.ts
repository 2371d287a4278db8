import type { Configuration, IPublicClientApplication } from '@azure/msal-browser';
import { Account, AccountError, supportsNestedAppAuth, type MsalFactories, type SignInDialog } from '../../addin/account/account';
import type { DialogToken } from '../../addin/account/dialog-protocol';
import type { BuildConfig } from '../../addin/config/build-config';
import { buildConfig } from '../../addin/config/build-config';
import { installOutlookMock, OUTLOOK_2021_LTSC, removeOutlookMock, type OutlookMockOptions } from './support/outlook-mock';

const config: BuildConfig = {
  clientId: 'client-1',
  apiScope: 'api://calsync/Rules.ReadWrite',
  apiBaseUrl: '',
  authority: 'https://login.microsoftonline.com/organizations',
};
const paneHref = 'https://calsync.contoso.com/taskpane/taskpane.html?user=x';

function fakeMsal(behaviour: { silent: 'ok' | 'interaction' | 'fail'; popup?: 'ok' | 'fail' }) {
  const calls: string[] = [];
  const pca = {
    getActiveAccount: () => null,
    getAllAccounts: () => [{ username: 'ana@contoso.com' }],
    setActiveAccount: () => calls.push('setActiveAccount'),
    acquireTokenSilent: async (req: { scopes: string[] }) => {
      calls.push(`silent:${req.scopes.join(' ')}`);
      if (behaviour.silent === 'ok') return { accessToken: 'silent-token' };
      const err = new Error('needs interaction');
      err.name = behaviour.silent === 'interaction' ? 'InteractionRequiredAuthError' : 'ServerError';
      throw err;
    },
    acquireTokenPopup: async (req: { scopes: string[] }) => {
      calls.push(`popup:${req.scopes.join(' ')}`);
      if (behaviour.popup === 'fail') throw new Error('user_cancelled');
      return { accessToken: 'popup-token', account: { username: 'ana@contoso.com' } };
    },
  } as unknown as IPublicClientApplication;
  const created: Array<{ kind: string; config: Configuration }> = [];
  const factories: MsalFactories = {
    nested: async (c) => (created.push({ kind: 'nested', config: c }), pca),
    standard: async (c) => (created.push({ kind: 'standard', config: c }), pca),
  };
  return { factories, calls, created };
}

/** The dialog fallback as the account sees it: what it was asked for, and the tokens it hands back. */
function fakeDialog(answer: (sets: readonly string[][]) => Promise<DialogToken[]>) {
  const opened: Array<{ url: string; sets: readonly string[][] }> = [];
  const dialog: SignInDialog = (url, sets) => (opened.push({ url, sets }), answer(sets));
  return { opened, openDialog: dialog };
}

const API = 'api://calsync/Rules.ReadWrite';

describe('account', () => {
  it('uses nested app authentication when the host supports it, with the configured client id', async () => {
    const msal = fakeMsal({ silent: 'ok' });
    const account = new Account(config, true, { factories: msal.factories, paneHref });
    await expect(account.accessToken()).resolves.toBe('silent-token');
    expect(account.mode).toBe('nested');
    expect(msal.created).toEqual([{ kind: 'nested', config: expect.objectContaining({ auth: { clientId: 'client-1', authority: config.authority } }) }]);
    expect(msal.calls).toEqual([`silent:${API}`]);
  });

  it('never signs in interactively by itself: interaction required is an error until signIn() is called', async () => {
    const msal = fakeMsal({ silent: 'interaction' });
    const account = new Account(config, true, { factories: msal.factories, paneHref });
    await expect(account.accessToken()).rejects.toMatchObject({ code: 'interaction_required' });
    await expect(account.accessToken()).rejects.toMatchObject({ code: 'interaction_required' });
    expect(msal.calls.filter((c) => c.startsWith('popup'))).toEqual([]);
    await account.signIn();
    expect(msal.calls.filter((c) => c.startsWith('popup'))).toEqual([`popup:${API}`]);
  });

  it('without nested app authentication, signs in through the dialog page, whose address is its redirect URI', async () => {
    const msal = fakeMsal({ silent: 'interaction' });
    const dialog = fakeDialog(async (sets) =>
      sets.map((scopes) => ({ scopes: [...scopes], accessToken: `dialog:${scopes.join(' ')}`, expiresOn: Date.parse('2026-03-01T01:00:00Z') })),
    );
    const account = new Account(config, false, {
      factories: msal.factories,
      paneHref,
      openDialog: dialog.openDialog,
      now: () => Date.parse('2026-03-01T00:00:00Z'),
    });
    expect(account.mode).toBe('dialog');
    await expect(account.accessToken()).rejects.toMatchObject({ code: 'interaction_required' });
    await expect(account.graphToken()).rejects.toMatchObject({ code: 'interaction_required' });
    expect(dialog.opened).toEqual([]);
    const redirectUri = 'https://calsync.contoso.com/auth/sign-in-dialog.html';
    expect(msal.created).toEqual([
      { kind: 'standard', config: expect.objectContaining({ auth: { clientId: 'client-1', authority: config.authority, redirectUri } }) },
    ]);

    await account.signIn();
    // One dialog for both scope sets that needed a sign-in; no MSAL popup anywhere.
    expect(dialog.opened).toEqual([{ url: redirectUri, sets: [[API], ['Calendars.Read']] }]);
    await expect(account.accessToken()).resolves.toBe(`dialog:${API}`);
    await expect(account.graphToken()).resolves.toBe('dialog:Calendars.Read');
    expect(msal.calls.filter((c) => c.startsWith('popup'))).toEqual([]);
  });

  it('does not use a dialog token in its last minutes: it asks MSAL again', async () => {
    const msal = fakeMsal({ silent: 'interaction' });
    let now = Date.parse('2026-03-01T00:00:00Z');
    const dialog = fakeDialog(async () => [{ scopes: [API], accessToken: 'dialog-token', expiresOn: now + 10 * 60_000 }]);
    const account = new Account(config, false, { factories: msal.factories, paneHref, openDialog: dialog.openDialog, now: () => now });
    await account.signIn();
    await expect(account.accessToken()).resolves.toBe('dialog-token');
    now += 6 * 60_000;
    await expect(account.accessToken()).rejects.toMatchObject({ code: 'interaction_required' });
  });

  it('does not ask for a sign-in for errors that interaction cannot fix', async () => {
    const msal = fakeMsal({ silent: 'fail' });
    const account = new Account(config, true, { factories: msal.factories, paneHref });
    await expect(account.accessToken()).rejects.toMatchObject({ code: 'sign_in_failed' });
    await expect(account.accessToken()).rejects.toMatchObject({ code: 'sign_in_failed' });
  });

  it('after the API refused the token, asks for a sign-in (one for parallel clicks), then goes silent again', async () => {
    const msal = fakeMsal({ silent: 'ok' });
    const account = new Account(config, true, { factories: msal.factories, paneHref });
    await expect(account.accessToken()).resolves.toBe('silent-token');
    account.requireInteractiveSignIn();
    await expect(account.accessToken()).rejects.toMatchObject({ code: 'interaction_required' });
    expect(msal.calls).toEqual([`silent:${API}`]);
    await Promise.all([account.signIn(), account.signIn()]);
    await expect(account.accessToken()).resolves.toBe('silent-token');
    expect(msal.calls).toEqual([`silent:${API}`, `popup:${API}`, 'setActiveAccount', `silent:${API}`]);
  });

  it('keeps asking for a sign-in while the sign-in is cancelled', async () => {
    const msal = fakeMsal({ silent: 'ok', popup: 'fail' });
    const account = new Account(config, true, { factories: msal.factories, paneHref });
    account.requireInteractiveSignIn();
    await expect(account.signIn()).rejects.toMatchObject({ code: 'sign_in_failed' });
    await expect(account.accessToken()).rejects.toMatchObject({ code: 'interaction_required' });
    await expect(account.signIn()).rejects.toMatchObject({ code: 'sign_in_failed' });
    expect(msal.calls).toEqual([`popup:${API}`, `popup:${API}`]);
  });

  it('refuses to start without a client id or scope from the build', async () => {
    const msal = fakeMsal({ silent: 'ok' });
    const err = await new Account({ ...config, clientId: '' }, true, { factories: msal.factories, paneHref }).accessToken().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AccountError);
    expect(msal.created).toEqual([]);
  });

  it('detects NestedAppAuth 1.1 through the requirement set API', () => {
    const office = (supported: boolean) =>
      ({
        context: { requirements: { isSetSupported: (name: string, v: string) => supported && name === 'NestedAppAuth' && v === '1.1' } },
      }) as unknown as typeof Office;
    expect(supportsNestedAppAuth(office(true))).toBe(true);
    expect(supportsNestedAppAuth(office(false))).toBe(false);
    expect(supportsNestedAppAuth(undefined)).toBe(false);
  });

  it('reads client id and scope from the build config, never a default', () => {
    (globalThis as { __CALSYNC_BUILD__?: unknown }).__CALSYNC_BUILD__ = { clientId: 'from-build', apiScope: 'scope-from-build' };
    expect(buildConfig()).toMatchObject({ clientId: 'from-build', apiScope: 'scope-from-build', apiBaseUrl: '' });
    delete (globalThis as { __CALSYNC_BUILD__?: unknown }).__CALSYNC_BUILD__;
    expect(buildConfig()).toMatchObject({ clientId: '', apiScope: '' });
  });
});

describe('which Outlook has nested app authentication (the Outlook mock, as the requirement set page lists it)', () => {
  afterEach(removeOutlookMock);
  const cases: Array<[string, Partial<OutlookMockOptions>, boolean]> = [
    ['Outlook on the web, work account', { client: 'web' }, true],
    ['new Outlook, work account', { client: 'newOutlook' }, true],
    ['Outlook on the web, Outlook.com mailbox', { client: 'web', accountType: 'outlookCom' }, false],
    ['new Outlook, Gmail mailbox', { client: 'newOutlook', accountType: 'gmail' }, false],
    ['classic Windows, Microsoft 365 2409 (18025.20000)', { client: 'classicWindows', hostVersion: '16.0.18025.20000' }, true],
    ['classic Windows, Microsoft 365 before 2409 (17928.20156)', { client: 'classicWindows', hostVersion: '16.0.17928.20156' }, false],
    ['classic Windows, retail perpetual 2412 (18324.20194)', { client: 'classicWindows', hostVersion: '16.0.18324.20194', windowsChannel: 'retail' }, false],
    ['classic Windows, Outlook 2024 LTSC 2408 (17932.20222)', { client: 'classicWindows', hostVersion: '16.0.17932.20222', windowsChannel: 'volume' }, true],
    ['classic Windows, Outlook 2021 LTSC', { ...OUTLOOK_2021_LTSC }, false],
    ['classic Windows, Gmail mailbox on a current build', { client: 'classicWindows', accountType: 'gmail' }, false],
    ['Mac 16.88', { client: 'mac', hostVersion: '16.88.1' }, false],
    ['Mac 16.89', { client: 'mac', hostVersion: '16.89' }, true],
    ['Mac 16.103', { client: 'mac' }, true],
  ];
  it.each(cases)('%s', (_name, options, supported) => {
    installOutlookMock({ mode: 'read', ...options });
    expect(supportsNestedAppAuth()).toBe(supported);
  });
});
