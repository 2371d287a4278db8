/** @jest-environment jsdom */
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { fillBasics, openNewRuleEditor, selectOption } from './support/editor-helpers';
import { FakeGraph, graphEvent } from './support/fake-graph';
import { renderTaskpane } from './support/render-taskpane';
import { externalRule } from './support/rule-factories';

const week = () =>
  new FakeGraph([
    graphEvent('ev1', 'Planning with Fabrikam', '2026-03-02T09:00', ['bo@fabrikam.com']),
    graphEvent('ev2', 'Team standup', '2026-03-03T10:00', ['cy@contoso.com']),
  ]);

const chipsOf = (subject: string) =>
  within(screen.getByRole('list', { name: 'Your next 7 days' }))
    .getByRole('listitem', { name: subject })
    .querySelectorAll('[data-testid="category-chip"]');

describe('Next 7 days preview', () => {
  it('reads the next 7 days from Graph as soon as it is shown, without a click, and shows the categories the API says each gets', async () => {
    const graph = week();
    const { server } = renderTaskpane({ server: { rules: [externalRule()] }, graph });
    await screen.findByRole('list', { name: 'Your next 7 days' });
    expect(screen.queryByRole('button', { name: /Preview my next/ })).toBeNull();
    expect([...chipsOf('Planning with Fabrikam')].map((c) => c.textContent)).toEqual(['External(Red)']);
    expect(chipsOf('Team standup')).toHaveLength(0);

    const request = graph.requests[0]!;
    expect(request.url.pathname).toBe('/v1.0/me/calendarView');
    expect(request.url.searchParams.get('startDateTime')).toBe('2026-03-01T00:00:00.000Z');
    expect(request.url.searchParams.get('endDateTime')).toBe('2026-03-08T00:00:00.000Z');
    expect(request.headers.Authorization).toBe('Bearer graph-token');
    expect(request.headers.Prefer).toBe('outlook.timezone="UTC"');
    const preview = server.requests.find((r) => r.path === '/api/preview')!;
    expect(preview.body).toMatchObject({ events: graph.events, timeZone: 'UTC' });
    expect(preview.body).not.toHaveProperty('rules');
    expect(graph.requests).toHaveLength(1);
  });

  it('reads the calendar again when the rules tab is shown again', async () => {
    const graph = week();
    renderTaskpane({ server: { me: { isAdmin: true }, rules: [externalRule()] }, graph });
    await screen.findByRole('list', { name: 'Your next 7 days' });
    fireEvent.click(await screen.findByRole('tab', { name: 'Admin' }));
    await screen.findByRole('button', { name: 'Save settings' });
    expect(screen.queryByRole('heading', { name: 'Next 7 days' })).toBeNull();
    fireEvent.click(screen.getByRole('tab', { name: 'Rules' }));
    await screen.findByRole('list', { name: 'Your next 7 days' });
    expect(graph.requests).toHaveLength(2);
  });

  it('re-previews with the unsaved rule while editing, once the typing pauses', async () => {
    const graph = week();
    const { server } = renderTaskpane({ server: { rules: [externalRule()] }, graph });
    await screen.findByRole('list', { name: 'Your next 7 days' });
    const form = await openNewRuleEditor();
    selectOption(within(form).getByRole('combobox', { name: 'Conditions, condition 1 operator' }), 'contains');
    fillBasics(form, { name: 'Standups', category: 'Standup', conditionValue: 'standup' });
    await waitFor(() => expect([...chipsOf('Team standup')].map((c) => c.textContent)).toEqual(['Standup(Blue)']), { timeout: 3000 });
    const last = server.requests.filter((r) => r.path === '/api/preview').pop()!;
    expect((last.body as { rules: Array<{ name: string }> }).rules.map((r) => r.name)).toEqual(['Standups']);
    // Debounced: a burst of edits is one preview, not one per keystroke; the calendar is not read again.
    expect(server.requests.filter((r) => r.path === '/api/preview').length).toBeLessThan(4);
    expect(graph.requests).toHaveLength(1);
  });

  it('says when Graph fails, and retries', async () => {
    const graph = week();
    graph.failWith = 503;
    renderTaskpane({ graph });
    expect(await screen.findByText('Microsoft Graph had a problem reading your calendar. Try again.')).toBeTruthy();
    graph.failWith = null;
    fireEvent.click(screen.getByRole('button', { name: 'Retry' }));
    expect(await screen.findByRole('list', { name: 'Your next 7 days' })).toBeTruthy();
  });

  it('is not offered without a calendar source', async () => {
    renderTaskpane();
    await screen.findByText('No rules yet');
    expect(screen.queryByRole('heading', { name: 'Next 7 days' })).toBeNull();
  });
});
