/** @jest-environment jsdom */
/**
 * "Apply to this event" per Outlook client: on an organizer's compose form the web and new Outlook refuse item
 * categories, so the pane says when the event gets them instead; classic Windows and Mac apply as before. In
 * read mode the web may refuse someone else's meeting (office-js 4909): said plainly, with no Retry.
 */
import { fireEvent, screen } from '@testing-library/react';
import { sampleAppointment } from './support/outlook-mock';
import { renderTaskpane } from './support/render-taskpane';
import { externalRule } from './support/rule-factories';

const rules = [externalRule()];

describe('Apply on the compose form, per client', () => {
  it.each(['web', 'newOutlook'] as const)('%s: no Apply; the pane says the event is coloured once saved, and touches no category API', async (client) => {
    const { outlook } = renderTaskpane({ server: { rules }, outlook: { mode: 'compose', client } });
    expect((await screen.findByTestId('coloured-on-save')).textContent).toBe('CalSync colours this event as soon as it is saved.');
    expect(screen.getByLabelText('Categories this event gets').textContent).toContain('External');
    expect(screen.queryByRole('button', { name: 'Apply to this event' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Retry' })).toBeNull();
    expect(outlook.calls.filter((c) => c.startsWith('item.categories.'))).toEqual([]);
  });

  it.each(['classicWindows', 'mac'] as const)('%s: Apply adds the categories while composing', async (client) => {
    const { outlook } = renderTaskpane({ server: { rules }, outlook: { mode: 'compose', client } });
    fireEvent.click(await screen.findByRole('button', { name: 'Apply to this event' }));
    expect(await screen.findByText('Added External.')).toBeTruthy();
    expect(outlook.itemCategories).toEqual(['External']);
    expect(screen.queryByTestId('coloured-on-save')).toBeNull();
  });
});

describe('Apply in read mode on the web', () => {
  const othersMeeting = sampleAppointment({ organizer: { emailAddress: 'bo@fabrikam.com', displayName: 'Bo' } });

  it("says plainly when Outlook refuses someone else's meeting, without a Retry that cannot help", async () => {
    const { outlook } = renderTaskpane({
      server: { rules },
      outlook: { mode: 'read', client: 'web', refusesOthersMeetings: true, appointment: othersMeeting },
    });
    fireEvent.click(await screen.findByRole('button', { name: 'Apply to this event' }));
    const message = await screen.findByText(/does not let add-ins add categories to this event/);
    expect(message.textContent).toContain('meetings someone else organised');
    expect(message.textContent).toContain("CalSync's sync colours it in your calendar instead.");
    expect(screen.queryByRole('button', { name: 'Retry' })).toBeNull();
    expect(outlook.itemCategories).toEqual([]);
  });

  it('applies to the same meeting in read mode on the web when Outlook allows it', async () => {
    const { outlook } = renderTaskpane({ server: { rules }, outlook: { mode: 'read', client: 'web', appointment: othersMeeting } });
    fireEvent.click(await screen.findByRole('button', { name: 'Apply to this event' }));
    expect(await screen.findByText('Added External.')).toBeTruthy();
    expect(outlook.itemCategories).toEqual(['External']);
  });
});
