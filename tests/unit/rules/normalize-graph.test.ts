/** Graph event JSON → the engine's event shape. */
import { fromGraphEvent } from '../../../shared';
import { makeGraphEvent } from '../../factories/events';

describe('normalising a Graph event', () => {
  test('maps every field the rules read', () => {
    const ev = fromGraphEvent(makeGraphEvent(), { mailbox: 'ada@contoso.com' });
    expect(ev).toEqual({
      id: 'AAMkAGI1-1',
      subject: 'Contract review',
      body: 'Please read the draft & comment',
      location: 'Teams',
      organizer: { address: 'ada@contoso.com', name: 'Ada Lovelace', domain: 'contoso.com' },
      attendees: [
        { address: 'lee@fabrikam.com', name: 'Lee', domain: 'fabrikam.com' },
        { address: 'bob@contoso.com', name: 'Bob', domain: 'contoso.com' },
      ],
      isOnlineMeeting: true,
      onlineMeetingProvider: 'teamsForBusiness',
      isRecurring: false,
      isAllDay: false,
      showAs: 'busy',
      responseStatus: 'organizer',
      sensitivity: 'normal',
      importance: 'high',
      start: '2026-11-24T14:30',
      end: '2026-11-24T15:15',
      durationMinutes: 45,
      isOrganizer: true,
      categories: ['Blue category'],
    });
  });

  test('rooms and resources are not people, and the organizer listed as an attendee is not counted', () => {
    const ev = fromGraphEvent(
      makeGraphEvent({
        attendees: [
          { type: 'resource', emailAddress: { address: 'room@contoso.com' } },
          { type: 'required', emailAddress: { address: 'ADA@contoso.com' } },
          { type: 'required', emailAddress: { address: 'lee@fabrikam.com' } },
          { type: 'optional', emailAddress: { address: 'lee@fabrikam.com' } },
        ],
      }),
    );
    expect(ev.attendees.map((p) => p.address)).toEqual(['lee@fabrikam.com']);
  });

  test('series, occurrences and exceptions are recurring; single instances are not', () => {
    for (const type of ['seriesMaster', 'occurrence', 'exception'] as const) expect(fromGraphEvent(makeGraphEvent({ type })).isRecurring).toBe(true);
    expect(fromGraphEvent(makeGraphEvent({ type: 'singleInstance' })).isRecurring).toBe(false);
  });

  test('UTC times are rendered in the requested IANA zone, across DST', () => {
    const winter = fromGraphEvent(
      makeGraphEvent({
        start: { dateTime: '2026-01-15T23:30:00.0000000', timeZone: 'UTC' },
        end: { dateTime: '2026-01-16T00:30:00.0000000', timeZone: 'UTC' },
      }),
      { timeZone: 'Europe/Berlin' },
    );
    expect([winter.start, winter.end, winter.durationMinutes]).toEqual(['2026-01-16T00:30', '2026-01-16T01:30', 60]);
    const summer = fromGraphEvent(
      makeGraphEvent({
        start: { dateTime: '2026-07-15T07:00:00.0000000', timeZone: 'UTC' },
        end: { dateTime: '2026-07-15T08:00:00.0000000', timeZone: 'UTC' },
      }),
      { timeZone: 'America/New_York' },
    );
    expect(summer.start).toBe('2026-07-15T03:00');
  });

  test('times Graph already rendered in the mailbox zone are kept as they are; all-day events are never shifted', () => {
    expect(fromGraphEvent(makeGraphEvent(), { timeZone: 'Asia/Tokyo' }).start).toBe('2026-11-24T14:30');
    const allDay = fromGraphEvent(
      makeGraphEvent({
        isAllDay: true,
        start: { dateTime: '2026-11-24T00:00:00.0000000', timeZone: 'UTC' },
        end: { dateTime: '2026-11-25T00:00:00.0000000', timeZone: 'UTC' },
      }),
      { timeZone: 'America/Los_Angeles' },
    );
    expect([allDay.start, allDay.durationMinutes]).toEqual(['2026-11-24T00:00', 1440]);
  });

  test('missing fields get safe defaults, and isOrganizer falls back to the mailbox address', () => {
    const ev = fromGraphEvent({ id: 'x', organizer: { emailAddress: { address: 'me@contoso.com' } } }, { mailbox: 'ME@contoso.com' });
    expect(ev).toMatchObject({
      subject: '',
      body: '',
      location: '',
      attendees: [],
      showAs: 'unknown',
      responseStatus: 'none',
      importance: 'normal',
      isOrganizer: true,
      categories: [],
      durationMinutes: 0,
    });
  });

  test('a plain-text body is kept; several locations are joined', () => {
    const ev = fromGraphEvent(
      makeGraphEvent({
        body: { contentType: 'text', content: 'a <b> c' },
        location: { displayName: '' },
        locations: [{ displayName: 'Room 1' }, { displayName: 'Room 2' }],
      }),
    );
    expect([ev.body, ev.location]).toEqual(['a <b> c', 'Room 1; Room 2']);
  });
});
