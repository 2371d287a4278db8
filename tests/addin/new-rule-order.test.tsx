/** @jest-environment jsdom */
/** A new rule goes last in its scope: the pane sends no `order`, the server assigns it (issue #13). */
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { fillBasics, openNewRuleEditor, saveRule } from './support/editor-helpers';
import { renderTaskpane } from './support/render-taskpane';
import { externalRule } from './support/rule-factories';

const names = (listName: string) =>
  within(screen.getByRole('list', { name: listName }))
    .getAllByRole('listitem')
    .map((li) => li.getAttribute('aria-label'));

describe('a new rule', () => {
  it('is created without an order and lands last among the org rules, though the editor starts a personal rule and there are none', async () => {
    const org = [
      externalRule({ id: 'r_o1', name: 'External', order: 0 }),
      externalRule({ id: 'r_o2', name: 'Travel', order: 1 }),
      externalRule({ id: 'r_o3', name: 'Focus', order: 2 }),
    ];
    const { server } = renderTaskpane({ server: { me: { isAdmin: true }, rules: org } });
    const form = await openNewRuleEditor();
    fillBasics(form, { name: 'Holidays', category: 'Holiday', conditionValue: 'holiday' });
    fireEvent.click(within(form).getByRole('radio', { name: 'Everyone (organisation)' }));
    await saveRule(form);
    await waitFor(() => expect(names('Organisation rules')).toEqual(['External', 'Travel', 'Focus', 'Holidays']));
    const create = server.requests.find((r) => r.method === 'POST' && r.path === '/api/rules')!;
    expect(create.body).not.toHaveProperty('order');
    expect(server.rules.find((r) => r.name === 'Holidays')!.order).toBe(3);
  });
});
