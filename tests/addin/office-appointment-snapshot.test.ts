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
  requiredAttendees: [
    { emailAddress: 'Bo@Fabrikam.com', displayName: 'Bo' },
    { emailAddress: 'ana@contoso.com', displayName: 'Ana' },
  ],
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

/**
 * Outlook on the web, mobile and new Outlook refuse a 4th simultaneous async call (subject, location, time,
 * recipients...) with 5100; the mock enforces it there (see ASYNC_CALL_LIMIT in support/outlook-mock.ts).
 */
describe.each(['web', 'newOutlook'] as const)('the compose snapshot within the 3 simultaneous calls %s allows', (client) => {
  it('reads every property without a 4th limited call in flight', async () => {
    const outlook = installOutlookMock({ mode: 'compose', client, appointment });
    const event = fromOfficeSnapshot(await readAppointmentSnapshot(currentItem()));
    expect(event.subject).toBe('Design sync');
    expect(event.location).toBe('Room 4');
    expect(event.attendees).toHaveLength(2);
    expect(outlook.maxLimitedInFlight).toBeLessThanOrEqual(3);
    // The snapshot makes 6 limited calls; all were answered, none refused.
    expect(outlook.calls.filter((c) => /^item\.(subject|location|start|end|requiredAttendees|optionalAttendees)\.getAsync$/.test(c))).toHaveLength(6);
  });
});

describe('the mock enforces the limit it models', () => {
  it('fails a 4th limited call in flight on the web with 5100, but not in classic Outlook', async () => {
    for (const [client, refused] of [
      ['web', 1],
      ['classicWindows', 0],
    ] as const) {
      installOutlookMock({ mode: 'compose', client });
      const item = currentItem() as Office.AppointmentCompose;
      const results = await Promise.all(
        Array.from({ length: 4 }, () => new Promise<{ status: string; error?: { code: number } }>((resolve) => item.subject.getAsync(resolve as never))),
      );
      expect(results.filter((r) => r.status === 'failed').map((r) => r.error?.code)).toEqual(refused ? [5100] : []);
      removeOutlookMock();
    }
  });
});
