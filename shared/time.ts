/** Wall-clock helpers. Everything here works on "YYYY-MM-DDTHH:mm" strings, so no host time zone leaks in. */
import { DAYS_OF_WEEK, type DayOfWeek } from './fields';

const WALL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/;

/** Minutes since the epoch for a wall-clock time, treating it as UTC (only differences are meaningful). */
export function wallMinutes(wall: string): number {
  const m = WALL.exec(wall);
  if (!m) return NaN;
  return Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!) / 60000;
}

export function dayOfWeek(wall: string): DayOfWeek {
  const m = WALL.exec(wall);
  if (!m) return 'monday';
  const jsDay = new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!)).getUTCDay(); // 0 = Sunday
  return DAYS_OF_WEEK[(jsDay + 6) % 7]!;
}

export function timeOfDay(wall: string): string {
  return wall.slice(11, 16);
}

/** "HH:mm" → minutes after midnight. */
export function clockMinutes(hhmm: string): number {
  return Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
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
