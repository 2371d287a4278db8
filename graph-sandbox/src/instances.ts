import { occurrenceId, parseOccurrenceId } from './ids';
import type { EventShape, ExceptionOverride, LocalTime, StoredEvent } from './model';
import { occurrenceDates } from './recurrence';
import { localToUtcMs } from './time-zones';

export type InstanceType = 'singleInstance' | 'occurrence' | 'exception' | 'seriesMaster';

/** One row of a calendar view: a single event, or one occurrence/exception of a series. */
interface ShapeInstance {
  id: string;
  type: InstanceType;
  start: LocalTime;
  end: LocalTime;
  startMs: number;
  endMs: number;
  /** Original local start, the key of an occurrence within its series. */
  occurrenceKey?: string;
}

export interface EventInstance extends ShapeInstance {
  record: StoredEvent;
  override?: ExceptionOverride;
}

const dayMs = 86_400_000;

export function shapeOf(event: StoredEvent): EventShape {
  const moved = new Map<string, { start: LocalTime; end: LocalTime }>();
  for (const [key, ex] of event.exceptions) if (ex.start && ex.end) moved.set(key, { start: ex.start, end: ex.end });
  return {
    start: event.start,
    end: event.end,
    isAllDay: event.isAllDay,
    recurrence: event.recurrence,
    cancelledOccurrences: new Set(event.cancelledOccurrences),
    movedOccurrences: moved,
  };
}

function shiftLocal(local: LocalTime, targetDate: string): LocalTime {
  return { dateTime: `${targetDate}${local.dateTime.slice(10)}`, timeZone: local.timeZone };
}

/** Instances of a shape overlapping [fromMs, toMs). */
export function shapeInstances(eventId: string, shape: EventShape, fromMs: number, toMs: number): ShapeInstance[] {
  const startMs = localToUtcMs(shape.start.dateTime, shape.start.timeZone);
  const endMs = localToUtcMs(shape.end.dateTime, shape.end.timeZone);
  if (!shape.recurrence) {
    return startMs < toMs && (endMs > fromMs || (endMs === startMs && startMs >= fromMs))
      ? [{ id: eventId, type: 'singleInstance', start: shape.start, end: shape.end, startMs, endMs }]
      : [];
  }
  const durationMs = endMs - startMs;
  const untilDate = new Date(toMs + 2 * dayMs).toISOString().slice(0, 10);
  const out: ShapeInstance[] = [];
  const seen = new Set<string>();
  for (const date of occurrenceDates(shape.recurrence, untilDate)) {
    const start = shiftLocal(shape.start, date);
    const key = start.dateTime;
    seen.add(key);
    if (shape.cancelledOccurrences.has(key)) continue;
    const moved = shape.movedOccurrences.get(key);
    const s = moved ? localToUtcMs(moved.start.dateTime, moved.start.timeZone) : localToUtcMs(start.dateTime, start.timeZone);
    const e = moved ? localToUtcMs(moved.end.dateTime, moved.end.timeZone) : s + durationMs;
    if (s >= toMs || e <= fromMs) continue;
    const end = moved ? moved.end : { dateTime: new Date(localToUtcMs(key, 'UTC') + durationMs).toISOString().slice(0, 19), timeZone: start.timeZone };
    out.push({
      id: occurrenceId(eventId, key),
      type: moved ? 'exception' : 'occurrence',
      start: moved ? moved.start : start,
      end,
      startMs: s,
      endMs: e,
      occurrenceKey: key,
    });
  }
  // An exception moved into the window from a date beyond the expansion bound.
  for (const [key, moved] of shape.movedOccurrences) {
    if (seen.has(key) || shape.cancelledOccurrences.has(key)) continue;
    const s = localToUtcMs(moved.start.dateTime, moved.start.timeZone);
    const e = localToUtcMs(moved.end.dateTime, moved.end.timeZone);
    if (s < toMs && e > fromMs)
      out.push({ id: occurrenceId(eventId, key), type: 'exception', start: moved.start, end: moved.end, startMs: s, endMs: e, occurrenceKey: key });
  }
  return out;
}

export function eventInstances(event: StoredEvent, fromMs: number, toMs: number): EventInstance[] {
  // A single event has one instance; shapeOf's copies of the (empty) exception sets are for series only.
  if (!event.recurrence) {
    const startMs = localToUtcMs(event.start.dateTime, event.start.timeZone);
    const endMs = localToUtcMs(event.end.dateTime, event.end.timeZone);
    const inWindow = startMs < toMs && (endMs > fromMs || (endMs === startMs && startMs >= fromMs));
    return inWindow ? [{ id: event.id, type: 'singleInstance', start: event.start, end: event.end, startMs, endMs, record: event, override: undefined }] : [];
  }
  return shapeInstances(event.id, shapeOf(event), fromMs, toMs).map((i) => {
    const override = i.occurrenceKey ? event.exceptions.get(i.occurrenceKey) : undefined;
    return { ...i, record: event, type: i.type === 'occurrence' && override ? 'exception' : i.type, override };
  });
}

/** The instance addressed by an id: the event itself, or one occurrence of a series. */
export function findInstance(events: Map<string, StoredEvent>, id: string): EventInstance | null {
  const direct = events.get(id);
  if (direct) {
    const startMs = localToUtcMs(direct.start.dateTime, direct.start.timeZone);
    const endMs = localToUtcMs(direct.end.dateTime, direct.end.timeZone);
    return { record: direct, id, type: direct.recurrence ? 'seriesMaster' : 'singleInstance', start: direct.start, end: direct.end, startMs, endMs };
  }
  const parsed = parseOccurrenceId(id);
  if (!parsed) return null;
  const master = events.get(parsed.seriesMasterId);
  if (!master?.recurrence || master.cancelledOccurrences.has(parsed.originalStartLocal)) return null;
  const key = parsed.originalStartLocal;
  const keyMs = localToUtcMs(key, master.start.timeZone);
  const hit = eventInstances(master, keyMs - 400 * dayMs, keyMs + 400 * dayMs).find((i) => i.occurrenceKey === key);
  return hit ?? null;
}
