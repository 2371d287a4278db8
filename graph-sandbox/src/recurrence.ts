import type { PatternedRecurrence, RecurrencePattern } from '@microsoft/microsoft-graph-types';
import { GraphError } from './graph-error';

const dayNames = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
const indexNames = ['first', 'second', 'third', 'fourth', 'last'];
const dayMs = 86_400_000;

const dateToDay = (date: string): number => Math.floor(Date.parse(`${date}T00:00:00Z`) / dayMs);
const dayToDate = (day: number): string => new Date(day * dayMs).toISOString().slice(0, 10);
const weekday = (day: number): number => (((day + 4) % 7) + 7) % 7; // 1970-01-01 was a Thursday

function monthDay(year: number, month0: number, dayOfMonth: number): number | null {
  const ms = Date.UTC(year, month0, dayOfMonth);
  const d = new Date(ms);
  return d.getUTCMonth() === ((month0 % 12) + 12) % 12 ? Math.floor(ms / dayMs) : null;
}

function relativeDay(year: number, month0: number, days: number[], index: string): number | null {
  const first = Math.floor(Date.UTC(year, month0, 1) / dayMs);
  const last = Math.floor(Date.UTC(year, month0 + 1, 0) / dayMs);
  const matches: number[] = [];
  for (let d = first; d <= last; d++) if (days.includes(weekday(d))) matches.push(d);
  if (index === 'last') return matches[matches.length - 1] ?? null;
  return matches[indexNames.indexOf(index)] ?? null;
}

function dayNumbers(pattern: RecurrencePattern): number[] {
  return (pattern.daysOfWeek ?? []).map((d) => dayNames.indexOf(String(d).toLowerCase())).filter((d) => d >= 0);
}

/** Candidate dates in pattern order, starting at the range start; the caller applies the range end. */
function* candidateDays(pattern: RecurrencePattern, startDay: number): Generator<number> {
  const interval = Math.max(1, pattern.interval ?? 1);
  const startDate = new Date(startDay * dayMs);
  switch (pattern.type) {
    case 'daily':
      for (let d = startDay; ; d += interval) yield d;
    case 'weekly': {
      const days = dayNumbers(pattern);
      const firstDow = Math.max(0, dayNames.indexOf(String(pattern.firstDayOfWeek ?? 'sunday').toLowerCase()));
      const offsets = days.map((d) => (d - firstDow + 7) % 7).sort((a, b) => a - b);
      let weekStart = startDay - ((weekday(startDay) - firstDow + 7) % 7);
      for (;;) {
        for (const o of offsets) if (weekStart + o >= startDay) yield weekStart + o;
        weekStart += 7 * interval;
      }
    }
    case 'absoluteMonthly':
    case 'relativeMonthly':
    case 'absoluteYearly':
    case 'relativeYearly': {
      const yearly = pattern.type.endsWith('Yearly');
      const step = yearly ? 12 * interval : interval;
      let month0 = yearly ? (pattern.month ?? 1) - 1 : startDate.getUTCMonth();
      let year = startDate.getUTCFullYear();
      for (let guard = 0; guard < 100_000; guard++) {
        const y = year + Math.floor(month0 / 12);
        const m = month0 % 12;
        const day = pattern.type.startsWith('absolute')
          ? monthDay(y, m, pattern.dayOfMonth ?? 1)
          : relativeDay(y, m, dayNumbers(pattern), String(pattern.index ?? 'first'));
        if (day !== null && day >= startDay) yield day;
        month0 += step;
        if (month0 >= 12) {
          year += Math.floor(month0 / 12);
          month0 %= 12;
        }
      }
      return;
    }
    default:
      throw new GraphError(400, 'ErrorInvalidRecurrencePattern', `Recurrence pattern type '${String(pattern.type)}' is not supported.`);
  }
}

export function validateRecurrence(recurrence: PatternedRecurrence): void {
  const { pattern, range } = recurrence;
  if (!pattern?.type || !range?.type || !range.startDate) {
    throw new GraphError(400, 'ErrorInvalidRecurrence', 'A recurrence needs a pattern type, a range type and a range startDate.');
  }
  if (pattern.type === 'weekly' && dayNumbers(pattern).length === 0) {
    throw new GraphError(400, 'ErrorInvalidRecurrencePattern', 'A weekly pattern needs daysOfWeek.');
  }
  if (range.type === 'endDate' && !range.endDate) throw new GraphError(400, 'ErrorInvalidRecurrence', 'An endDate range needs endDate.');
  if (range.type === 'numbered' && !(Number(range.numberOfOccurrences) > 0)) {
    throw new GraphError(400, 'ErrorInvalidRecurrence', 'A numbered range needs numberOfOccurrences > 0.');
  }
  candidateDays(pattern, dateToDay(range.startDate)).next();
}

/**
 * Occurrence dates ('YYYY-MM-DD') of a series up to and including `untilDate`.
 * Cancelled occurrences still count towards a numbered range, as in Outlook.
 */
export function occurrenceDates(recurrence: PatternedRecurrence, untilDate: string): string[] {
  const { pattern, range } = recurrence;
  if (!pattern || !range?.startDate) return [];
  const until = dateToDay(untilDate);
  const end = range.type === 'endDate' && range.endDate ? Math.min(until, dateToDay(range.endDate)) : until;
  const max = range.type === 'numbered' ? Number(range.numberOfOccurrences ?? 0) : Number.POSITIVE_INFINITY;
  const out: string[] = [];
  let count = 0;
  for (const day of candidateDays(pattern, dateToDay(range.startDate))) {
    if (day > end || count >= max) break;
    out.push(dayToDate(day));
    count++;
  }
  return out;
}
