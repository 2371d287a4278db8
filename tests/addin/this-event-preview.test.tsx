/** @jest-environment jsdom */
import { screen, waitFor, within } from '@testing-library/react';
import { fillBasics, openNewRuleEditor, selectOption, typeInto } from './support/editor-helpers';
import { renderTaskpane } from './support/render-taskpane';
import { sampleAppointment } from './support/outlook-mock';
import { apiRule, externalRule } from './support/rule-factories';

describe('This event preview', () => {
  it('shows which saved rules match the open appointment and why', async () => {
    renderTaskpane({
      server: {
        rules: [
          externalRule({ id: 'r_ext' }),
          apiRule({
            id: 'r_lunch',
            name: 'Lunch',
            when: { all: [{ field: 'subject', op: 'contains', value: 'lunch' }] },
            then: { category: 'Lunch', color: 'preset4', stop: false },
          }),
        ],
      },
      outlook: { appointment: sampleAppointment({ requiredAttendees: [{ emailAddress: 'bo@fabrikam.com', displayName: 'Bo' }] }) },
    });
    const result = await screen.findByTestId('this-event-result');
    expect(within(result).getByLabelText('Categories this event gets').textContent).toContain('External');
    expect(within(result).queryByText('Lunch')).toBeNull();
    const why = within(result).getByRole('list', { name: 'Why External meetings matched' });
    expect(why.textContent).toContain('Has external people');
    expect(why.textContent).not.toMatch(/hasExternalAttendees|true/);
  });

  it('says so when no rule matches', async () => {
    renderTaskpane({
      server: { rules: [externalRule()] },
      outlook: { appointment: sampleAppointment({ requiredAttendees: [{ emailAddress: 'cy@contoso.com', displayName: 'Cy' }] }) },
    });
    expect(await screen.findByText('No rule matches this event.')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Apply to this event' })).toBeNull();
  });
});

describe('This event preview while editing', () => {
  it('recomputes from the unsaved rule on every change, before anything is saved', async () => {
    const { server } = renderTaskpane({
      server: { rules: [apiRule({ name: 'Old', when: { all: [{ field: 'subject', op: 'contains', value: 'nothing like it' }] } })] },
    });
    const form = await openNewRuleEditor();
    selectOption(within(form).getByRole('combobox', { name: 'Conditions, condition 1 operator' }), 'contains');
    fillBasics(form, { name: 'Reviews', category: 'Review', conditionValue: 'quarterly' });
    const result = await screen.findByTestId('this-event-result');
    await waitFor(() => expect(within(result).getByLabelText('Categories this event gets').textContent).toContain('Review'));
    expect(within(result).getByRole('list', { name: 'Why Reviews matched' }).textContent).toContain('Subject contains "quarterly"');

    typeInto(within(form).getByRole('textbox', { name: 'Conditions, condition 1 value' }), 'standup');
    await waitFor(() => expect(within(result).queryByLabelText('Categories this event gets')).toBeNull());
    expect(server.requests.filter((r) => r.method !== 'GET')).toEqual([]);
  });
});
