/** @jest-environment jsdom */
/** Issue #13: the draft's match count in "Next 7 days", and a toggled rule that reads Off and re-previews. */
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { fillBasics, openNewRuleEditor, selectOption } from './support/editor-helpers';
import { FakeGraph, graphEvent } from './support/fake-graph';
import { renderTaskpane } from './support/render-taskpane';
import { apiRule } from './support/rule-factories';

const week = () =>
  new FakeGraph([
    graphEvent('ev1', 'Design review', '2026-03-02T09:00'),
    graphEvent('ev2', 'Budget review', '2026-03-03T10:00'),
    graphEvent('ev3', 'Team standup', '2026-03-04T10:00'),
  ]);

const chipsOf = (subject: string) =>
  [
    ...within(screen.getByRole('list', { name: 'Your next 7 days' }))
      .getByRole('listitem', { name: subject })
      .querySelectorAll('[data-testid="category-chip"]'),
  ].map((c) => c.textContent);

describe('match count of the draft rule', () => {
  it('says how many of the next 7 days’ events the unsaved rule matches, and says so when it matches none', async () => {
    renderTaskpane({ graph: week() });
    const form = await openNewRuleEditor();
    selectOption(within(form).getByRole('combobox', { name: 'Conditions, condition 1 operator' }), 'contains');
    fillBasics(form, { name: 'Reviews', category: 'Review', conditionValue: 'review' });
    expect(await screen.findByText('This rule matches 2 events in the next 7 days.')).toBeTruthy();

    fillBasics(form, { name: 'Reviews', category: 'Review', conditionValue: 'standup' });
    expect(await screen.findByText('This rule matches 1 event in the next 7 days.')).toBeTruthy();

    fillBasics(form, { name: 'Reviews', category: 'Review', conditionValue: 'offsite' });
    expect(await screen.findByText('This rule matches no event in the next 7 days.')).toBeTruthy();
  });

  it('counts only the draft’s own matches, not the saved rules’', async () => {
    // The saved rule matches all three events; the draft only the standup.
    renderTaskpane({ graph: week(), server: { rules: [apiRule({ name: 'Everything', when: { all: [{ field: 'subject', op: 'contains', value: 'e' }] } })] } });
    await screen.findByRole('list', { name: 'Your next 7 days' });
    const form = await openNewRuleEditor();
    selectOption(within(form).getByRole('combobox', { name: 'Conditions, condition 1 operator' }), 'contains');
    fillBasics(form, { name: 'Standups', category: 'Standup', conditionValue: 'standup' });
    expect(await screen.findByText('This rule matches 1 event in the next 7 days.')).toBeTruthy();
  });

  it('shows no count when no rule is being edited', async () => {
    renderTaskpane({ graph: week(), server: { rules: [apiRule({ name: 'Reviews' })] } });
    await screen.findByRole('list', { name: 'Your next 7 days' });
    expect(screen.queryByText(/This rule matches/)).toBeNull();
  });
});

describe('toggling a rule', () => {
  it('reads Off on the row once turned off, and "Next 7 days" drops its category without a reload', async () => {
    const graph = week();
    const { server } = renderTaskpane({
      graph,
      server: { rules: [apiRule({ id: 'r_rev', name: 'Reviews', then: { category: 'Review', color: 'preset4', stop: false } })] },
    });
    await waitFor(() => expect(chipsOf('Design review')).toEqual(['Review(Green)']));
    const row = screen.getByRole('listitem', { name: 'Reviews' });
    expect(within(row).getByRole('switch', { name: 'Enable Reviews' })).toHaveProperty('checked', true);
    expect(within(row).getByText('On')).toBeTruthy();

    fireEvent.click(within(row).getByRole('switch', { name: 'Enable Reviews' }));
    await waitFor(() => expect(server.rules.find((r) => r.id === 'r_rev')!.enabled).toBe(false));
    const offRow = await waitFor(() => {
      const r = screen.getByRole('listitem', { name: 'Reviews' });
      expect(within(r).getByText('Off')).toBeTruthy();
      return r;
    });
    expect(within(offRow).getByRole('switch', { name: 'Enable Reviews' })).toHaveProperty('checked', false);
    expect(offRow.getAttribute('data-enabled')).toBe('false');
    await waitFor(() => expect(chipsOf('Design review')).toEqual([]));
    // The calendar is not read again: only the preview re-runs.
    expect(graph.requests).toHaveLength(1);

    fireEvent.click(within(offRow).getByRole('switch', { name: 'Enable Reviews' }));
    await waitFor(() => expect(chipsOf('Design review')).toEqual(['Review(Green)']));
    expect(within(screen.getByRole('listitem', { name: 'Reviews' })).getByText('On')).toBeTruthy();
  });
});
