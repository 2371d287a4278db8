import type { DayOfWeek, Event, PatternedRecurrence } from '@microsoft/microsoft-graph-types';
import type { EventInstance } from './instances';
import type { LocalTime, StoredEvent } from './model';
import { formatLocal, graphDateTime, localToUtcMs, utcMsToLocal } from './time-zones';

export interface RenderOptions {
  /** The zone named in `Prefer: outlook.timezone`; UTC when absent, as in Graph. */
  timeZone: string;
  /** Extended property ids requested with `$expand=singleValueExtendedProperties($filter=id eq '…')`. */
  extendedPropertyIds?: string[] | 'all';
}

export type GraphEvent = Event & { '@odata.etag': string; '@odata.type'?: string };

/** Graph's seven-digit fraction, '2026-01-15T08:00:00.1230000Z', without a Date and a regex per call (two per event). */
function iso(ms: number): string {
  if (ms < 0 || ms >= 253402300800000 || !Number.isInteger(ms)) return new Date(ms).toISOString().replace(/Z$/, '0000Z');
  const frac = ms % 1000;
  return `${formatLocal(ms - frac)}.${frac < 10 ? '00' : frac < 100 ? '0' : ''}${frac}0000Z`;
}

/** `utcMs`: the instant `time` names, when the caller already has it (an instance carries its own). */
function renderTime(time: LocalTime, isAllDay: boolean, zone: string, utcMs?: number): { dateTime: string; timeZone: string } {
  // All-day events are floating dates: midnight in whichever zone they are shown.
  if (isAllDay) return { dateTime: graphDateTime(`${time.dateTime.slice(0, 10)}T00:00:00`), timeZone: zone };
  return { dateTime: graphDateTime(utcMsToLocal(utcMs ?? localToUtcMs(time.dateTime, time.timeZone), zone)), timeZone: zone };
}

/** Previews by body: every write replaces an event's body object rather than changing it, so one stays valid. */
const previews = new WeakMap<StoredEvent['body'], string>();

function bodyPreview(event: StoredEvent): string {
  let preview = previews.get(event.body);
  if (preview === undefined) {
    const text = event.body.contentType === 'html' ? event.body.content.replace(/<[^>]*>/g, ' ') : event.body.content;
    preview = text.replace(/\s+/g, ' ').trim().slice(0, 255);
    previews.set(event.body, preview);
  }
  return preview;
}

/**
 * A master's recurrence as Graph returns it: every pattern and range field, defaults where the request left
 * one out ("Create event", responses 3 and 4). Done here, not on write, so the stored pattern the occurrences
 * are computed from stays as given (a yearly `month: 0` would not compute). daysOfWeek stays absent when not
 * given: the docs' daily and absoluteMonthly masters have none.
 */
function renderRecurrence(r: PatternedRecurrence, startTimeZone: string): PatternedRecurrence {
  const p = r.pattern ?? {};
  const g = r.range ?? {};
  return {
    pattern: {
      type: p.type,
      interval: p.interval ?? 1,
      month: p.month ?? 0,
      dayOfMonth: p.dayOfMonth ?? 0,
      ...(p.daysOfWeek ? { daysOfWeek: p.daysOfWeek.map((d) => String(d).toLowerCase() as DayOfWeek) } : {}),
      firstDayOfWeek: p.firstDayOfWeek ?? 'sunday',
      index: p.index ?? 'first',
    },
    range: {
      type: g.type,
      startDate: g.startDate,
      endDate: g.endDate ?? '0001-01-01',
      recurrenceTimeZone: g.recurrenceTimeZone ?? startTimeZone,
      numberOfOccurrences: g.numberOfOccurrences ?? 0,
    },
  };
}

/**
 * An instance's startMs is always its start's instant. Its endMs is its end's only when that end is a stored
 * one (the event's own, or an exception's moved end): a plain occurrence's end is its start's wall time plus the
 * series' duration, and its endMs the start's instant plus the duration, which differ across a clock change.
 */
function knownEndMs(instance: EventInstance, end: LocalTime): number | undefined {
  return end === instance.end && (end === instance.record.end || end === instance.override?.end) ? instance.endMs : undefined;
}

/**
 * `odataType`: the `@odata.type` a delta entry starts with. It is in the literal rather than spread in front
 * of the event afterwards: copying ~45 fields into a new object per event cost as much as building it.
 * Without it the key is there but undefined, which JSON leaves out.
 */
export function renderInstance(instance: EventInstance, options: RenderOptions, odataType?: string): GraphEvent {
  const e = instance.record;
  const o = instance.override;
  const changeKey = o?.changeKey ?? e.changeKey;
  const locationName = o?.locationName ?? e.locationName;
  const isMaster = instance.type === 'seriesMaster';
  const start = o?.start ?? instance.start;
  const end = o?.end ?? instance.end;
  const event: GraphEvent = {
    '@odata.type': odataType,
    '@odata.etag': `W/"${changeKey}"`,
    id: instance.id,
    createdDateTime: iso(e.createdMs),
    lastModifiedDateTime: iso(o?.modifiedMs ?? e.modifiedMs),
    changeKey,
    categories: [...(o?.categories ?? e.categories)],
    transactionId: e.transactionId,
    originalStartTimeZone: e.start.timeZone,
    originalEndTimeZone: e.end.timeZone,
    iCalUId: e.iCalUId,
    reminderMinutesBeforeStart: e.reminderMinutesBeforeStart,
    isReminderOn: e.isReminderOn,
    hasAttachments: false,
    subject: o?.subject ?? e.subject,
    bodyPreview: bodyPreview(e),
    importance: e.importance as Event['importance'],
    sensitivity: e.sensitivity as Event['sensitivity'],
    isAllDay: e.isAllDay,
    isCancelled: e.isCancelled,
    isOrganizer: e.isOrganizer,
    responseRequested: true,
    seriesMasterId: instance.type === 'occurrence' || instance.type === 'exception' ? e.id : null,
    showAs: (o?.showAs ?? e.showAs) as Event['showAs'],
    type: instance.type,
    webLink: `https://outlook.office365.com/owa/?itemid=${encodeURIComponent(instance.id)}&exvsurl=1&path=/calendar/item`,
    onlineMeetingUrl: null,
    isOnlineMeeting: e.isOnlineMeeting,
    onlineMeetingProvider: e.onlineMeetingProvider as Event['onlineMeetingProvider'],
    allowNewTimeProposals: true,
    isDraft: false,
    hideAttendees: false,
    responseStatus: { ...(o?.responseStatus ?? e.responseStatus) },
    body: { ...e.body },
    start: renderTime(start, e.isAllDay, options.timeZone, start === instance.start ? instance.startMs : undefined),
    end: renderTime(end, e.isAllDay, options.timeZone, knownEndMs(instance, end)),
    // A plain-text location, as in "Create event" responses 1 and 2: `location` names itself as a private
    // uniqueId; its `locations` entry has no uniqueId and type 'unknown'. Without a location Graph sends no uniqueId.
    location: locationName
      ? { displayName: locationName, locationType: 'default', uniqueId: locationName, uniqueIdType: 'private', address: {}, coordinates: {} }
      : { displayName: locationName, locationType: 'default', uniqueIdType: 'unknown', address: {}, coordinates: {} },
    locations: locationName ? [{ displayName: locationName, locationType: 'default', uniqueIdType: 'unknown' }] : [],
    recurrence: isMaster && e.recurrence ? renderRecurrence(e.recurrence, e.start.timeZone) : null,
    attendees: e.attendees.map((a) => ({ type: a.type, status: { ...a.status }, emailAddress: { ...a.emailAddress } })),
    organizer: { emailAddress: { name: e.organizer.name, address: e.organizer.address } },
    onlineMeeting: e.isOnlineMeeting && e.onlineMeetingUrl ? { joinUrl: e.onlineMeetingUrl } : null,
  };
  const ids = options.extendedPropertyIds;
  if (ids) {
    const props = new Map([...e.extendedProperties, ...(o?.extendedProperties ?? [])]);
    event.singleValueExtendedProperties = [...props]
      .filter(([id]) => ids === 'all' || ids.some((wanted) => wanted.toLowerCase() === id.toLowerCase()))
      .map(([id, value]) => ({ id, value }));
  }
  return event;
}

/**
 * An occurrence as calendarView/delta lists it in real Graph: these seven fields and no others (no subject,
 * categories, attendees…), whatever the request's Prefer or $expand; sources in series-delta.ts.
 */
export function renderOccurrenceStub(instance: EventInstance, options: RenderOptions, odataType: string): GraphEvent {
  const e = instance.record;
  return {
    '@odata.type': odataType,
    '@odata.etag': `W/"${e.changeKey}"`,
    id: instance.id,
    seriesMasterId: e.id,
    type: 'occurrence',
    start: renderTime(instance.start, e.isAllDay, options.timeZone, instance.startMs),
    end: renderTime(instance.end, e.isAllDay, options.timeZone, knownEndMs(instance, instance.end)),
  };
}
