import type { Configuration, IPublicClientApplication } from '@azure/msal-browser';
import { Account, AccountError, supportsNestedAppAuth, type MsalFactories } from '../../addin/account/account';
import type { BuildConfig } from '../../addin/config/build-config';
import { buildConfig } from '../../addin/config/build-config';

const config: BuildConfig = { clientId: 'client-1', apiScope: 'api://calsync/Rules.ReadWrite', apiBaseUrl: '', authority: 'https://login.microsoftonline.com/organizations' };

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
    acquireTokenPopup: async () => {
      calls.push('popup');
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

describe('account', () => {
  it('uses nested app authentication when the host supports it, with the configured client id', async () => {
    const msal = fakeMsal({ silent: 'ok' });
    const account = new Account(config, true, msal.factories);
    await expect(account.accessToken()).resolves.toBe('silent-token');
    expect(account.mode).toBe('nested');
    expect(msal.created).toEqual([{ kind: 'nested', config: expect.objectContaining({ auth: { clientId: 'client-1', authority: config.authority } }) }]);
    expect(msal.calls).toEqual(['silent:api://calsync/Rules.ReadWrite']);
  });

  it('falls back to the standard client, and a popup only when interaction is required', async () => {
    const msal = fakeMsal({ silent: 'interaction' });
    const account = new Account(config, false, msal.factories);
    await expect(account.accessToken()).resolves.toBe('popup-token');
    expect(msal.created.map((c) => c.kind)).toEqual(['standard']);
    expect(msal.calls).toEqual(['silent:api://calsync/Rules.ReadWrite', 'popup', 'setActiveAccount']);
  });

  it('does not pop up for errors that interaction cannot fix', async () => {
    const msal = fakeMsal({ silent: 'fail' });
    await expect(new Account(config, true, msal.factories).accessToken()).rejects.toMatchObject({ code: 'sign_in_failed' });
    expect(msal.calls).not.toContain('popup');
  });

  it('after the API refused the token, signs in interactively (once for parallel requests), then silently again', async () => {
    const msal = fakeMsal({ silent: 'ok' });
    const account = new Account(config, true, msal.factories);
    await expect(account.accessToken()).resolves.toBe('silent-token');
    account.requireInteractiveSignIn();
    await expect(Promise.all([account.accessToken(), account.accessToken()])).resolves.toEqual(['popup-token', 'popup-token']);
    await expect(account.accessToken()).resolves.toBe('silent-token');
    expect(msal.calls).toEqual(['silent:api://calsync/Rules.ReadWrite', 'popup', 'setActiveAccount', 'silent:api://calsync/Rules.ReadWrite']);
  });

  it('keeps asking interactively while the sign-in window is cancelled', async () => {
    const msal = fakeMsal({ silent: 'ok', popup: 'fail' });
    const account = new Account(config, false, msal.factories);
    account.requireInteractiveSignIn();
    await expect(account.accessToken()).rejects.toMatchObject({ code: 'sign_in_failed' });
    await expect(account.accessToken()).rejects.toMatchObject({ code: 'sign_in_failed' });
    expect(msal.calls).toEqual(['popup', 'popup']);
  });

  it('refuses to start without a client id or scope from the build', async () => {
    const msal = fakeMsal({ silent: 'ok' });
    const err = await new Account({ ...config, clientId: '' }, true, msal.factories).accessToken().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AccountError);
    expect(msal.created).toEqual([]);
  });

  it('detects NestedAppAuth 1.1 through the requirement set API', () => {
    const office = (supported: boolean) => ({ context: { requirements: { isSetSupported: (name: string, v: string) => supported && name === 'NestedAppAuth' && v === '1.1' } } }) as unknown as typeof Office;
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
