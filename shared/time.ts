/** Wall-clock helpers. Everything here works on "YYYY-MM-DDTHH:mm" strings, so no host time zone leaks in. */
import { DAYS_OF_WEEK, type DayOfWeek } from './fields';

const WALL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/;

/** Minutes since the epoch for a wall-clock time, treating it as UTC (only differences are meaningful). */
export function wallMinutes(wall: string): number {
  const m = WALL.exec(wall);
  if (!m) return NaN;
  return Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!) / 60000;
}

function digits(s: string, from: number, count: number): number {
  let n = 0;
  for (let i = from; i < from + count; i++) n = n * 10 + (s.charCodeAt(i) - 48);
  return n;
}

/** Day of week of a wall-clock date (Sakamoto's method: no Date, no regex — this runs per event per rule set). */
export function dayOfWeek(wall: string): DayOfWeek {
  if (wall.length < 10) return 'monday';
  let y = digits(wall, 0, 4);
  const m = digits(wall, 5, 2);
  const d = digits(wall, 8, 2);
  if (m < 3) y -= 1;
  const sunday0 = (y + Math.floor(y / 4) - Math.floor(y / 100) + Math.floor(y / 400) + (SAKAMOTO[m - 1] ?? 0) + d) % 7;
  return DAYS_OF_WEEK[(sunday0 + 6) % 7] ?? 'monday';
}
const SAKAMOTO = [0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4];

export function timeOfDay(wall: string): string {
  return wall.slice(11, 16);
}

/** "HH:mm" → minutes after midnight. */
export function clockMinutes(hhmm: string): number {
  return digits(hhmm, 0, 2) * 60 + digits(hhmm, 3, 2);
}

/** Minutes after midnight of a wall-clock time "YYYY-MM-DDTHH:mm". */
export function wallClockMinutes(wall: string): number {
  return wall.length < 16 ? 0 : digits(wall, 11, 2) * 60 + digits(wall, 14, 2);
}

const formatters = new Map<string, Intl.DateTimeFormat | null>();

function formatterFor(timeZone: string): Intl.DateTimeFormat | null {
  if (!formatters.has(timeZone)) {
    try {
      formatters.set(
        timeZone,
        new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }),
      );
    } catch {
      formatters.set(timeZone, null); // Not an IANA name (e.g. a Windows zone name): caller keeps the wall time.
    }
  }
  return formatters.get(timeZone)!;
}

/** An instant rendered as wall-clock time in an IANA zone; null when the zone is unknown to Intl. */
export function instantToWall(instant: Date, timeZone: string): string | null {
  const f = formatterFor(timeZone);
  if (!f || Number.isNaN(instant.getTime())) return null;
  const parts: Record<string, string> = {};
  for (const p of f.formatToParts(instant)) parts[p.type] = p.value;
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}`;
}

export function isUtcZoneName(zone: string | undefined | null): boolean {
  return !zone || /^(utc|etc\/utc|gmt|z|coordinated universal time)$/i.test(zone);
}
