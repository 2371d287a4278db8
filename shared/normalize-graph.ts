/** Microsoft Graph event (as calendarView returns it with `Prefer: outlook.timezone`) → CalendarEvent. */
import type { Attendee, DateTimeTimeZone, Event as GraphEvent } from '@microsoft/microsoft-graph-types';
import type { CalendarEvent } from './event';
import { toImportance, toOnlineMeetingProvider, toResponseStatus, toSensitivity, toShowAs } from './enum-coerce';
import { htmlToText, plainBodyText } from './html-text';
import { distinctPeople, toPerson } from './people';
import { instantToWall, isUtcZoneName, wallMinutes, wallToInstant } from './time';

export interface GraphNormalizeOptions {
  /** The mailbox the event was read from; decides isOrganizer when Graph leaves it out. */
  mailbox?: string;
  /** Zone to render times in when Graph returned them in UTC (no `Prefer: outlook.timezone`): IANA or Windows name, as mailboxSettings gives it. */
  timeZone?: string;
}

function wallTime(dt: DateTimeTimeZone | null | undefined, targetZone: string | undefined, keepWall: boolean): string {
  const raw = dt?.dateTime ?? '';
  const wall = raw.slice(0, 16);
  if (keepWall || !targetZone || isUtcZoneName(targetZone) || !isUtcZoneName(dt?.timeZone)) return wall;
  return instantToWall(new Date(`${wall}Z`), targetZone) ?? wall;
}

/** A Graph time as an instant (ms). Module-level, not a closure per call: this runs twice per event the sync reads. */
function instantOf(dt: DateTimeTimeZone | null | undefined): number {
  const wall = (dt?.dateTime ?? '').slice(0, 16);
  // A zone neither Intl nor the Windows map knows leaves the wall clock as the best estimate.
  return wallToInstant(wall, dt?.timeZone) ?? wallMinutes(wall) * 60000;
}

/** Minutes between two Graph times as real instants, so a DST change inside the event counts (wall clocks do not). */
function minutesBetween(from: DateTimeTimeZone | null | undefined, to: DateTimeTimeZone | null | undefined): number {
  return Math.round((instantOf(to) - instantOf(from)) / 60000);
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
  const location =
    ev.location?.displayName ||
    (ev.locations ?? [])
      .map((l) => l.displayName ?? '')
      .filter(Boolean)
      .join('; ');
  const bodyHtml = ev.body?.content ?? ev.bodyPreview ?? '';
  // All-day events last whole calendar days, whatever the clocks do.
  const duration = isAllDay ? wallMinutes(end) - wallMinutes(start) : minutesBetween(ev.start, ev.end);
  return {
    id: ev.id ?? '',
    subject: ev.subject ?? '',
    body: ev.body?.contentType === 'text' ? plainBodyText(bodyHtml) : htmlToText(bodyHtml),
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
