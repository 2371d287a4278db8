/** @jest-environment jsdom */
import type { IPublicClientApplication } from '@azure/msal-browser';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { Account } from '../../addin/account/account';
import { renderTaskpane } from './support/render-taskpane';
import { apiRule } from './support/rule-factories';

const names = (listName: string) =>
  within(screen.getByRole('list', { name: listName }))
    .getAllByRole('listitem')
    .map((li) => li.getAttribute('aria-label'));

const threeRules = () => [
  apiRule({ id: 'r_a', name: 'Alpha', order: 10 }),
  apiRule({ id: 'r_b', name: 'Bravo', order: 20 }),
  apiRule({ id: 'r_c', name: 'Charlie', order: 30 }),
];

describe('Retry on list actions outside the editor', () => {
  it('retries a toggle that could not reach the service', async () => {
    const { server } = renderTaskpane({ server: { rules: threeRules() } });
    const toggle = await screen.findByRole('switch', { name: 'Enable Bravo' });
    server.unreachable = true;
    fireEvent.click(toggle);
    const alert = await screen.findByRole('alert');
    server.unreachable = false;
    fireEvent.click(within(alert).getByRole('button', { name: 'Retry' }));
    await waitFor(() => expect(server.rules.find((r) => r.id === 'r_b')!.enabled).toBe(false));
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('retries a move the service failed', async () => {
    const { server } = renderTaskpane({ server: { rules: threeRules() } });
    server.failNext('PUT', '/api/rules/order', 503, 'unavailable');
    fireEvent.click(await screen.findByRole('button', { name: 'Move Alpha down' }));
    fireEvent.click(within(await screen.findByRole('alert')).getByRole('button', { name: 'Retry' }));
    await waitFor(() => expect(names('My rules')).toEqual(['Bravo', 'Alpha', 'Charlie']));
    expect(server.requests.filter((r) => r.path === '/api/rules/order').map((r) => r.body)).toEqual([
      { scope: 'personal', ids: ['r_b', 'r_a', 'r_c'] },
      { scope: 'personal', ids: ['r_b', 'r_a', 'r_c'] },
    ]);
  });

  it('retries a delete after a rate limit', async () => {
    const { server } = renderTaskpane({ server: { rules: threeRules() } });
    server.failNext('DELETE', '/api/rules/r_b', 429, 'rate_limited', 'slow down', { 'Retry-After': '3' });
    fireEvent.click(await screen.findByRole('button', { name: 'Delete Bravo' }));
    fireEvent.click(within(await screen.findByRole('alertdialog')).getByRole('button', { name: 'Delete' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Try again in 3 seconds');
    fireEvent.click(within(alert).getByRole('button', { name: 'Retry' }));
    await waitFor(() => expect(names('My rules')).toEqual(['Alpha', 'Charlie']));
    expect(server.rules.map((r) => r.id)).toEqual(['r_a', 'r_c']);
  });
});

describe('Retry on reading the open event', () => {
  it('reads the event again after Outlook failed to give it', async () => {
    const failures: Record<string, { code: number; name: string }> = { 'item.body.getAsync': { code: 9002, name: 'InternalServerError' } };
    renderTaskpane({
      server: { rules: [apiRule({ name: 'Reviews', when: { all: [{ field: 'subject', op: 'contains', value: 'review' }] } })] },
      outlook: { failures },
    });
    const section = await screen.findByRole('region', { name: 'This event' });
    await within(section).findByText(/Outlook could not do that/);
    delete failures['item.body.getAsync'];
    fireEvent.click(within(section).getByRole('button', { name: 'Retry' }));
    const result = await screen.findByTestId('this-event-result');
    expect(within(result).getByLabelText('Categories this event gets').textContent).toContain('Category');
  });
});

describe('Retry on applying to the event', () => {
  it('applies again after Outlook failed to add the categories', async () => {
    const failures: Record<string, { code: number; name: string }> = { 'item.categories.addAsync': { code: 9002, name: 'InternalServerError' } };
    const { outlook } = renderTaskpane({
      server: { rules: [apiRule({ name: 'Reviews', then: { category: 'Review', color: 'preset7', stop: false } })] },
      outlook: { failures },
    });
    fireEvent.click(await screen.findByRole('button', { name: 'Apply to this event' }));
    const section = screen.getByRole('region', { name: 'This event' });
    await within(section).findByText(/Outlook could not do that/);
    delete failures['item.categories.addAsync'];
    fireEvent.click(within(section).getByRole('button', { name: 'Retry' }));
    await waitFor(() => expect(outlook.itemCategories).toEqual(['Review']));
  });
});

describe('Sign in again', () => {
  /** MSAL as the account module sees it: a cached token the API no longer accepts, and a popup that gives a fresh one. */
  function staleTokenMsal() {
    const calls: string[] = [];
    let cached = 'cached-token'; // MSAL keeps handing this back silently until an interactive sign-in replaces it
    const pca = {
      getActiveAccount: () => null,
      getAllAccounts: () => [{ username: 'ana@contoso.com' }],
      setActiveAccount: () => calls.push('setActiveAccount'),
      acquireTokenSilent: async () => (calls.push('silent'), { accessToken: cached }),
      acquireTokenPopup: async () => {
        calls.push('popup');
        cached = 'fresh-token';
        return { accessToken: cached, account: { username: 'ana@contoso.com' } };
      },
    } as unknown as IPublicClientApplication;
    return { pca, calls };
  }

  it('signs in interactively instead of sending the cached token again', async () => {
    const msal = staleTokenMsal();
    const account = new Account(
      { clientId: 'c1', apiScope: 'api://calsync/Rules.ReadWrite', apiBaseUrl: '', authority: 'https://login.microsoftonline.com/organizations' },
      true,
      {
        factories: { nested: async () => msal.pca, standard: async () => msal.pca },
      },
    );
    const { server } = renderTaskpane({ account, beforeRender: (s) => s.failNext('GET', '/api/me', 401, 'unauthorized', 'token expired') });
    const alert = await screen.findByRole('alert');
    expect(msal.calls).not.toContain('popup');
    const before = server.requests.length;
    fireEvent.click(within(alert).getByRole('button', { name: 'Sign in again' }));
    expect(await screen.findByText('No rules yet')).toBeTruthy();
    // One sign-in, from the click, for the reload's parallel requests, and every one of them carried its token.
    expect(msal.calls.filter((c) => c === 'popup')).toHaveLength(1);
    const after = server.requests.slice(before);
    expect(after.length).toBeGreaterThan(0);
    expect(after.every((r) => r.headers.Authorization === 'Bearer fresh-token')).toBe(true);
  });
});
