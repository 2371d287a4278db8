/** @jest-environment jsdom */
import { fireEvent, screen, within } from '@testing-library/react';
import { typeInto } from './support/editor-helpers';
import { registerLazyModules } from './support/lazy-modules';
import { renderTaskpane } from './support/render-taskpane';

registerLazyModules();

async function openAdminTab() {
  fireEvent.click(await screen.findByRole('tab', { name: 'Admin' }));
  return screen.findByRole('button', { name: 'Save settings' });
}

describe('admin panel', () => {
  it('is not offered to people who are not admins', async () => {
    renderTaskpane();
    await screen.findByText('No rules yet');
    expect(screen.queryByRole('tab', { name: 'Admin' })).toBeNull();
  });

  it('saves internal domains, enrolled mailboxes, sync window and the org-rules lock', async () => {
    const { server } = renderTaskpane({ server: { me: { isAdmin: true } } });
    const save = await openAdminTab();
    typeInto(screen.getByRole('textbox', { name: /Internal domains/ }), 'Contoso.com, fabrikam.net ,');
    fireEvent.click(screen.getByRole('switch', { name: 'Colour every mailbox in the organisation' }));
    typeInto(screen.getByRole('textbox', { name: /Enrolled mailboxes/ }), 'ana@contoso.com, bo@contoso.com');
    fireEvent.click(screen.getByRole('switch', { name: /Lock organisation rules/ }));
    fireEvent.click(save);
    expect(await screen.findByText('Settings saved.')).toBeTruthy();
    const put = server.requests.find((r) => r.method === 'PUT' && r.path === '/api/settings')!;
    expect(put.body).toEqual({
      internalDomains: ['contoso.com', 'fabrikam.net'],
      enrolledMailboxes: ['ana@contoso.com', 'bo@contoso.com'],
      syncWindowDays: { past: 7, future: 30 },
      orgRulesLocked: true,
    });
    expect(put.headers['If-Match']).toBe('"s1"');
  });

  it('shows a refused save (403) without losing the form', async () => {
    const { server } = renderTaskpane({ server: { me: { isAdmin: true } } });
    const save = await openAdminTab();
    server.failNext('PUT', '/api/settings', 403, 'forbidden', 'admins only');
    typeInto(screen.getByRole('textbox', { name: /Internal domains/ }), 'contoso.com');
    fireEvent.click(save);
    expect((await screen.findByRole('alert')).textContent).toContain('You do not have permission');
    expect((screen.getByRole('textbox', { name: /Internal domains/ }) as HTMLInputElement).value).toBe('contoso.com');
  });

  it('lists the audit trail on request', async () => {
    const { server } = renderTaskpane({ server: { me: { isAdmin: true } } });
    server.audit.push({ at: '2026-03-01T10:00:00Z', actor: 'ana@contoso.com', action: 'updated', ruleId: 'r_ext' });
    await openAdminTab();
    fireEvent.click(screen.getByRole('button', { name: 'Show recent changes' }));
    const list = await screen.findByRole('list', { name: 'Recent changes' });
    expect(within(list).getAllByRole('listitem').map((li) => li.textContent)).toEqual(['2026-03-01T10:00:00Z — ana@contoso.com updated r_ext']);
  });

  it('imports a rules file and shows the imported rules', async () => {
    const { server } = renderTaskpane({ server: { me: { isAdmin: true } } });
    await openAdminTab();
    const rule = { name: 'Imported', scope: 'org', enabled: true, order: 0, when: { all: [] }, then: { category: 'Imp', color: 'preset3', stop: false } };
    const file = new File([JSON.stringify({ version: 1, rules: [rule] })], 'rules.json', { type: 'application/json' });
    if (!('text' in file)) Object.assign(file, { text: async () => JSON.stringify({ version: 1, rules: [rule] }) });
    fireEvent.change(screen.getByLabelText('Import rules file'), { target: { files: [file] } });
    expect(await screen.findByText('Imported rules.json.')).toBeTruthy();
    expect(server.requests.find((r) => r.method === 'POST' && r.path === '/api/import')!.body).toEqual({ version: 1, rules: [rule] });
    fireEvent.click(screen.getByRole('tab', { name: 'Rules' }));
    expect(await screen.findByRole('listitem', { name: 'Imported' })).toBeTruthy();
  });
});
