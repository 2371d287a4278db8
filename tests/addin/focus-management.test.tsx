/** @jest-environment jsdom */
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { renderTaskpane } from './support/render-taskpane';
import { apiRule } from './support/rule-factories';

const focusedName = () => document.activeElement?.getAttribute('aria-label') ?? document.activeElement?.textContent ?? '';
const rules = () => [apiRule({ id: 'r_a', name: 'Alpha' }), apiRule({ id: 'r_b', name: 'Bravo' })];

describe('focus', () => {
  it("moves into the editor, and back to the rule's Edit button when it closes", async () => {
    renderTaskpane({ server: { rules: rules() } });
    fireEvent.click(await screen.findByRole('button', { name: 'Edit Bravo' }));
    const form = await screen.findByRole('form', { name: 'Edit rule' });
    await waitFor(() => expect(document.activeElement).toBe(within(form).getByRole('textbox', { name: /Rule name/ })));
    fireEvent.keyDown(form, { key: 'Escape' });
    await waitFor(() => expect(focusedName()).toBe('Edit Bravo'));
  });

  it('returns to New rule when a new rule is cancelled', async () => {
    renderTaskpane({ server: { rules: rules() } });
    fireEvent.click(await screen.findByRole('button', { name: 'New rule' }));
    fireEvent.click(within(await screen.findByRole('form', { name: 'New rule' })).getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(focusedName()).toBe('New rule'));
  });

  it('lands on New rule after a rule is deleted, not on the body', async () => {
    renderTaskpane({ server: { rules: rules() } });
    fireEvent.click(await screen.findByRole('button', { name: 'Delete Bravo' }));
    fireEvent.click(within(await screen.findByRole('alertdialog')).getByRole('button', { name: 'Delete' }));
    await waitFor(() => expect(screen.queryByRole('listitem', { name: 'Bravo' })).toBeNull());
    await waitFor(() => expect(focusedName()).toBe('New rule'));
  });
});
