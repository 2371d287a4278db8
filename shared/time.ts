/** Wall-clock helpers. Everything here works on "YYYY-MM-DDTHH:mm" strings, so no host time zone leaks in. */
import { DAYS_OF_WEEK, type DayOfWeek } from './fields';
import { wallMsToInstant } from '../zones';

/** "YYYY-MM-DDTHH:mm" at the start of a string: `D` a digit, anything else itself. */
const WALL_SHAPE = 'DDDD-DD-DDTDD:DD';

/** Whether `wall` starts as WALL_SHAPE says, read by character codes: the sync does this twice per event. */
function isWall(wall: string): boolean {
  if (wall.length < WALL_SHAPE.length) return false;
  for (let i = 0; i < WALL_SHAPE.length; i++) {
    const c = wall.charCodeAt(i);
    const want = WALL_SHAPE.charCodeAt(i);
    if (want === 68 ? c < 48 || c > 57 : c !== want) return false;
  }
  return true;
}

/** Minutes since the epoch for a wall-clock time, treating it as UTC (only differences are meaningful). */
export function wallMinutes(wall: string): number {
  if (!isWall(wall)) return NaN;
  return Date.UTC(digits(wall, 0, 4), digits(wall, 5, 2) - 1, digits(wall, 8, 2), digits(wall, 11, 2), digits(wall, 14, 2)) / 60000;
}

function digits(s: string, from: number, count: number): number {
  let n = 0;
  for (let i = from; i < from + count; i++) n = n * 10 + (s.charCodeAt(i) - 48);
  return n;
}

/** "YYYY-MM-DD…" by its separators: cheap enough for the per-event hot path. */
function hasDate(wall: string): boolean {
  return wall.length >= 10 && wall.charCodeAt(4) === 45 && wall.charCodeAt(7) === 45;
}

/** Day of week of a wall-clock date (Sakamoto's method: no Date, no regex — this runs per event per rule set). */
export function dayOfWeek(wall: string): DayOfWeek | undefined {
  if (!hasDate(wall)) return undefined; // no start: no day, so no day predicate holds
  let y = digits(wall, 0, 4);
  const m = digits(wall, 5, 2);
  const d = digits(wall, 8, 2);
  if (m < 3) y -= 1;
  const sunday0 = (y + Math.floor(y / 4) - Math.floor(y / 100) + Math.floor(y / 400) + (SAKAMOTO[m - 1] ?? 0) + d) % 7;
  return DAYS_OF_WEEK[(sunday0 + 6) % 7];
}
const SAKAMOTO = [0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4];

export function timeOfDay(wall: string): string {
  return wall.slice(11, 16);
}

/** "HH:mm" → minutes after midnight. */
export function clockMinutes(hhmm: string): number {
  return digits(hhmm, 0, 2) * 60 + digits(hhmm, 3, 2);
}

/** Minutes after midnight of a wall-clock time "YYYY-MM-DDTHH:mm"; NaN without one, so no time comparison holds. */
export function wallClockMinutes(wall: string): number {
  return wall.length < 16 || !hasDate(wall) || wall.charCodeAt(13) !== 58 ? NaN : digits(wall, 11, 2) * 60 + digits(wall, 14, 2);
}

/**
 * The instant (ms since the epoch) a wall-clock time names in a zone (IANA or Windows name); null when the zone is unknown.
 * Resolved as RFC 5545 (3.3.5) and Temporal's "compatible" disambiguation do: a time repeated when clocks go back is
 * the earlier instant (01:30 on a fall-back night is the summer-time 01:30); a time skipped when clocks go forward
 * moves forward by the gap (02:30 on a spring-forward night is 03:30 summer time).
 */
export function wallToInstant(wall: string, timeZone: string | undefined | null): number | null {
  return wallMsToInstant(wallMinutes(wall) * 60000, timeZone);
}

// Zone names and offsets are the zones library's (zones/), re-exported for the rule model's callers.
export { instantToWall, instantToWallMs, isUtcZoneName, resolveZone, wallMsToInstant, zoneCacheSizes } from '../zones';
