/** @jest-environment jsdom */
import { act, screen, waitFor, within } from '@testing-library/react';
import { changeComposeItem, sampleAppointment } from './support/outlook-mock';
import { renderTaskpane } from './support/render-taskpane';
import { apiRule, externalRule } from './support/rule-factories';

const longMeetings = () =>
  apiRule({
    id: 'r_long',
    name: 'Long meetings',
    when: { all: [{ field: 'durationMinutes', op: 'gt', value: 90 }] },
    then: { category: 'Long', color: 'preset2', stop: false },
  });
const weekly = () =>
  apiRule({
    id: 'r_weekly',
    name: 'Weekly',
    when: { all: [{ field: 'isRecurring', op: 'is', value: true }] },
    then: { category: 'Series', color: 'preset5', stop: false },
  });

const internalOnly = () => sampleAppointment({ requiredAttendees: [{ emailAddress: 'cy@contoso.com', displayName: 'Cy' }] });

async function categories(): Promise<string> {
  const result = await screen.findByTestId('this-event-result');
  return within(result).queryByLabelText('Categories this event gets')?.textContent ?? '';
}

describe('This event preview in compose mode', () => {
  it('reads the item being composed through getAsync and shows what matches and why', async () => {
    const { outlook } = renderTaskpane({ server: { rules: [externalRule({ id: 'r_ext' }), longMeetings()] }, outlook: { mode: 'compose' } });
    const result = await screen.findByTestId('this-event-result');
    expect(within(result).getByLabelText('Categories this event gets').textContent).toContain('External');
    expect(within(result).getByRole('list', { name: 'Why External meetings matched' }).textContent).toContain('Has external people');
    expect(within(result).queryByText('Long meetings')).toBeNull(); // one hour
    expect(outlook.calls).toEqual(expect.arrayContaining(['item.subject.getAsync', 'item.start.getAsync', 'item.requiredAttendees.getAsync']));
  });

  it('refreshes when the time, the recipients or the recurrence change', async () => {
    const { outlook } = renderTaskpane({
      server: { rules: [externalRule({ id: 'r_ext' }), longMeetings(), weekly()] },
      outlook: { mode: 'compose', appointment: internalOnly() },
    });
    expect(await screen.findByText('No rule matches this event.')).toBeTruthy();
    await waitFor(() => expect(outlook.itemHandlers.size).toBe(3));

    act(() => changeComposeItem(outlook, 'olkAppointmentTimeChanged', { end: new Date('2026-03-02T11:00:00Z') }));
    await waitFor(async () => expect(await categories()).toContain('Long'));

    act(() => changeComposeItem(outlook, 'olkRecipientsChanged', { requiredAttendees: [{ emailAddress: 'bo@fabrikam.com', displayName: 'Bo' }] }));
    await waitFor(async () => expect(await categories()).toContain('External'));

    act(() => changeComposeItem(outlook, 'olkRecurrenceChanged', { recurring: true }));
    await waitFor(async () => expect(await categories()).toContain('Series'));
    expect(screen.queryByLabelText('Reading the event')).toBeNull(); // refreshed in place, no skeleton
  });

  it('removes its handlers when the pane goes away', async () => {
    const { outlook, unmount } = renderTaskpane({ server: { rules: [externalRule()] }, outlook: { mode: 'compose' } });
    await screen.findByTestId('this-event-result');
    await waitFor(() => expect(outlook.itemHandlers.size).toBe(3));
    unmount();
    await waitFor(() => expect(outlook.itemHandlers.size).toBe(0));
    expect(outlook.calls.filter((c) => c === 'item.removeHandlerAsync')).toHaveLength(3);
  });

  it('works without live refresh where the host has no item events', async () => {
    const { outlook } = renderTaskpane({ server: { rules: [externalRule()] }, outlook: { mode: 'compose', withoutItemEvents: true } });
    expect(await categories()).toContain('External');
    expect(outlook.calls).not.toContain('item.addHandlerAsync');
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('still shows the preview when the host refuses the event types', async () => {
    const failures = { 'item.addHandlerAsync': { code: 5000, name: 'InvalidEventType' } };
    renderTaskpane({ server: { rules: [externalRule()] }, outlook: { mode: 'compose', failures } });
    expect(await categories()).toContain('External');
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('does not subscribe in read mode (a read item does not change under the pane)', async () => {
    const { outlook } = renderTaskpane({ server: { rules: [externalRule()] } });
    await screen.findByTestId('this-event-result');
    expect(outlook.calls).not.toContain('item.addHandlerAsync');
  });
});
