import type { Event as GraphEvent } from '@microsoft/microsoft-graph-types';
import type { CalendarEvent, Person } from '../../shared';
import { toPerson } from '../../shared';

export function person(address: string, name = ''): Person {
  return toPerson(address, name)!;
}

/** A normalised event: a one-hour internal meeting on Tuesday 2026-11-24 at 09:00, organised by the mailbox owner. */
export function makeEvent(overrides: Partial<CalendarEvent> = {}): CalendarEvent {
  return {
    id: 'evt-1',
    subject: 'Weekly planning',
    body: 'Agenda: roadmap',
    location: 'Room 1',
    organizer: person('ada@contoso.com', 'Ada'),
    attendees: [person('bob@contoso.com', 'Bob'), person('cy@contoso.com', 'Cy')],
    isOnlineMeeting: false,
    onlineMeetingProvider: 'unknown',
    isRecurring: false,
    isAllDay: false,
    showAs: 'busy',
    responseStatus: 'organizer',
    sensitivity: 'normal',
    importance: 'normal',
    start: '2026-11-24T09:00',
    end: '2026-11-24T10:00',
    durationMinutes: 60,
    isOrganizer: true,
    categories: [],
    ...overrides,
  };
}

/** A Graph event as calendarView returns it with `Prefer: outlook.timezone="Europe/Paris"`. */
export function makeGraphEvent(overrides: Partial<GraphEvent> = {}): GraphEvent {
  return {
    id: 'AAMkAGI1-1',
    subject: 'Contract review',
    bodyPreview: 'Please read the draft',
    body: { contentType: 'html', content: '<html><body><p>Please read the <b>draft</b> &amp; comment</p></body></html>' },
    start: { dateTime: '2026-11-24T14:30:00.0000000', timeZone: 'Europe/Paris' },
    end: { dateTime: '2026-11-24T15:15:00.0000000', timeZone: 'Europe/Paris' },
    location: { displayName: 'Teams' },
    organizer: { emailAddress: { name: 'Ada Lovelace', address: 'Ada@Contoso.com' } },
    attendees: [
      { type: 'required', status: { response: 'accepted', time: '2026-11-20T10:00:00Z' }, emailAddress: { name: 'Lee', address: 'lee@fabrikam.com' } },
      { type: 'optional', status: { response: 'none', time: '0001-01-01T00:00:00Z' }, emailAddress: { name: 'Bob', address: 'bob@contoso.com' } },
      { type: 'resource', status: { response: 'accepted', time: '2026-11-20T10:00:00Z' }, emailAddress: { name: 'Room 4', address: 'room4@contoso.com' } },
    ],
    isAllDay: false,
    isOnlineMeeting: true,
    onlineMeetingProvider: 'teamsForBusiness',
    isOrganizer: true,
    type: 'singleInstance',
    showAs: 'busy',
    responseStatus: { response: 'organizer', time: '0001-01-01T00:00:00Z' },
    sensitivity: 'normal',
    importance: 'high',
    categories: ['Blue category'],
    ...overrides,
  };
}
