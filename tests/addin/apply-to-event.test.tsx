/** @jest-environment jsdom */
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { renderTaskpane } from './support/render-taskpane';
import { sampleAppointment } from './support/outlook-mock';
import { apiRule, externalRule } from './support/rule-factories';

const rules = [
  externalRule(),
  apiRule({
    name: 'Reviews',
    when: { all: [{ field: 'subject', op: 'contains', value: 'review' }] },
    then: { category: 'Review', color: 'preset22', stop: false },
  }),
];

async function clickApply() {
  fireEvent.click(await screen.findByRole('button', { name: 'Apply to this event' }));
}

describe('Apply to this event', () => {
  it('adds missing categories to the master list with their colour, then to the item', async () => {
    const { outlook } = renderTaskpane({ server: { rules }, outlook: { masterCategories: [{ displayName: 'external', color: 'Preset9' }] } });
    await clickApply();
    expect((await screen.findByText(/^Added /)).textContent).toBe('Added External, Review.');
    // "external" already exists (names compare case-insensitively): it keeps the colour the user gave it.
    expect(outlook.masterCategories).toEqual([
      { displayName: 'external', color: 'Preset9' },
      { displayName: 'Review', color: 'Preset22' },
    ]);
    expect(outlook.itemCategories).toEqual(['External', 'Review']);
  });

  it('adds nothing twice', async () => {
    const { outlook } = renderTaskpane({ server: { rules }, outlook: { appointment: sampleAppointment({ categories: ['Review'] }) } });
    await clickApply();
    expect(await screen.findByText('Added External.')).toBeTruthy();
    expect(outlook.itemCategories).toEqual(['Review', 'External']);
  });

  it('explains clearly when the host has no categories API', async () => {
    const { outlook } = renderTaskpane({ server: { rules }, outlook: { withoutCategoriesApi: true } });
    await clickApply();
    const message = await screen.findByText(/This version of Outlook cannot/);
    expect(message.textContent).toContain("CalSync's sync still colours the event");
    // No advice to switch clients: the web and new Outlook refuse categories while composing.
    expect(message.textContent).not.toMatch(/on the web|new Outlook/);
    expect(outlook.calls.filter((c) => c.endsWith('addAsync'))).toEqual([]);
  });

  it('says what permission is missing when Outlook refuses the master list', async () => {
    const { outlook } = renderTaskpane({ server: { rules }, outlook: { failures: { 'masterCategories.addAsync': { code: 9016, name: 'PermissionDenied' } } } });
    await clickApply();
    expect(await screen.findByText(/needs permission to manage your categories/)).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Retry' })).toBeNull();
    expect(outlook.itemCategories).toEqual([]);
  });

  it('on a dropped connection (Office 9041, "Network error") offers Retry and does not send the person to their admin', async () => {
    renderTaskpane({ server: { rules }, outlook: { failures: { 'masterCategories.addAsync': { code: 9041, name: 'Network error' } } } });
    await clickApply();
    const message = await screen.findByText(/lost its network connection/);
    expect(message.textContent).not.toMatch(/admin|redeploy/i);
    expect(await screen.findByRole('button', { name: 'Retry' })).toBeTruthy();
  });

  it('in new Outlook, a category its master list misses (created elsewhere) is "already there": the item still gets it', async () => {
    const { outlook } = renderTaskpane({
      server: { rules },
      outlook: { client: 'newOutlook', categoriesCreatedElsewhere: [{ displayName: 'Review', color: 'Preset3' }] },
    });
    await clickApply();
    expect((await screen.findByText(/^Added /)).textContent).toBe('Added External, Review.');
    expect(outlook.itemCategories).toEqual(['External', 'Review']);
    // External was added to the list; Review, already on the mailbox's list, was not added twice.
    expect(outlook.masterCategories).toEqual([{ displayName: 'External', color: 'Preset0' }]);
  });

  it('re-reads the event after applying, so the preview sees the new categories', async () => {
    const { outlook } = renderTaskpane({ server: { rules } });
    await clickApply();
    await screen.findByText('Added External, Review.');
    await waitFor(() => expect(outlook.calls.filter((c) => c === 'item.categories.getAsync').length).toBeGreaterThanOrEqual(3));
    expect(within(screen.getByTestId('this-event-result')).getByLabelText('Categories this event gets').textContent).toContain('Review');
  });
});
