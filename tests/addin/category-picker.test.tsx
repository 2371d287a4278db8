/** @jest-environment jsdom */
/** Issue #13: the editor offers the categories that exist (org rules' and the mailbox's), and warns when a colour will not show. */
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { openNewRuleEditor, typeInto } from './support/editor-helpers';
import { renderTaskpane } from './support/render-taskpane';
import { apiRule, externalRule } from './support/rule-factories';

const teamRule = () => apiRule({ id: 'r_team', name: 'Team meetings', scope: 'org', then: { category: 'Team', color: 'preset8', stop: false } });
const masterList = [
  { displayName: 'Holiday', color: 'Preset3' },
  { displayName: 'Team', color: 'Preset8' },
  { displayName: 'Plain', color: 'None' },
];

async function openPicker(form: HTMLElement) {
  fireEvent.click(await within(form).findByRole('combobox', { name: /Or pick an existing category/ }));
  return screen.findByRole('listbox');
}

const optionNames = (listbox: HTMLElement) =>
  within(listbox)
    .getAllByRole('option')
    .map((o) => o.textContent);

describe('category picker', () => {
  it('offers the organisation rules’ categories and the mailbox’s master list, once each, and fills name and colour', async () => {
    renderTaskpane({ server: { rules: [teamRule(), externalRule()] }, outlook: { masterCategories: masterList } });
    const form = await openNewRuleEditor();
    const listbox = await openPicker(form);
    await waitFor(() =>
      expect(optionNames(listbox)).toEqual(['External(Red)organisation', 'Holiday(Yellow)your categories', 'Plainyour categories', 'Team(Purple)organisation']),
    );

    fireEvent.click(within(listbox).getByRole('option', { name: /Holiday/ }));
    expect(within(form).getByRole('textbox', { name: /Category name/ })).toHaveProperty('value', 'Holiday');
    expect(within(form).getByText('Colour: Yellow')).toBeTruthy();
  });

  it('offers the organisation’s categories alone where Outlook cannot list the mailbox’s (before Mailbox 1.8)', async () => {
    renderTaskpane({ server: { rules: [teamRule()] }, outlook: { masterCategories: masterList, withoutCategoriesApi: true } });
    const form = await openNewRuleEditor();
    const listbox = await openPicker(form);
    expect(optionNames(listbox)).toEqual(['Team(Purple)organisation']);
  });
});

describe('a category that exists in another colour', () => {
  it('warns that the organisation’s colour wins (Adele’s "Team, Red"), and one click takes that colour', async () => {
    renderTaskpane({ server: { rules: [teamRule()] } });
    const form = await openNewRuleEditor();
    typeInto(within(form).getByRole('textbox', { name: /Category name/ }), 'team');
    fireEvent.click(within(form).getByRole('gridcell', { name: 'Red' }));
    expect(
      await within(form).findByText("“Team” is already an organisation category in Purple. Events will show Purple, not Red: the organisation's colour wins."),
    ).toBeTruthy();

    fireEvent.click(within(form).getByRole('button', { name: 'Use Purple' }));
    await waitFor(() => expect(within(form).queryByText(/already an organisation category/)).toBeNull());
    expect(within(form).getByText('Colour: Purple')).toBeTruthy();
  });

  it('warns that the mailbox keeps its own colour for a category only its list has', async () => {
    renderTaskpane({ outlook: { masterCategories: masterList } });
    const form = await openNewRuleEditor();
    typeInto(within(form).getByRole('textbox', { name: /Category name/ }), 'Holiday');
    expect(
      await within(form).findByText(
        'Your Outlook category list already has “Holiday” in Yellow. Outlook keeps that colour, so events will show Yellow, not Blue.',
      ),
    ).toBeTruthy();
  });

  it('does not warn when an org rule is edited in its own category’s colour, nor for the same colour', async () => {
    renderTaskpane({ server: { me: { isAdmin: true }, rules: [teamRule()] } });
    fireEvent.click(await screen.findByRole('button', { name: 'Edit Team meetings' }));
    const form = await screen.findByRole('form', { name: 'Edit rule' });
    fireEvent.click(within(form).getByRole('gridcell', { name: 'Red' }));
    expect(within(form).getByText('Colour: Red')).toBeTruthy();
    expect(within(form).queryByRole('button', { name: /^Use / })).toBeNull();
  });
});
