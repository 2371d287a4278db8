/** @jest-environment jsdom */
/** The Admin tab's status line and enrolled-mailbox list: people picker, per-row sync status, "Sync now". */
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import type { ApiMailboxStatus } from '../../shared/api-types';
import { typeInto } from './support/editor-helpers';
import { renderTaskpane } from './support/render-taskpane';

const ANA: ApiMailboxStatus = {
  mailbox: 'ana@contoso.com',
  state: 'ok',
  lastRoundAt: '2026-12-02T09:01:05.000Z',
  lastSuccessAt: '2026-12-02T09:01:05.000Z',
  eventsColoured: 41,
  lastError: null,
};
const BO: ApiMailboxStatus = {
  mailbox: 'bo@contoso.com',
  state: 'failing',
  lastRoundAt: '2026-12-02T09:01:05.000Z',
  lastSuccessAt: null,
  eventsColoured: 0,
  lastError: 'CalSync is not allowed to open this mailbox; check the admin consent and the Exchange access policy.',
};
const admin = (extra: Record<string, unknown> = {}) => ({
  server: {
    me: { isAdmin: true },
    settings: { enrolledMailboxes: ['ana@contoso.com', 'bo@contoso.com'] },
    mailboxStatuses: [{ ...ANA }, { ...BO }],
    syncSummary: { enrolled: 2, syncing: 0, failing: 1, lastChangeAt: '2026-12-02T09:00:00.000Z', lastChangeAppliedAt: null },
    directory: [
      { displayName: 'Carla Diaz', address: 'carla@contoso.com' },
      { displayName: 'Carl Eng', address: 'carl.eng@contoso.com' },
    ],
    ...extra,
  },
});

async function openAdminTab() {
  fireEvent.click(await screen.findByRole('tab', { name: 'Admin' }));
  return screen.findByRole('button', { name: 'Save settings' });
}

const rowOf = (mailbox: string) =>
  within(screen.getByRole('list', { name: 'Enrolled mailboxes' }))
    .getByText(mailbox)
    .closest('li') as HTMLElement;

describe('admin sync status', () => {
  it('opens with the status line: enrolled, syncing, failing, and whether the last change is applied', async () => {
    renderTaskpane(admin());
    await openAdminTab();
    const line = await screen.findByRole('region', { name: 'Sync status' });
    expect(await within(line).findByText('2 mailboxes enrolled · 0 syncing · 1 failing')).toBeTruthy();
    expect(within(line).getByText(/^Last change \(.+\) is still reaching some mailboxes\.$/)).toBeTruthy();
    // It leads the tab: before the settings heading.
    const heading = screen.getByRole('heading', { name: 'Organisation settings' });
    expect(line.compareDocumentPosition(heading) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
  });

  it('shows the plan: seats used of bought, the term end, and a warning at 90 % of the seats', async () => {
    renderTaskpane(admin({ me: { isAdmin: true, plan: { seats: 2, termEnd: '2099-01-01' } } }));
    await openAdminTab();
    const plan = await screen.findByRole('region', { name: 'Plan' });
    expect(within(plan).getByText('2 of 2 seats used · term ends 2099-01-01')).toBeTruthy();
    expect(within(plan).getByRole('status').textContent).toBe('Every seat is in use: enrolling more people needs more seats from your CalSync provider.');
  });

  it("says when enrolment 'all' is past the plan's seats, and nothing when it is not", async () => {
    const overflow = { enrolled: 10, syncing: 0, failing: 0, lastChangeAt: null, lastChangeAppliedAt: null, overSeats: { seats: 10, directoryMailboxes: 14 } };
    const { server } = renderTaskpane(admin({ syncSummary: overflow }));
    await openAdminTab();
    const line = await screen.findByRole('region', { name: 'Sync status' });
    expect(
      await within(line).findByText(/^Your plan has 10 seats but your directory has 14 mailboxes: only the first 10 by address are coloured\./),
    ).toBeTruthy();
    server.syncSummary = { ...overflow, overSeats: null };
    fireEvent.click(within(line).getByRole('button', { name: 'Refresh status' }));
    await waitFor(() => expect(within(line).queryByText(/Your plan has/)).toBeNull());
  });

  it('says when the last change reached every mailbox, and reads the summary again on Refresh', async () => {
    const { server } = renderTaskpane(admin());
    await openAdminTab();
    const line = await screen.findByRole('region', { name: 'Sync status' });
    await within(line).findByText(/still reaching/);
    server.syncSummary = { enrolled: 2, syncing: 1, failing: 0, lastChangeAt: '2026-12-02T09:00:00.000Z', lastChangeAppliedAt: '2026-12-02T09:03:10.000Z' };
    fireEvent.click(within(line).getByRole('button', { name: 'Refresh status' }));
    expect(await within(line).findByText('2 mailboxes enrolled · 1 syncing · 0 failing')).toBeTruthy();
    expect(within(line).getByText(/^Last change applied to every mailbox at .+\.$/)).toBeTruthy();
  });

  it('lists each enrolled mailbox with its status in words: events coloured, the last error', async () => {
    renderTaskpane(admin());
    await openAdminTab();
    await waitFor(() => expect(rowOf('ana@contoso.com').textContent).toMatch(/Synced .+ · 41 events coloured/));
    expect(rowOf('bo@contoso.com').textContent).toContain('Failing: CalSync is not allowed to open this mailbox');
    expect(rowOf('bo@contoso.com').textContent).toContain('It has never synced successfully.');
  });

  it('"Sync now" queues that mailbox and the row says it is syncing', async () => {
    const { server } = renderTaskpane(admin());
    await openAdminTab();
    await waitFor(() => expect(rowOf('bo@contoso.com').textContent).toContain('Failing'));
    fireEvent.click(within(rowOf('bo@contoso.com')).getByRole('button', { name: 'Sync now: bo@contoso.com' }));
    expect(await screen.findByText('bo@contoso.com will sync in a moment.')).toBeTruthy();
    expect(server.requests.filter((r) => r.method === 'POST' && r.path.startsWith('/api/sync/')).map((r) => r.path)).toEqual([
      '/api/sync/mailboxes/bo%40contoso.com/sync',
    ]);
    await waitFor(() => expect(rowOf('bo@contoso.com').textContent).toContain('Syncing now'));
  });

  it('the people picker searches the directory and adds the chosen person; Save enrols the list', async () => {
    const { server } = renderTaskpane(admin());
    const save = await openAdminTab();
    const picker = screen.getByRole('combobox', { name: /Add a person/ });
    typeInto(picker, 'car');
    const option = await screen.findByRole('option', { name: 'Carla Diaz <carla@contoso.com>' });
    expect(screen.getByRole('option', { name: 'Carl Eng <carl.eng@contoso.com>' })).toBeTruthy();
    expect(server.requests.some((r) => r.path === '/api/directory/users?q=car')).toBe(true);
    fireEvent.mouseDown(option);
    await waitFor(() => expect(rowOf('carla@contoso.com').textContent).toContain('Not enrolled until you save the settings.'));
    // Not saved yet: nothing to sync.
    expect((within(rowOf('carla@contoso.com')).getByRole('button', { name: 'Sync now: carla@contoso.com' }) as HTMLButtonElement).disabled).toBe(true);
    fireEvent.click(within(rowOf('ana@contoso.com')).getByRole('button', { name: 'Remove ana@contoso.com' }));
    fireEvent.click(save);
    await screen.findByText('Settings saved.');
    const put = server.requests.filter((r) => r.method === 'PUT' && r.path === '/api/settings').at(-1)!;
    expect((put.body as { enrolledMailboxes: string[] }).enrolledMailboxes).toEqual(['bo@contoso.com', 'carla@contoso.com']);
  });

  it('a full address typed into the picker is added with Enter; other text is refused with a reason', async () => {
    renderTaskpane(admin());
    await openAdminTab();
    const picker = screen.getByRole('combobox', { name: /Add a person/ });
    typeInto(picker, 'Zoe@Fabrikam.com');
    fireEvent.keyDown(picker, { key: 'Enter' });
    await waitFor(() => expect(rowOf('zoe@fabrikam.com')).toBeTruthy());
    typeInto(picker, 'zoe@');
    fireEvent.keyDown(picker, { key: 'Enter' });
    expect(await screen.findByText('zoe@ is not an email address. Pick a person from the list or type a full address.')).toBeTruthy();
    expect(within(screen.getByRole('list', { name: 'Enrolled mailboxes' })).getAllByRole('listitem')).toHaveLength(3);
  });

  it('when the directory cannot be read here, search says so in words', async () => {
    const { server } = renderTaskpane(admin());
    await openAdminTab();
    server.failNext('GET', '/api/directory/users', 503, 'unavailable');
    typeInto(screen.getByRole('combobox', { name: /Add a person/ }), 'car');
    expect(await screen.findByText(/Directory search failed: This CalSync service cannot read your directory now/)).toBeTruthy();
  });
});

describe("taking CalSync's colours off a calendar", () => {
  it('queues the undo for someone no longer enrolled, picked by name', async () => {
    const { server } = renderTaskpane(admin());
    await openAdminTab();
    typeInto(screen.getByRole('combobox', { name: /Person no longer enrolled/ }), 'carla');
    fireEvent.mouseDown(await screen.findByRole('option', { name: /Carla Diaz/ }));
    fireEvent.click(await screen.findByRole('button', { name: "Remove CalSync's colours from carla@contoso.com" }));
    expect(await screen.findByText("Queued: CalSync's colours leave carla@contoso.com's calendar at its next round.")).toBeTruthy();
    expect(server.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/undo')).map((r) => r.path)).toEqual([
      '/api/sync/mailboxes/carla%40contoso.com/undo',
    ]);
    expect(screen.queryByRole('button', { name: /Remove CalSync's colours/ })).toBeNull();
  });

  it('says so when the person is still enrolled', async () => {
    renderTaskpane(admin());
    await openAdminTab();
    const picker = screen.getByRole('combobox', { name: /Person no longer enrolled/ });
    typeInto(picker, 'ana@contoso.com');
    fireEvent.keyDown(picker, { key: 'Enter' });
    fireEvent.click(await screen.findByRole('button', { name: "Remove CalSync's colours from ana@contoso.com" }));
    expect(await screen.findByText(/Could not remove the colours from ana@contoso.com/)).toBeTruthy();
  });
});
