/** @jest-environment jsdom */
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { renderTaskpane } from './support/render-taskpane';
import { sampleAppointment } from './support/outlook-mock';
import { apiRule, externalRule } from './support/rule-factories';

// The open appointment has someone from outside contoso.com, so "External meetings" matches once the
// tenant's internal domains are known — and only then.
const withOutsider = { appointment: sampleAppointment({ requiredAttendees: [{ emailAddress: 'bo@fabrikam.com', displayName: 'Bo' }] }) };
const rules = () => [externalRule({ id: 'r_ext', name: 'External meetings' }), apiRule({ id: 'r_mine', name: 'Mine' })];

describe('settings that could not be loaded', () => {
  it('says so with Retry instead of inventing values, and shows the real ones once they load', async () => {
    const { server } = renderTaskpane({
      server: { me: { isAdmin: true }, rules: rules(), settings: { syncWindowDays: { past: 12, future: 90 } } },
      outlook: withOutsider,
      beforeRender: (s) => s.failNext('GET', '/api/settings', 503, 'unavailable', 'try later'),
    });
    const alert = await screen.findByRole('alert');
    expect(within(alert).getByText('Could not load settings')).toBeTruthy();
    // The rules themselves still load and the person's own ones stay theirs to change.
    expect(screen.getByRole('button', { name: 'Edit Mine' })).toBeTruthy();
    // Nothing that depends on settings is shown with values the pane made up.
    expect(screen.queryByTestId('this-event-result')).toBeNull();
    expect(screen.queryByRole('button', { name: 'Edit External meetings' })).toBeNull();
    fireEvent.click(await screen.findByRole('tab', { name: 'Admin' }));
    expect(screen.queryByRole('spinbutton', { name: 'Sync days back' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Save settings' })).toBeNull();

    fireEvent.click(within(alert).getByRole('button', { name: 'Retry' }));
    expect(((await screen.findByRole('spinbutton', { name: 'Sync days back' })) as HTMLInputElement).value).toBe('12');
    expect((screen.getByRole('spinbutton', { name: 'Sync days ahead' }) as HTMLInputElement).value).toBe('90');
    expect(screen.queryByRole('alert')).toBeNull();
    expect(server.requests.filter((r) => r.method === 'GET' && r.path === '/api/settings')).toHaveLength(2);

    fireEvent.click(screen.getByRole('tab', { name: 'Rules' }));
    expect(within(await screen.findByTestId('this-event-result')).getByLabelText('Categories this event gets').textContent).toContain('External');
    expect(screen.getByRole('button', { name: 'Edit External meetings' })).toBeTruthy();
  });

  it('keeps saying so when Retry fails again', async () => {
    const { server } = renderTaskpane({
      server: { rules: rules() },
      beforeRender: (s) => {
        s.failNext('GET', '/api/settings', 503, 'unavailable');
        s.failNext('GET', '/api/settings', 503, 'unavailable');
      },
    });
    const settingsReads = () => server.requests.filter((r) => r.method === 'GET' && r.path === '/api/settings').length;
    fireEvent.click(within(await screen.findByRole('alert')).getByRole('button', { name: 'Retry' }));
    await waitFor(() => expect(settingsReads()).toBe(2));
    // The second failure has been answered: the bar stays, and the next Retry loads them.
    fireEvent.click(within(await screen.findByRole('alert')).getByRole('button', { name: 'Retry' }));
    await waitFor(() => expect(settingsReads()).toBe(3));
    await waitFor(() => expect(screen.queryByRole('alert')).toBeNull());
  });
});
