/** @jest-environment jsdom */
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { typeInto } from './support/editor-helpers';
import { renderTaskpane } from './support/render-taskpane';

async function openAdminTab() {
  fireEvent.click(await screen.findByRole('tab', { name: 'Admin' }));
  return screen.findByRole('button', { name: 'Save settings' });
}

const settingsPuts = (server: { requests: Array<{ method: string; path: string; headers: Record<string, string>; body: unknown }> }) =>
  server.requests.filter((r) => r.method === 'PUT' && r.path === '/api/settings');

/** An enrolled group: a save that did not touch the teams sends it back as loaded. */
const SALES = '6f1c2a4e-0b7d-4c8e-9a51-3d2f7e8b9c10';
describe('admin panel', () => {
  it('is not offered to people who are not admins', async () => {
    renderTaskpane();
    await screen.findByText('No rules yet');
    expect(screen.queryByRole('tab', { name: 'Admin' })).toBeNull();
  });

  it('saves internal domains, enrolled mailboxes, sync window and the org-rules lock, keeping the enrolled groups', async () => {
    const { server } = renderTaskpane({ server: { me: { isAdmin: true }, settings: { enrolledGroups: [SALES], categoryPolicy: 'allow' } } });
    const save = await openAdminTab();
    typeInto(screen.getByRole('textbox', { name: /Internal domains/ }), 'Contoso.com, fabrikam.net ,');
    fireEvent.click(screen.getByRole('switch', { name: 'Colour every mailbox in the organisation' }));
    for (const address of ['ana@contoso.com', 'bo@contoso.com']) {
      const picker = screen.getByRole('combobox', { name: /Add a person/ });
      typeInto(picker, address);
      fireEvent.keyDown(picker, { key: 'Enter' });
      await screen.findByText(`${address} added. Save the settings to enrol it.`);
    }
    fireEvent.click(screen.getByRole('switch', { name: /Lock organisation rules/ }));
    fireEvent.click(save);
    expect(await screen.findByText('Settings saved.')).toBeTruthy();
    const put = settingsPuts(server)[0]!;
    expect(put.body).toEqual({
      internalDomains: ['contoso.com', 'fabrikam.net'],
      enrolledMailboxes: ['ana@contoso.com', 'bo@contoso.com'],
      enrolledGroups: [SALES],
      syncWindowDays: { past: 7, future: 30 },
      orgRulesLocked: true,
      categoryPolicy: 'allow',
    });
    expect(put.headers['If-Match']).toBe('"s1"');
  });

  it('enrols teams picked by name and sets the colour policy', async () => {
    const SUPPORT = '7a2d3b5f-1c8e-4d9f-8b62-4e3f8f9cad21';
    const groups = [
      { id: SALES, displayName: 'Sales' },
      { id: SUPPORT, displayName: 'Support desk' },
    ];
    const { server } = renderTaskpane({ server: { me: { isAdmin: true }, settings: { enrolledMailboxes: [], enrolledGroups: [SALES] }, groups } });
    const save = await openAdminTab();
    const teams = screen.getByRole('group', { name: 'Teams kept in sync' });
    // The loaded team shows by name.
    await within(teams).findByRole('button', { name: 'Remove Sales' });
    typeInto(within(teams).getByRole('combobox', { name: /Add a team/ }), 'supp');
    fireEvent.mouseDown(await within(teams).findByRole('option', { name: 'Support desk' }));
    fireEvent.click(within(teams).getByRole('button', { name: 'Remove Sales' }));
    const keep = screen.getByRole('switch', { name: /Keep the organisation's colours/ });
    expect(keep).toHaveProperty('checked', true);
    fireEvent.click(keep);
    fireEvent.click(save);
    expect(await screen.findByText('Settings saved.')).toBeTruthy();
    const put = server.requests.find((r) => r.method === 'PUT')!;
    expect(put.body).toMatchObject({ enrolledMailboxes: [], enrolledGroups: [SUPPORT], categoryPolicy: 'allow' });
  });

  it('hides the teams while every mailbox is enrolled', async () => {
    renderTaskpane({ server: { me: { isAdmin: true }, settings: { enrolledMailboxes: 'all' } } });
    await openAdminTab();
    expect(screen.queryByRole('group', { name: 'Teams kept in sync' })).toBeNull();
  });

  it('says what the lock does: org rules cannot be changed until unlocked, by admins either', async () => {
    renderTaskpane({ server: { me: { isAdmin: true } } });
    await openAdminTab();
    expect(screen.getByRole('switch', { name: /Lock organisation rules/ }).closest('div')!.textContent).toMatch(
      /nobody, admins included, can change them until they are unlocked/,
    );
  });

  it('saves the sync window typed into its fields', async () => {
    const { server } = renderTaskpane({ server: { me: { isAdmin: true } } });
    const save = await openAdminTab();
    const back = screen.getByRole('spinbutton', { name: 'Sync days back' });
    const ahead = screen.getByRole('spinbutton', { name: 'Sync days ahead' });
    typeInto(back, '14');
    fireEvent.blur(back); // a SpinButton commits typed text on blur
    typeInto(ahead, '90');
    fireEvent.keyDown(ahead, { key: 'Enter' }); // or on Enter
    typeInto(back, 'soon');
    fireEvent.blur(back); // not a number: the field keeps 14
    await waitFor(() => expect((back as HTMLInputElement).value).toBe('14'));
    fireEvent.click(save);
    await screen.findByText('Settings saved.');
    expect((settingsPuts(server)[0]!.body as { syncWindowDays: unknown }).syncWindowDays).toEqual({ past: 14, future: 90 });
    expect(server.settings.syncWindowDays).toEqual({ past: 14, future: 90 });
  });

  it('saves twice in a row, each time with the ETag the previous save returned', async () => {
    const { server } = renderTaskpane({ server: { me: { isAdmin: true } } });
    const save = await openAdminTab();
    typeInto(screen.getByRole('textbox', { name: /Internal domains/ }), 'contoso.com');
    fireEvent.click(save);
    await screen.findByText('Settings saved.');
    typeInto(screen.getByRole('textbox', { name: /Internal domains/ }), 'contoso.com, fabrikam.net');
    fireEvent.click(save);
    await waitFor(() => expect(settingsPuts(server)).toHaveLength(2));
    expect(await screen.findByText('Settings saved.')).toBeTruthy();
    expect(screen.queryByRole('alert')).toBeNull();
    expect(settingsPuts(server).map((r) => r.headers['If-Match'])).toEqual(['"s1"', '"s2"']);
    expect(server.settings.internalDomains).toEqual(['contoso.com', 'fabrikam.net']);
  });

  it('on a 412 says the settings changed elsewhere and reloads them into the form', async () => {
    const { server } = renderTaskpane({ server: { me: { isAdmin: true } } });
    const save = await openAdminTab();
    server.changeSettingsElsewhere({ internalDomains: ['elsewhere.com'] });
    typeInto(screen.getByRole('textbox', { name: /Internal domains/ }), 'mine.com');
    fireEvent.click(save);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Changed elsewhere');
    expect(alert.textContent).toContain('The organisation settings were changed elsewhere');
    expect(alert.textContent).not.toMatch(/rule/i);
    expect(server.settings.internalDomains).toEqual(['elsewhere.com']); // nothing overwritten

    fireEvent.click(within(alert).getByRole('button', { name: 'Reload' }));
    await waitFor(() => expect((screen.getByRole('textbox', { name: /Internal domains/ }) as HTMLInputElement).value).toBe('elsewhere.com'));
    expect(screen.queryByRole('alert')).toBeNull();
    typeInto(screen.getByRole('textbox', { name: /Internal domains/ }), 'elsewhere.com, mine.com');
    fireEvent.click(save);
    expect(await screen.findByText('Settings saved.')).toBeTruthy();
    expect(settingsPuts(server).map((r) => r.headers['If-Match'])).toEqual(['"s1"', '"s2"']);
    expect(server.settings.internalDomains).toEqual(['elsewhere.com', 'mine.com']);
  });

  it('shows a refused save (403) without losing the form, and offers no pointless retry', async () => {
    const { server } = renderTaskpane({ server: { me: { isAdmin: true } } });
    const save = await openAdminTab();
    server.failNext('PUT', '/api/settings', 403, 'forbidden', 'admins only');
    typeInto(screen.getByRole('textbox', { name: /Internal domains/ }), 'contoso.com');
    fireEvent.click(save);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('You do not have permission');
    expect(within(alert).queryByRole('button', { name: 'Retry' })).toBeNull();
    expect((screen.getByRole('textbox', { name: /Internal domains/ }) as HTMLInputElement).value).toBe('contoso.com');
  });

  it('retries a save that failed on the way (service unreachable)', async () => {
    const { server } = renderTaskpane({ server: { me: { isAdmin: true } } });
    const save = await openAdminTab();
    typeInto(screen.getByRole('textbox', { name: /Internal domains/ }), 'fabrikam.net');
    server.unreachable = true;
    fireEvent.click(save);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Cannot reach CalSync');
    server.unreachable = false;
    fireEvent.click(within(alert).getByRole('button', { name: 'Retry' }));
    expect(await screen.findByText('Settings saved.')).toBeTruthy();
    expect(server.settings.internalDomains).toEqual(['fabrikam.net']);
  });
});
