/** @jest-environment jsdom */
import { fireEvent, screen, within } from '@testing-library/react';
import { openNewRuleEditor } from './support/editor-helpers';
import { renderTaskpane } from './support/render-taskpane';
import { apiRule, externalRule } from './support/rule-factories';

const rules = () => [externalRule({ id: 'r_ext', name: 'External meetings' }), apiRule({ id: 'r_mine', name: 'Mine' })];

describe('org-rules lock', () => {
  it('shows org rules read-only to admins while locked, with a note pointing to the Admin tab', async () => {
    renderTaskpane({ server: { me: { isAdmin: true }, rules: rules(), settings: { orgRulesLocked: true } } });
    const org = await screen.findByRole('region', { name: 'Organisation rules' });
    expect(org.textContent).toContain('Organisation rules are locked');
    expect(org.textContent).toContain('Unlock them in the Admin tab');
    expect(within(org).queryByRole('button')).toBeNull();
    expect(within(org).queryByRole('switch')).toBeNull();
    // Personal rules stay the admin's to change.
    expect(screen.getByRole('button', { name: 'Edit Mine' })).toBeTruthy();
  });

  it('does not offer "Everyone" in the editor while locked', async () => {
    renderTaskpane({ server: { me: { isAdmin: true }, rules: rules(), settings: { orgRulesLocked: true } } });
    const form = await openNewRuleEditor();
    expect(within(form).queryByRole('radio', { name: /Everyone/ })).toBeNull();
  });

  it('offers "Everyone" to admins when org rules are not locked', async () => {
    renderTaskpane({ server: { me: { isAdmin: true }, rules: rules() } });
    expect(await screen.findByRole('button', { name: 'Edit External meetings' })).toBeTruthy();
    const form = await openNewRuleEditor();
    expect(within(form).getByRole('radio', { name: /Everyone/ })).toBeTruthy();
  });

  it('explains a 409 org_rules_locked (locked elsewhere after the pane loaded) instead of "Something went wrong"', async () => {
    const { server } = renderTaskpane({ server: { me: { isAdmin: true }, rules: rules() } });
    const toggle = await screen.findByRole('switch', { name: 'Enable External meetings' });
    server.settings = { ...server.settings, orgRulesLocked: true };
    fireEvent.click(toggle);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Organisation rules are locked');
    expect(alert.textContent).toContain('An admin can unlock them in the Admin tab');
    expect(alert.textContent).not.toContain('Something went wrong');
    expect(within(alert).queryByRole('button', { name: 'Retry' })).toBeNull();
    expect(server.rules.find((r) => r.id === 'r_ext')!.enabled).toBe(true);
  });
});
