/** @jest-environment jsdom */
/** Issue #13: validation speaks at the field, in words; settings refusals name the field; day fields keep to their bounds. */
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { CalSyncApiError } from '../../addin/api/api-errors';
import { describeSettingsError } from '../../addin/taskpane/components/settings-errors';
import { DEFAULT_SETTINGS } from '../../shared/settings-defaults';
import { openNewRuleEditor, selectOption, typeInto } from './support/editor-helpers';
import { renderTaskpane } from './support/render-taskpane';

/** The text of whatever describes a control (Fluent's Field wires its message through aria-describedby). */
const descriptionOf = (el: HTMLElement) =>
  (el.getAttribute('aria-describedby') ?? '')
    .split(' ')
    .filter(Boolean)
    .map((id) => document.getElementById(id)?.textContent ?? '')
    .join(' ');

describe('rule editor validation in words', () => {
  it('says at the empty name why Save is off', async () => {
    renderTaskpane();
    const form = await openNewRuleEditor();
    const name = within(form).getByRole('textbox', { name: /Rule name/ });
    await waitFor(() => expect(descriptionOf(name)).toContain('Give the rule a name: Save stays off until it has one.'));
    const save = within(form).getByRole('button', { name: 'Save rule' });
    expect(save).toHaveProperty('disabled', true);
    expect(descriptionOf(save)).toMatch(/^Save is off until the \d+ fields marked above are filled in or fixed\.$/);
    // Not shouted before anything is typed: no error state on an untouched empty field.
    expect(name.getAttribute('aria-invalid')).toBeNull();
  });

  it('words a 300-character name with the limit, never the schema message', async () => {
    renderTaskpane();
    const form = await openNewRuleEditor();
    const name = within(form).getByRole('textbox', { name: /Rule name/ });
    typeInto(name, 'n'.repeat(300));
    await waitFor(() => expect(descriptionOf(name)).toContain('A rule name can be at most 120 characters; this one has 300. Shorten it.'));
    expect(name.getAttribute('aria-invalid')).toBe('true');
    expect(form.textContent).not.toMatch(/Too big|expected string|<=/);
  });

  it('marks a bad pattern at its value field with a plain explanation', async () => {
    renderTaskpane();
    const form = await openNewRuleEditor();
    selectOption(within(form).getByRole('combobox', { name: 'Conditions, condition 1 operator' }), 'matches');
    const value = within(form).getByRole('textbox', { name: 'Conditions, condition 1 value' });
    typeInto(value, 'Project (Apollo');
    await waitFor(() => expect(value.getAttribute('aria-invalid')).toBe('true'));
    expect(descriptionOf(value)).toBe(
      'This pattern cannot be used: a "(" is never closed with ")" (at "Project (Apollo"). Check the brackets and special characters, or use "contains" for plain text.',
    );
    expect(form.textContent).not.toMatch(/RE2|error parsing regexp/);

    typeInto(value, 'Project \\(Apollo');
    await waitFor(() => expect(value.getAttribute('aria-invalid')).toBeNull());
  });
});

async function openAdminTab() {
  fireEvent.click(await screen.findByRole('tab', { name: 'Admin' }));
  return screen.findByRole('button', { name: 'Save settings' });
}

describe('settings errors name the field', () => {
  it('quotes the entry the API refused, under the field’s own label', async () => {
    const { server } = renderTaskpane({ server: { me: { isAdmin: true } } });
    const save = await openAdminTab();
    typeInto(screen.getByRole('textbox', { name: /Internal domains/ }), 'contoso.com, not a domain');
    fireEvent.click(save);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Check what you entered');
    expect(alert.textContent).toContain('The settings were not saved. Internal domains: "not a domain" (the 2nd entry) is not a domain like contoso.com.');
    expect(alert.textContent).not.toMatch(/Something went wrong|invalid settings/);
    expect(server.settings.internalDomains).toEqual(['contoso.com']);
  });

  it('names enrolled mailboxes the same way (the API’s "enrolledMailboxes[1]")', () => {
    const refusal = new CalSyncApiError(
      'validation',
      'invalid settings',
      400,
      'validation_failed',
      [{ path: 'enrolledMailboxes[1]', message: 'expected an email address' }],
      null,
      'settings',
    );
    const sent = { ...DEFAULT_SETTINGS, enrolledMailboxes: ['adele@contoso.com', 'bob@'] };
    expect(describeSettingsError(refusal, sent)).toBe('The settings were not saved. Enrolled mailboxes: "bob@" (the 2nd entry) is not an email address.');
  });

  it('refuses −5 days back and 100000 days ahead at the field, and Save stays off until they are in range', async () => {
    const { server } = renderTaskpane({ server: { me: { isAdmin: true } } });
    const save = await openAdminTab();
    const back = screen.getByRole('spinbutton', { name: 'Sync days back' });
    const ahead = screen.getByRole('spinbutton', { name: 'Sync days ahead' });
    typeInto(back, '-5');
    fireEvent.blur(back);
    await waitFor(() => expect(descriptionOf(back)).toBe('Enter a whole number of days from 0 to 365.'));
    typeInto(ahead, '100000');
    fireEvent.blur(ahead);
    await waitFor(() => expect(descriptionOf(ahead)).toBe('Enter a whole number of days from 0 to 730.'));
    expect(back.getAttribute('aria-invalid')).toBe('true');
    expect(save).toHaveProperty('disabled', true);

    typeInto(back, '14');
    fireEvent.blur(back);
    typeInto(ahead, '730');
    fireEvent.blur(ahead);
    await waitFor(() => expect(save).toHaveProperty('disabled', false));
    fireEvent.click(save);
    await screen.findByText('Settings saved.');
    expect(server.settings.syncWindowDays).toEqual({ past: 14, future: 730 });
  });
});
