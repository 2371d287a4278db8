/** @jest-environment jsdom */
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { fillBasics, openNewRuleEditor, saveRule, selectOption, typeInto } from './support/editor-helpers';
import { renderTaskpane } from './support/render-taskpane';

const optionValues = (select: HTMLElement) => Array.from(select.querySelectorAll('option')).map((o) => o.getAttribute('value'));

describe('condition builder', () => {
  it('offers only the operators that fit the chosen field, and a value input of its type', async () => {
    renderTaskpane();
    const form = await openNewRuleEditor();
    const field = within(form).getByRole('combobox', { name: 'Conditions, condition 1 field' });
    const operator = () => within(form).getByRole('combobox', { name: 'Conditions, condition 1 operator' });
    expect(optionValues(operator())).toEqual(['equals', 'notEquals', 'contains', 'notContains', 'startsWith', 'endsWith', 'matches', 'in', 'notIn']);

    selectOption(field, 'isOneOnOne');
    expect(optionValues(operator())).toEqual(['is']);
    expect(within(form).getByRole('combobox', { name: 'Conditions, condition 1 value' })).toBeTruthy();

    selectOption(field, 'durationMinutes');
    selectOption(operator(), 'between');
    expect(within(form).getByRole('spinbutton', { name: 'Conditions, condition 1 from' })).toBeTruthy();
    expect(within(form).getByRole('spinbutton', { name: 'Conditions, condition 1 to' })).toBeTruthy();

    selectOption(field, 'startTime');
    expect(optionValues(operator())).toEqual(['before', 'after', 'between']);
  });

  it('builds all/any groups with "not" into the rule document it saves', async () => {
    const { server } = renderTaskpane();
    const form = await openNewRuleEditor();
    selectOption(within(form).getByRole('combobox', { name: 'Conditions, condition 1 operator' }), 'contains');
    fillBasics(form, { name: 'Externals but not lunch', category: 'External', conditionValue: 'sync' });

    fireEvent.click(within(form).getByRole('button', { name: 'Add group' }));
    const group = within(form).getByRole('group', { name: 'Conditions, group 2' });
    expect((within(group).getByRole('combobox', { name: 'Conditions, group 2: match' }) as HTMLSelectElement).value).toBe('any');
    selectOption(within(group).getByRole('combobox', { name: 'Conditions, group 2, condition 1 field' }), 'hasExternalAttendees');
    fireEvent.click(within(group).getByRole('button', { name: 'Add condition' }));
    const second = 'Conditions, group 2, condition 2';
    selectOption(within(group).getByRole('combobox', { name: `${second} operator` }), 'contains');
    typeInto(within(group).getByRole('textbox', { name: `${second} value` }), 'lunch');
    fireEvent.click(within(group).getByRole('checkbox', { name: `${second}: not` }));

    await saveRule(form);
    await waitFor(() => expect(server.requests.some((r) => r.method === 'POST')).toBe(true));
    const posted = server.requests.find((r) => r.method === 'POST')!.body as Record<string, unknown>;
    expect(posted.when).toEqual({
      all: [
        { field: 'subject', op: 'contains', value: 'sync' },
        { any: [{ field: 'hasExternalAttendees', op: 'is', value: true }, { not: { field: 'subject', op: 'contains', value: 'lunch' } }] },
      ],
    });
    expect(posted.then).toEqual({ category: 'External', color: 'preset7', stop: false });
    expect(await screen.findByText('Externals but not lunch')).toBeTruthy();
  });

  it("shows the validator's issue in words and keeps Save disabled while the rule is invalid", async () => {
    renderTaskpane();
    const form = await openNewRuleEditor();
    fillBasics(form, { name: 'Bad category', category: 'a,b', conditionValue: 'x' });
    expect(await within(form).findByText('A category name cannot contain a comma: Outlook would read it as two categories.')).toBeTruthy();
    expect((within(form).getByRole('button', { name: 'Save rule' }) as HTMLButtonElement).disabled).toBe(true);
    typeInto(within(form).getByRole('textbox', { name: /Category name/ }), 'ab');
    await waitFor(() => expect((within(form).getByRole('button', { name: 'Save rule' }) as HTMLButtonElement).disabled).toBe(false));
  });

  it('removes a condition with its remove button', async () => {
    renderTaskpane();
    const form = await openNewRuleEditor();
    fireEvent.click(within(form).getByRole('button', { name: 'Add condition' }));
    expect(within(form).getByRole('group', { name: 'Conditions, condition 2' })).toBeTruthy();
    fireEvent.click(within(form).getByRole('button', { name: 'Remove conditions, condition 1' }));
    expect(within(form).queryByRole('group', { name: 'Conditions, condition 2' })).toBeNull();
    expect(within(form).getByRole('group', { name: 'Conditions, condition 1' })).toBeTruthy();
  });
});
