/** @jest-environment jsdom */
/** The Admin tab's colour scheme (issue #16): drift per org category in words, and what the policy does with it. */
import { fireEvent, screen, within } from '@testing-library/react';
import { renderTaskpane } from './support/render-taskpane';

async function colourScheme(): Promise<HTMLElement> {
  fireEvent.click(await screen.findByRole('tab', { name: 'Admin' }));
  return screen.findByRole('region', { name: 'Colour scheme' });
}

describe('colour scheme drift', () => {
  it('lists each category off the scheme: the colours mailboxes use instead, and how many deleted it', async () => {
    renderTaskpane({
      server: {
        me: { isAdmin: true },
        drift: {
          policy: 'allow',
          checkedMailboxes: 6,
          items: [
            {
              category: 'Client',
              expected: 'preset1',
              recoloured: [
                { color: 'preset7', mailboxes: 3 },
                { color: 'preset3', mailboxes: 1 },
              ],
              missing: 1,
            },
            { category: 'Focus', expected: 'preset5', recoloured: [], missing: 2 },
          ],
        },
      },
    });
    const section = await colourScheme();
    const list = await within(section).findByRole('list', { name: 'Categories in other colours' });
    expect(
      within(list)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual(['Client (Orange): 3 mailboxes show it in Blue, 1 in Yellow; 1 has deleted it.', 'Focus (Teal): 2 have deleted it.']);
    expect(section.textContent).toContain('Left as people chose');
  });

  it('sets the colours back on request, and says for how many mailboxes', async () => {
    const drift = {
      policy: 'allow' as const,
      checkedMailboxes: 3,
      items: [{ category: 'Client', expected: 'preset1', recoloured: [{ color: 'preset7', mailboxes: 3 }], missing: 0 }],
    };
    const { server } = renderTaskpane({
      server: { me: { isAdmin: true }, drift, syncSummary: { enrolled: 3, syncing: 0, failing: 0, lastChangeAt: null, lastChangeAppliedAt: null } },
    });
    const section = await colourScheme();
    fireEvent.click(await within(section).findByRole('button', { name: "Set the organisation's colours back now" }));
    expect((await within(section).findByRole('status')).textContent).toBe('Queued for 3 mailboxes: their colours are set back at their next rounds.');
    expect(server.requests.filter((r) => r.method === 'POST' && r.path === '/api/sync/drift/restore')).toHaveLength(1);
  });

  it('says the scheme holds, or that it will be set back under enforce', async () => {
    renderTaskpane({ server: { me: { isAdmin: true }, drift: { policy: 'enforce', checkedMailboxes: 4, items: [] } } });
    const section = await colourScheme();
    expect(await within(section).findByText("All 4 mailboxes checked show the organisation's colours.")).toBeTruthy();
    expect(within(section).queryByRole('list')).toBeNull();
    expect(within(section).queryByRole('button')).toBeNull();
  });

  it('under enforce, drift is shown with when it is set back', async () => {
    renderTaskpane({
      server: {
        me: { isAdmin: true },
        drift: {
          policy: 'enforce',
          checkedMailboxes: 1,
          items: [{ category: 'Client', expected: 'preset1', recoloured: [{ color: 'preset0', mailboxes: 1 }], missing: 0 }],
        },
      },
    });
    const section = await colourScheme();
    expect(await within(section).findByText('Client (Orange): 1 mailbox shows it in Red.')).toBeTruthy();
    expect(section.textContent).toContain("sets these back to the organisation's colours at each mailbox's next daily check");
  });
});
