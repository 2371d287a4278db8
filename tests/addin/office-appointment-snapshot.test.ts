import { fromOfficeSnapshot } from '../../shared';
import { readAppointmentSnapshot } from '../../addin/office/appointment-snapshot';
import { currentItem } from '../../addin/office/mailbox';
import { OfficeAdapterError } from '../../addin/office/office-errors';
import { installOutlookMock, removeOutlookMock, sampleAppointment } from './support/outlook-mock';

afterEach(removeOutlookMock);

const appointment = sampleAppointment({
  subject: 'Design sync',
  start: new Date('2026-03-04T13:30:00Z'),
  end: new Date('2026-03-04T14:15:00Z'),
  requiredAttendees: [{ emailAddress: 'Bo@Fabrikam.com', displayName: 'Bo' }, { emailAddress: 'ana@contoso.com', displayName: 'Ana' }],
  optionalAttendees: [{ emailAddress: 'cy@contoso.com', displayName: 'Cy' }],
  categories: ['Blue category'],
  recurring: true,
});

describe.each(['read', 'compose'] as const)('the appointment snapshot in %s mode', (mode) => {
  it('reads what the rules need, through the shared normaliser', async () => {
    // Classic Windows: it lets add-ins read item categories in both modes.
    installOutlookMock({ mode, client: 'classicWindows', appointment, me: 'ana@contoso.com' });
    const event = fromOfficeSnapshot(await readAppointmentSnapshot(currentItem()));
    expect(event.subject).toBe('Design sync');
    expect(event.start).toBe('2026-03-04T13:30');
    expect(event.durationMinutes).toBe(45);
    expect(event.organizer?.address).toBe('ana@contoso.com');
    // The organizer is not an attendee; addresses are lower-cased.
    expect(event.attendees.map((p) => p.address)).toEqual(['bo@fabrikam.com', 'cy@contoso.com']);
    expect(event.isOrganizer).toBe(true);
    expect(event.isRecurring).toBe(true);
    expect(event.categories).toEqual(['Blue category']);
    expect(event.body).toBe('Agenda: numbers');
    expect(event.location).toBe('Room 4');
  });
});

describe.each(['web', 'newOutlook'] as const)('the compose snapshot in %s', (client) => {
  it('does not ask for the categories, which that client refuses while composing, and reads the rest', async () => {
    const outlook = installOutlookMock({ mode: 'compose', client, appointment, me: 'ana@contoso.com' });
    const event = fromOfficeSnapshot(await readAppointmentSnapshot(currentItem()));
    expect(event.subject).toBe('Design sync');
    expect(event.categories).toEqual([]);
    expect(outlook.calls).not.toContain('item.categories.getAsync');
  });
});

describe('snapshot failures', () => {
  it('rejects with a typed error when a getAsync fails, instead of throwing in the callback', async () => {
    installOutlookMock({ mode: 'compose', failures: { 'item.subject.getAsync': { code: 9002, name: 'InternalError', message: 'boom' } } });
    const err = await readAppointmentSnapshot(currentItem()).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OfficeAdapterError);
    expect(err).toMatchObject({ code: 'call_failed', operation: 'item.subject.getAsync', hostCode: 9002 });
  });

  it('an attendee reading a meeting they did not organise is not the organizer', async () => {
    installOutlookMock({ mode: 'read', appointment, me: 'bo@fabrikam.com' });
    const event = fromOfficeSnapshot(await readAppointmentSnapshot(currentItem()));
    expect(event.isOrganizer).toBe(false);
  });

  it('without an open item says so with a typed error', () => {
    installOutlookMock({ mode: 'read' });
    (globalThis as unknown as { Office: { context: { mailbox: { item?: unknown } } } }).Office.context.mailbox.item = undefined;
    expect(() => currentItem()).toThrow(expect.objectContaining({ code: 'no_item' }));
  });
});
