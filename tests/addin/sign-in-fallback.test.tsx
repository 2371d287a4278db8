/** @jest-environment jsdom */
import type { IPublicClientApplication } from '@azure/msal-browser';
import { fireEvent, screen, within } from '@testing-library/react';
import { Account, supportsNestedAppAuth } from '../../addin/account/account';
import { scopeSetsFromQuery } from '../../addin/account/dialog-protocol';
import type { OutlookMockOptions } from './support/outlook-mock';
import { OUTLOOK_2021_LTSC } from './support/outlook-mock';
import { renderTaskpane } from './support/render-taskpane';

const config = { clientId: 'c1', apiScope: 'api://calsync/Rules.ReadWrite', apiBaseUrl: '', authority: 'https://login.microsoftonline.com/organizations' };
const paneHref = 'https://calsync.contoso.com/taskpane/taskpane.html';
const signInPage = 'https://calsync.contoso.com/auth/sign-in-dialog.html';

/** MSAL with nothing cached: every silent request needs interaction until an interactive sign-in succeeds. */
function emptyCacheMsal() {
  const calls: string[] = [];
  let signedIn = false;
  const pca = {
    getActiveAccount: () => null,
    getAllAccounts: () => (signedIn ? [{ username: 'ana@contoso.com' }] : []),
    setActiveAccount: () => undefined,
    acquireTokenSilent: async () => {
      calls.push('silent');
      if (signedIn) return { accessToken: 'naa-token' };
      throw Object.assign(new Error('no account'), { name: 'InteractionRequiredAuthError' });
    },
    acquireTokenPopup: async () => {
      calls.push('popup');
      signedIn = true;
      return { accessToken: 'naa-token', account: { username: 'ana@contoso.com' } };
    },
  } as unknown as IPublicClientApplication;
  return { pca, calls };
}

/** The sign-in page as Outlook would run it: tokens for every scope set it was opened with. */
const dialogSignsIn = (url: string) =>
  JSON.stringify({
    status: 'success',
    tokens: (scopeSetsFromQuery(new URL(url).search) ?? []).map((scopes) => ({ scopes, accessToken: 'dialog-token', expiresOn: Date.now() + 3_600_000 })),
  });

function renderWithAccount(outlook: Partial<OutlookMockOptions>) {
  const msal = emptyCacheMsal();
  let account: Account | undefined;
  const view = renderTaskpane({
    outlook,
    account: () =>
      (account = new Account(config, supportsNestedAppAuth(), { factories: { nested: async () => msal.pca, standard: async () => msal.pca }, paneHref })),
  });
  return { ...view, msal, account: () => account! };
}

const withoutNaa: Array<[string, Partial<OutlookMockOptions>]> = [
  ['classic Outlook 2021 LTSC', { ...OUTLOOK_2021_LTSC }],
  ['classic Windows before 2409', { client: 'classicWindows', hostVersion: '16.0.17928.20156' }],
  ['Outlook on Mac 16.88', { client: 'mac', hostVersion: '16.88.1' }],
  ['Outlook on the web with an Outlook.com mailbox', { client: 'web', accountType: 'outlookCom' }],
  ['new Outlook with a Gmail mailbox', { client: 'newOutlook', accountType: 'gmail' }],
];

describe('sign-in where nested app authentication is missing', () => {
  it.each(withoutNaa)('%s: nothing interactive on load; Sign in opens the Office dialog, and its token is used', async (_name, outlook) => {
    const { outlook: host, server, msal, account } = renderWithAccount({ ...outlook, dialog: { reply: dialogSignsIn } });
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Sign in to CalSync');
    expect(account().mode).toBe('dialog');
    // Before the click: silent only, no dialog, no popup, no request without a token.
    expect(host.calls).not.toContain('ui.displayDialogAsync');
    expect(msal.calls).not.toContain('popup');
    expect(server.requests).toEqual([]);

    fireEvent.click(within(alert).getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByText('No rules yet')).toBeTruthy();
    expect(host.dialogs).toHaveLength(1);
    expect(host.dialogs[0]!.url.startsWith(`${signInPage}?scopes=`)).toBe(true);
    expect(host.dialogs[0]!.closed).toBe(true);
    expect(msal.calls).not.toContain('popup');
    expect(server.requests.length).toBeGreaterThan(0);
    expect(server.requests.every((r) => r.headers.Authorization === 'Bearer dialog-token')).toBe(true);
  });

  it('says so when the person closes the sign-in window, and offers Sign in again', async () => {
    const { outlook: host, server } = renderWithAccount({ ...OUTLOOK_2021_LTSC, dialog: { closedByUser: true } });
    const alert = await screen.findByRole('alert');
    fireEvent.click(within(alert).getByRole('button', { name: 'Sign in' }));
    expect(await within(alert).findByText(/closed before you finished signing in/)).toBeTruthy();
    expect(within(alert).getByRole('button', { name: 'Sign in' })).toBeTruthy();
    expect(host.dialogs).toEqual([expect.objectContaining({ closed: true })]);
    expect(server.requests).toEqual([]);
  });

  it('says the browser blocked the window (12011)', async () => {
    renderWithAccount({ client: 'web', accountType: 'outlookCom', dialog: { openError: 12011 } });
    const alert = await screen.findByRole('alert');
    fireEvent.click(within(alert).getByRole('button', { name: 'Sign in' }));
    expect(await within(alert).findByText(/browser blocked the sign-in window/)).toBeTruthy();
  });
});

describe('sign-in with nested app authentication', () => {
  it('asks Outlook for a token interactively only when Sign in is pressed', async () => {
    const { outlook: host, server, msal, account } = renderWithAccount({ client: 'web' });
    const alert = await screen.findByRole('alert');
    expect(account().mode).toBe('nested');
    expect(msal.calls).toContain('silent');
    expect(msal.calls).not.toContain('popup');
    fireEvent.click(within(alert).getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByText('No rules yet')).toBeTruthy();
    expect(msal.calls.filter((c) => c === 'popup')).toHaveLength(1);
    expect(host.calls).not.toContain('ui.displayDialogAsync');
    expect(server.requests.every((r) => r.headers.Authorization === 'Bearer naa-token')).toBe(true);
  });
});
