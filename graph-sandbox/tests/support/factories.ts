import type { Event } from '@microsoft/microsoft-graph-types';
import type { SeedDocument } from '../../src/index';

/** A small tenant: three people and a room at contoso.com, all in UTC unless told otherwise. */
export function smallTenant(timeZone = 'UTC'): SeedDocument {
  return {
    users: [
      { userPrincipalName: 'olivia@contoso.com', displayName: 'Olivia Organizer', timeZone, masterCategories: [{ displayName: 'Customer', color: 'preset4' }] },
      { userPrincipalName: 'ada@contoso.com', displayName: 'Ada Attendee', timeZone },
      { userPrincipalName: 'bo@contoso.com', displayName: 'Bo Busy', timeZone },
      { userPrincipalName: 'room.atlas@contoso.com', displayName: 'Room Atlas', isResource: true, timeZone },
    ],
  };
}

/** A single event body for POST, `hoursFromNow` hours ahead, one hour long, in UTC. */
export function singleEvent(subject: string, hoursFromNow = 24, extra: Partial<Event> = {}): Partial<Event> {
  const start = new Date(Math.floor(Date.now() / 3_600_000) * 3_600_000 + hoursFromNow * 3_600_000);
  const end = new Date(start.getTime() + 3_600_000);
  return {
    subject,
    start: { dateTime: start.toISOString().slice(0, 19), timeZone: 'UTC' },
    end: { dateTime: end.toISOString().slice(0, 19), timeZone: 'UTC' },
    ...extra,
  };
}

export const attendee = (address: string, type: 'required' | 'optional' | 'resource' = 'required') => ({ type, emailAddress: { address, name: address } });

/** A date 'YYYY-MM-DD' `days` from today (UTC). */
export const dayFromToday = (days: number): string => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
