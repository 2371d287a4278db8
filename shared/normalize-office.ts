/**
 * A snapshot of an Office.js appointment → CalendarEvent. The add-in reads the item through its async
 * adapters into this plain object (read and compose mode differ in API, not in what we keep).
 */
import type { CalendarEvent } from './event';
import { toImportance, toOnlineMeetingProvider, toResponseStatus, toSensitivity, toShowAs } from './enum-coerce';
import { plainBodyText } from './html-text';
import { distinctPeople, toPerson } from './people';
import { instantToWall, wallMinutes } from './time';

export interface OfficeRecipient {
  displayName?: string;
  emailAddress: string;
  recipientType?: string;
  appointmentResponse?: string;
}

export interface OfficeAppointmentSnapshot {
  itemId?: string;
  subject: string;
  body?: string;
  location?: string;
  /** ISO instants, as Office.js gives Date objects. */
  start: string;
  end: string;
  /** The mailbox's time zone (IANA or Windows name); times are rendered in it. */
  timeZone?: string;
  organizer?: { displayName?: string; emailAddress: string } | null;
  requiredAttendees: OfficeRecipient[];
  optionalAttendees: OfficeRecipient[];
  /** Rooms and equipment: never counted as people. */
  resources?: OfficeRecipient[];
  isAllDayEvent?: boolean;
  isRecurring?: boolean;
  isOrganizer: boolean;
  categories?: string[];
  isOnlineMeeting?: boolean;
  onlineMeetingProvider?: string;
  showAs?: string;
  responseStatus?: string;
  sensitivity?: string;
  importance?: string;
}

function wall(iso: string, zone: string | undefined): string {
  const d = new Date(iso);
  return (zone && instantToWall(d, zone)) || (Number.isNaN(d.getTime()) ? '' : d.toISOString().slice(0, 16));
}

export function fromOfficeSnapshot(item: OfficeAppointmentSnapshot): CalendarEvent {
  const organizer = toPerson(item.organizer?.emailAddress, item.organizer?.displayName);
  const resources = new Set((item.resources ?? []).map((r) => r.emailAddress.toLowerCase()));
  const attendees = distinctPeople(
    [...item.requiredAttendees, ...item.optionalAttendees]
      .filter((r) => !resources.has(r.emailAddress.toLowerCase()))
      .map((r) => toPerson(r.emailAddress, r.displayName)),
    organizer,
  );
  const start = wall(item.start, item.timeZone);
  const end = wall(item.end, item.timeZone);
  // Office.js gives instants, so a DST change inside the event is already counted; all-day events last calendar days.
  const duration = item.isAllDayEvent ? wallMinutes(end) - wallMinutes(start) : Math.round((Date.parse(item.end) - Date.parse(item.start)) / 60000);
  return {
    id: item.itemId ?? '',
    subject: item.subject ?? '',
    body: plainBodyText(item.body ?? ''),
    location: item.location ?? '',
    organizer,
    attendees,
    isOnlineMeeting: item.isOnlineMeeting ?? false,
    onlineMeetingProvider: toOnlineMeetingProvider(item.onlineMeetingProvider),
    isRecurring: item.isRecurring ?? false,
    isAllDay: item.isAllDayEvent ?? false,
    showAs: toShowAs(item.showAs ?? 'busy'),
    responseStatus: toResponseStatus(item.responseStatus ?? (item.isOrganizer ? 'organizer' : 'none')),
    sensitivity: toSensitivity(item.sensitivity),
    importance: toImportance(item.importance),
    start,
    end,
    durationMinutes: Number.isFinite(duration) ? Math.max(0, duration) : 0,
    isOrganizer: item.isOrganizer,
    categories: [...(item.categories ?? [])],
  };
}
