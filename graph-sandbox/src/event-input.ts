import type { Attendee, Event, PatternedRecurrence, SingleValueLegacyExtendedProperty } from '@microsoft/microsoft-graph-types';
import { GraphError, badRequest } from './graph-error';
import type { LocalTime } from './model';
import { validateRecurrence } from './recurrence';
import { normalizeLocal, resolveTimeZone } from './time-zones';

/** The writable subset of a Graph event accepted by POST and PATCH, already validated. */
export interface EventInput {
  subject?: string;
  body?: { contentType: 'text' | 'html'; content: string };
  start?: LocalTime;
  end?: LocalTime;
  isAllDay?: boolean;
  showAs?: string;
  importance?: string;
  sensitivity?: string;
  locationName?: string;
  attendees?: Attendee[];
  categories?: string[];
  isOnlineMeeting?: boolean;
  onlineMeetingProvider?: string;
  isReminderOn?: boolean;
  reminderMinutesBeforeStart?: number;
  recurrence?: PatternedRecurrence | null;
  transactionId?: string;
  extendedProperties?: Array<{ id: string; value: string }>;
}

const showAsValues = ['free', 'tentative', 'busy', 'oof', 'workingElsewhere', 'unknown'];
const readOnly = ['id', 'changeKey', 'createdDateTime', 'lastModifiedDateTime', 'iCalUId', 'seriesMasterId', 'type', 'isOrganizer', 'webLink'];

function localTime(value: unknown, field: string): LocalTime {
  const v = value as { dateTime?: unknown; timeZone?: unknown } | null;
  if (!v || typeof v.dateTime !== 'string') throw badRequest(`Property '${field}' must be a dateTimeTimeZone.`, 'ErrorInvalidRequest');
  const timeZone = typeof v.timeZone === 'string' && v.timeZone ? v.timeZone : 'UTC';
  resolveTimeZone(timeZone);
  return { dateTime: normalizeLocal(v.dateTime.replace(/Z$/, '')), timeZone };
}

export function parseEventInput(body: unknown): EventInput {
  if (!body || typeof body !== 'object' || Array.isArray(body)) throw badRequest('Empty Payload. JSON content expected.', 'BadRequest');
  const e = body as Event & Record<string, unknown>;
  for (const key of readOnly) {
    if (key in e && key !== 'id') throw badRequest(`The property '${key}' is read-only and cannot be set.`, 'ErrorInvalidPropertyRequest');
  }
  const input: EventInput = {};
  if (e.subject !== undefined) input.subject = String(e.subject ?? '');
  if (e.body !== undefined) {
    input.body = { contentType: String(e.body?.contentType ?? 'text').toLowerCase() === 'html' ? 'html' : 'text', content: String(e.body?.content ?? '') };
  }
  if (e.start !== undefined) input.start = localTime(e.start, 'start');
  if (e.end !== undefined) input.end = localTime(e.end, 'end');
  if (e.isAllDay !== undefined) input.isAllDay = Boolean(e.isAllDay);
  if (e.showAs !== undefined) {
    if (!showAsValues.includes(String(e.showAs))) throw badRequest(`Requested value '${String(e.showAs)}' was not found.`, 'RequestBodyRead');
    input.showAs = String(e.showAs);
  }
  if (e.importance !== undefined) input.importance = String(e.importance);
  if (e.sensitivity !== undefined) input.sensitivity = String(e.sensitivity);
  if (e.location !== undefined) input.locationName = String(e.location?.displayName ?? '');
  if (e.attendees !== undefined) {
    if (!Array.isArray(e.attendees)) throw badRequest('attendees must be a collection.', 'RequestBodyRead');
    input.attendees = e.attendees.map((a) => {
      const address = a.emailAddress?.address;
      if (!address) throw badRequest('An attendee needs emailAddress.address.', 'ErrorInvalidRecipients');
      return {
        type: a.type ?? 'required',
        status: { response: a.status?.response ?? 'none', time: a.status?.time ?? '0001-01-01T00:00:00Z' },
        emailAddress: { name: a.emailAddress?.name ?? address, address },
      };
    });
  }
  if (e.categories !== undefined) {
    if (!Array.isArray(e.categories) || e.categories.some((c) => typeof c !== 'string'))
      throw badRequest('categories must be a collection of strings.', 'RequestBodyRead');
    input.categories = [...new Set(e.categories)];
  }
  if (e.isOnlineMeeting !== undefined) input.isOnlineMeeting = Boolean(e.isOnlineMeeting);
  if (e.onlineMeetingProvider !== undefined) input.onlineMeetingProvider = String(e.onlineMeetingProvider);
  if (e.isReminderOn !== undefined) input.isReminderOn = Boolean(e.isReminderOn);
  if (e.reminderMinutesBeforeStart !== undefined) input.reminderMinutesBeforeStart = Number(e.reminderMinutesBeforeStart);
  if (e.transactionId !== undefined && e.transactionId !== null) input.transactionId = String(e.transactionId);
  if (e.recurrence !== undefined) {
    if (e.recurrence !== null) validateRecurrence(e.recurrence);
    input.recurrence = e.recurrence ?? null;
  }
  if (e.singleValueExtendedProperties !== undefined) {
    const props = e.singleValueExtendedProperties as SingleValueLegacyExtendedProperty[];
    if (!Array.isArray(props)) throw badRequest('singleValueExtendedProperties must be a collection.', 'RequestBodyRead');
    input.extendedProperties = props.map((p) => {
      if (typeof p.id !== 'string' || typeof p.value !== 'string')
        throw badRequest('An extended property needs a string id and value.', 'ErrorInvalidProperty');
      return { id: p.id, value: p.value };
    });
  }
  return input;
}

export function assertTimesValid(start: LocalTime, end: LocalTime, startMs: number, endMs: number, isAllDay: boolean): void {
  if (endMs < startMs) throw new GraphError(400, 'ErrorInvalidRequest', 'The end time must be after the start time.');
  if (isAllDay && (!start.dateTime.endsWith('T00:00:00') || !end.dateTime.endsWith('T00:00:00') || endMs === startMs)) {
    throw new GraphError(
      400,
      'ErrorInvalidRequest',
      "Your request can't be completed. If the event is an all-day event, start and end must be at midnight and at least one day apart.",
    );
  }
}
