/** @jest-environment jsdom */
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { renderTaskpane } from './support/render-taskpane';
import { apiRule, externalRule } from './support/rule-factories';

const names = (listName: string) =>
  within(screen.getByRole('list', { name: listName }))
    .getAllByRole('listitem')
    .map((li) => li.getAttribute('aria-label'));

function threePersonalRules() {
  return [
    apiRule({ id: 'r_a', name: 'Alpha', order: 10 }),
    apiRule({ id: 'r_b', name: 'Bravo', order: 20 }),
    apiRule({ id: 'r_c', name: 'Charlie', order: 30 }),
  ];
}

describe('rule list', () => {
  it('shows org rules read-only to people who are not admins', async () => {
    renderTaskpane({ server: { rules: [externalRule({ name: 'External meetings' }), ...threePersonalRules()] } });
    const org = await screen.findByRole('list', { name: 'Organisation rules' });
    expect(within(org).queryByRole('button')).toBeNull();
    expect(within(org).queryByRole('switch')).toBeNull();
    expect(within(org).getByText(/set by your organisation/)).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Edit Alpha' })).toBeTruthy();
  });

  it('lets admins edit org rules and see the Admin tab', async () => {
    renderTaskpane({ server: { me: { isAdmin: true }, rules: [externalRule({ name: 'External meetings' })] } });
    expect(await screen.findByRole('button', { name: 'Edit External meetings' })).toBeTruthy();
    expect(await screen.findByRole('tab', { name: 'Admin' })).toBeTruthy(); // the tabs load on demand
  });

  it('moves a rule down with its button in one reorder request, keeping focus on the moved rule', async () => {
    const { server } = renderTaskpane({ server: { rules: threePersonalRules() } });
    const down = await screen.findByRole('button', { name: 'Move Alpha down' });
    down.focus();
    fireEvent.click(down);
    await waitFor(() => expect(names('My rules')).toEqual(['Bravo', 'Alpha', 'Charlie']));
    const reorder = server.requests.filter((r) => r.path === '/api/rules/order');
    expect(reorder).toHaveLength(1);
    expect(reorder[0]!.body).toEqual({ scope: 'personal', ids: ['r_b', 'r_a', 'r_c'] });
    await waitFor(() => expect(document.activeElement?.getAttribute('aria-label')).toBe('Move Alpha down'));
  });

  it('moves a rule up with Alt+ArrowUp on its row', async () => {
    renderTaskpane({ server: { rules: threePersonalRules() } });
    const edit = await screen.findByRole('button', { name: 'Edit Charlie' });
    fireEvent.keyDown(edit, { key: 'ArrowUp', altKey: true });
    await waitFor(() => expect(names('My rules')).toEqual(['Alpha', 'Charlie', 'Bravo']));
    fireEvent.keyDown(screen.getByRole('button', { name: 'Edit Alpha' }), { key: 'ArrowUp', altKey: true });
    expect(names('My rules')).toEqual(['Alpha', 'Charlie', 'Bravo']); // already first: nothing to do
  });

  it('toggles a rule with If-Match carrying its ETag', async () => {
    const rules = threePersonalRules();
    const { server } = renderTaskpane({ server: { rules } });
    const toggle = await screen.findByRole('switch', { name: 'Enable Bravo' });
    fireEvent.click(toggle);
    await waitFor(() => expect(server.rules.find((r) => r.id === 'r_b')!.enabled).toBe(false));
    const put = server.requests.find((r) => r.method === 'PUT' && r.path === '/api/rules/r_b')!;
    expect(put.headers['If-Match']).toBe(rules[1]!.etag);
    expect((put.body as { etag?: string }).etag).toBeUndefined();
  });

  it('deletes only after confirmation', async () => {
    const { server } = renderTaskpane({ server: { rules: threePersonalRules() } });
    fireEvent.click(await screen.findByRole('button', { name: 'Delete Bravo' }));
    const dialog = await screen.findByRole('alertdialog');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(screen.queryByRole('alertdialog')).toBeNull());
    expect(server.requests.some((r) => r.method === 'DELETE')).toBe(false);

    fireEvent.click(screen.getByRole('button', { name: 'Delete Bravo' }));
    fireEvent.click(within(await screen.findByRole('alertdialog')).getByRole('button', { name: 'Delete' }));
    await waitFor(() => expect(names('My rules')).toEqual(['Alpha', 'Charlie']));
    expect(server.requests.filter((r) => r.method === 'DELETE').map((r) => r.path)).toEqual(['/api/rules/r_b']);
  });

  it('says in the delete dialog what really happens: the stamped category comes off events within seconds', async () => {
    renderTaskpane({ server: { me: { isAdmin: true }, rules: [externalRule({ id: 'r_ext', name: 'External meetings' }), ...threePersonalRules()] } });
    fireEvent.click(await screen.findByRole('button', { name: 'Delete External meetings' }));
    const org = (await screen.findByRole('alertdialog')).textContent ?? '';
    expect(org).toContain('Within seconds CalSync removes “External” from the events this rule coloured in every enrolled mailbox');
    expect(org).toContain('Categories people set themselves stay.');
    expect(org).not.toMatch(/keep the categories/);
    fireEvent.click(within(screen.getByRole('alertdialog')).getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(screen.queryByRole('alertdialog')).toBeNull());

    fireEvent.click(screen.getByRole('button', { name: 'Delete Bravo' }));
    const personal = (await screen.findByRole('alertdialog')).textContent ?? '';
    expect(personal).toContain('removes “Category');
    expect(personal).toContain('in your calendar');
  });
});
