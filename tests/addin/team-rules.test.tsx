/** @jest-environment jsdom */
/** Team rules in the pane (issue #16): names not ids, the editor's team search, and the preview's "not for you". */
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { fillBasics, openNewRuleEditor, saveRule, typeInto } from './support/editor-helpers';
import { sampleAppointment } from './support/outlook-mock';
import { renderTaskpane } from './support/render-taskpane';
import { apiRule } from './support/rule-factories';

const SALES = '6f1c2a4e-0b7d-4c8e-9a51-3d2f7e8b9c10';
const SUPPORT = '7a2d3b5f-1c8e-4d9f-8b62-4e3f8f9cad21';
const GONE = '9c4f5d71-3ea0-4fb1-8d84-6a51a1becf43';
const groups = [
  { id: SALES, displayName: 'Sales' },
  { id: SUPPORT, displayName: 'Support desk' },
];
const clientRule = (appliesTo: { groups: string[] }) =>
  apiRule({
    id: 'r_client',
    name: 'Client meetings',
    scope: 'org',
    appliesTo,
    when: { all: [{ field: 'subject', op: 'contains', value: 'review' }] },
    then: { category: 'Client', color: 'preset1', stop: false },
  });

describe('the rule list', () => {
  it('says which teams an org rule is for, by name, and counts those the directory no longer knows', async () => {
    renderTaskpane({
      server: {
        me: { isAdmin: true },
        rules: [clientRule({ groups: [SALES, SUPPORT] }), { ...clientRule({ groups: [GONE] }), id: 'r_old', name: 'Old team' }],
        groups,
      },
    });
    const org = await screen.findByRole('region', { name: 'Organisation rules' });
    await waitFor(() => expect(within(org).getByRole('listitem', { name: 'Client meetings' }).textContent).toContain('For Sales, Support desk'));
    expect(within(org).getByRole('listitem', { name: 'Old team' }).textContent).toContain('For 1 team');
    expect(org.textContent).not.toContain(SALES);
  });

  it('asks the directory once for the names of the teams the rules are for', async () => {
    const { server } = renderTaskpane({ server: { me: { isAdmin: false, teams: [SALES] }, rules: [clientRule({ groups: [SALES] })], groups } });
    await waitFor(() => expect(screen.getByRole('listitem', { name: 'Client meetings' }).textContent).toContain('For Sales'));
    expect(server.requests.filter((r) => r.path.startsWith('/api/directory/groups')).map((r) => r.path)).toEqual([`/api/directory/groups?ids=${SALES}`]);
  });

  it('asks nothing of the directory without team rules', async () => {
    const { server } = renderTaskpane({ server: { me: { isAdmin: true }, rules: [apiRule({ name: 'Mine' })], groups } });
    await screen.findByRole('listitem', { name: 'Mine' });
    expect(server.requests.filter((r) => r.path.startsWith('/api/directory'))).toEqual([]);
  });
});

describe('the editor', () => {
  it('makes a rule for a team an admin picks by name, and saves the group id', async () => {
    const { server } = renderTaskpane({ server: { me: { isAdmin: true }, rules: [], groups } });
    const form = await openNewRuleEditor();
    fireEvent.click(within(form).getByRole('radio', { name: 'Some teams' }));
    const search = within(form).getByRole('combobox', { name: /Add a team/ });
    typeInto(search, 'sal');
    const found = await within(form).findByRole('option', { name: 'Sales' });
    fireEvent.mouseDown(found);
    const chosen = within(form).getByRole('list', { name: 'Teams: chosen' });
    expect(chosen.textContent).toContain('Sales');
    fillBasics(form, { name: 'Client meetings', category: 'Client', conditionValue: 'client' });
    await saveRule(form);
    await waitFor(() => expect(server.rules.find((r) => r.name === 'Client meetings')).toBeTruthy());
    const saved = server.rules.find((r) => r.name === 'Client meetings')!;
    expect(saved.scope).toBe('org');
    expect(saved.appliesTo).toEqual({ groups: [SALES] });
  });

  it('keeps Save off until a team is chosen, and a removed team leaves the rule', async () => {
    renderTaskpane({ server: { me: { isAdmin: true }, rules: [clientRule({ groups: [SALES, SUPPORT] })], groups } });
    fireEvent.click(await screen.findByRole('button', { name: 'Edit Client meetings' }));
    const form = await screen.findByRole('form', { name: 'Edit rule' });
    expect(within(form).getByRole('radio', { name: 'Some teams' })).toHaveProperty('checked', true);
    fireEvent.click(await within(form).findByRole('button', { name: 'Remove Sales' }));
    fireEvent.click(await within(form).findByRole('button', { name: 'Remove Support desk' }));
    expect(within(form).queryByRole('list', { name: 'Teams: chosen' })).toBeNull();
    await waitFor(() => expect(within(form).getByRole('group', { name: 'Teams' }).textContent).toMatch(/1 to 20 groups/));
    expect(within(form).getByRole('button', { name: 'Save rule' })).toHaveProperty('disabled', true);
    // Back to everyone: the groups go with it.
    fireEvent.click(within(form).getByRole('radio', { name: /Everyone/ }));
    expect(within(form).queryByRole('group', { name: 'Teams' })).toBeNull();
  });
});

describe('this event', () => {
  it('says a team rule was not checked because the person is not in its team', async () => {
    renderTaskpane({
      server: { me: { isAdmin: true, teams: [] }, rules: [clientRule({ groups: [SALES] })], groups },
      outlook: { appointment: sampleAppointment({ subject: 'Quarterly review' }) },
    });
    const result = await screen.findByTestId('this-event-result');
    expect(result.textContent).toContain('No rule matches this event.');
    const left = await within(result).findByRole('list', { name: 'Rules not checked for you' });
    await waitFor(() => expect(left.textContent).toBe('Client meetings was not checked: it is for Sales, and you are not in that team.'));
  });

  it('checks it for a member, and says nothing of teams', async () => {
    renderTaskpane({
      server: { me: { isAdmin: false, teams: [SALES] }, rules: [clientRule({ groups: [SALES] })], groups },
      outlook: { appointment: sampleAppointment({ subject: 'Quarterly review' }) },
    });
    const result = await screen.findByTestId('this-event-result');
    await waitFor(() => expect(within(result).getByLabelText('Categories this event gets').textContent).toContain('Client'));
    expect(within(result).queryByRole('list', { name: 'Rules not checked for you' })).toBeNull();
  });
});
