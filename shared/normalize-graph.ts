/** Microsoft Graph event (as calendarView returns it with `Prefer: outlook.timezone`) → CalendarEvent. */
import type { Attendee, DateTimeTimeZone, Event as GraphEvent } from '@microsoft/microsoft-graph-types';
import type { CalendarEvent } from './event';
import { toImportance, toOnlineMeetingProvider, toResponseStatus, toSensitivity, toShowAs } from './enum-coerce';
import { distinctPeople, htmlToText, toPerson } from './people';
import { instantToWall, isUtcZoneName, wallMinutes } from './time';

export interface GraphNormalizeOptions {
  /** The mailbox the event was read from; decides isOrganizer when Graph leaves it out. */
  mailbox?: string;
  /** IANA zone to render times in when Graph returned them in UTC (no `Prefer: outlook.timezone`). */
  timeZone?: string;
}

function wallTime(dt: DateTimeTimeZone | null | undefined, targetZone: string | undefined, keepWall: boolean): string {
  const raw = dt?.dateTime ?? '';
  const wall = raw.slice(0, 16);
  if (keepWall || !targetZone || isUtcZoneName(targetZone) || !isUtcZoneName(dt?.timeZone)) return wall;
  return instantToWall(new Date(`${wall}Z`), targetZone) ?? wall;
}

function isPersonAttendee(a: Attendee): boolean {
  return a.type !== 'resource';
}

export function fromGraphEvent(ev: GraphEvent, options: GraphNormalizeOptions = {}): CalendarEvent {
  const isAllDay = ev.isAllDay ?? false;
  const start = wallTime(ev.start, options.timeZone, isAllDay);
  const end = wallTime(ev.end, options.timeZone, isAllDay);
  const organizer = toPerson(ev.organizer?.emailAddress?.address, ev.organizer?.emailAddress?.name);
  const attendees = distinctPeople(
    (ev.attendees ?? []).filter(isPersonAttendee).map((a) => toPerson(a.emailAddress?.address, a.emailAddress?.name)),
    organizer,
  );
  const mailbox = options.mailbox?.toLowerCase();
  const location = ev.location?.displayName || (ev.locations ?? []).map((l) => l.displayName ?? '').filter(Boolean).join('; ');
  const bodyHtml = ev.body?.content ?? ev.bodyPreview ?? '';
  const duration = wallMinutes(end) - wallMinutes(start);
  return {
    id: ev.id ?? '',
    subject: ev.subject ?? '',
    body: ev.body?.contentType === 'text' ? bodyHtml : htmlToText(bodyHtml),
    location: location ?? '',
    organizer,
    attendees,
    isOnlineMeeting: ev.isOnlineMeeting ?? false,
    onlineMeetingProvider: toOnlineMeetingProvider(ev.onlineMeetingProvider),
    isRecurring: ev.type === 'seriesMaster' || ev.type === 'occurrence' || ev.type === 'exception' || !!ev.recurrence || !!ev.seriesMasterId,
    isAllDay,
    showAs: toShowAs(ev.showAs),
    responseStatus: toResponseStatus(ev.responseStatus?.response),
    sensitivity: toSensitivity(ev.sensitivity),
    importance: toImportance(ev.importance),
    start,
    end,
    durationMinutes: Number.isFinite(duration) ? Math.max(0, duration) : 0,
    isOrganizer: ev.isOrganizer ?? (!!mailbox && organizer?.address === mailbox),
    categories: [...(ev.categories ?? [])],
  };
}
