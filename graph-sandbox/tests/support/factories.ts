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

/** Fixed object ids of `teamsTenant`'s groups, so tests name them without looking them up. */
export const GROUP = {
  sales: '5a1e5000-0000-4000-8000-000000000001',
  salesEmea: '5a1e5000-0000-4000-8000-000000000002',
  engineering: 'e0910000-0000-4000-8000-000000000003',
  loopA: '1000a000-0000-4000-8000-000000000004',
  loopB: '1000b000-0000-4000-8000-000000000005',
  empty: 'e3970000-0000-4000-8000-000000000006',
} as const;

/**
 * `smallTenant` with groups: Sales holds Olivia and the nested Sales EMEA (Ada, Bo and Ulla, who has no mailbox),
 * Engineering holds Bo and Sales EMEA again, Loop A and Loop B are members of each other (a cycle) with Ada in A and
 * Bo in B, and Empty has no one.
 */
export function teamsTenant(timeZone = 'UTC'): SeedDocument {
  return {
    ...smallTenant(timeZone),
    directoryUsers: [{ id: 'd1e70000-0000-4000-8000-0000000000aa', userPrincipalName: 'ulla@contoso.com', displayName: 'Ulla Unboxed' }],
    groups: [
      { id: GROUP.sales, displayName: 'Sales', mail: 'sales@contoso.com', description: 'Everyone who sells', members: ['olivia@contoso.com', 'Sales EMEA'] },
      { id: GROUP.salesEmea, displayName: 'Sales EMEA', members: ['ada@contoso.com', 'bo@contoso.com', 'ulla@contoso.com'] },
      { id: GROUP.engineering, displayName: 'Engineering', mail: 'engineering@contoso.com', members: ['bo@contoso.com', GROUP.salesEmea] },
      { id: GROUP.loopA, displayName: 'Loop A', members: ['ada@contoso.com', 'Loop B'] },
      { id: GROUP.loopB, displayName: 'Loop B', members: ['bo@contoso.com', 'Loop A'] },
      { id: GROUP.empty, displayName: 'Empty' },
    ],
  };
}

/** The advanced query parameters' header (https://learn.microsoft.com/graph/aad-advanced-queries). */
export const EVENTUAL = { ConsistencyLevel: 'eventual' };
