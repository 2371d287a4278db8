/** An Office.js appointment snapshot → the engine's event shape, equal to what Graph gives for the same meeting. */
import { fromGraphEvent, fromOfficeSnapshot, type OfficeAppointmentSnapshot } from '../../../shared';
import { makeGraphEvent } from '../../factories/events';

const snapshot: OfficeAppointmentSnapshot = {
  itemId: 'AAMkAGI1-1',
  subject: 'Contract review',
  body: 'Please read the draft & comment',
  location: 'Teams',
  start: '2026-11-24T13:30:00.000Z',
  end: '2026-11-24T14:15:00.000Z',
  timeZone: 'Europe/Paris',
  organizer: { displayName: 'Ada Lovelace', emailAddress: 'Ada@Contoso.com' },
  requiredAttendees: [
    { displayName: 'Lee', emailAddress: 'lee@fabrikam.com' },
    { displayName: 'Room 4', emailAddress: 'room4@contoso.com' },
  ],
  optionalAttendees: [{ displayName: 'Bob', emailAddress: 'bob@contoso.com' }],
  resources: [{ displayName: 'Room 4', emailAddress: 'room4@contoso.com' }],
  isAllDayEvent: false,
  isRecurring: false,
  isOrganizer: true,
  categories: ['Blue category'],
  isOnlineMeeting: true,
  onlineMeetingProvider: 'teamsForBusiness',
  showAs: 'busy',
  importance: 'high',
};

describe('normalising an Office.js appointment', () => {
  test('gives the same event as Graph does for the same meeting', () => {
    expect(fromOfficeSnapshot(snapshot)).toEqual(fromGraphEvent(makeGraphEvent(), { mailbox: 'ada@contoso.com' }));
  });

  test('a compose-mode snapshot with few fields still normalises, organizer response by default', () => {
    const ev = fromOfficeSnapshot({
      subject: '',
      start: '2026-11-24T08:00:00Z',
      end: '2026-11-24T08:30:00Z',
      requiredAttendees: [],
      optionalAttendees: [],
      isOrganizer: true,
    });
    expect(ev).toMatchObject({ id: '', start: '2026-11-24T08:00', durationMinutes: 30, responseStatus: 'organizer', showAs: 'busy', attendees: [] });
  });

  test('an unknown time zone falls back to UTC rather than failing', () => {
    expect(fromOfficeSnapshot({ ...snapshot, timeZone: 'Not/AZone' }).start).toBe('2026-11-24T13:30');
  });
});
