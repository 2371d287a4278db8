/**
 * Graph's side of time zones: its local-time literals ('YYYY-MM-DDTHH:mm:ss.fffffff', read and written), its query
 * bounds, and its errors. Which zone a name means and its offset at an instant are the zones library's (zones/: CLDR's
 * Windows names and Intl, no CalSync concept; the sync and the add-in use it too); here they are mapped to what Graph answers.
 */
import { instantToWallMs, resolveZone, wallMsToInstant } from '../../zones';
import { GraphError } from './graph-error';

/** Resolves an IANA or Windows zone name (CLDR's map, shared with the sync); throws Graph's error for unknown names. */
export function resolveTimeZone(name: string): string {
  const iana = resolveZone(name);
  if (iana === null)
    throw new GraphError(
      400,
      'TimeZoneNotSupportedException',
      `A valid TimeZone value must be specified. The following TimeZone value is not supported: '${name}'.`,
    );
  return iana;
}

const localPattern = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?)?$/;

/** The number `count` decimal digits at `from` spell, or -1 when one is not a digit. */
function digitsAt(s: string, from: number, count: number): number {
  let n = 0;
  for (let i = from; i < from + count; i++) {
    const d = s.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  return n;
}

/** 'YYYY-MM-DDTHH:mm:ss' (Graph's own form, every rendered event has two) without the regex; NaN otherwise. */
function parseFullLocal(local: string): number {
  if (
    local.length !== 19 ||
    local.charCodeAt(4) !== 45 ||
    local.charCodeAt(7) !== 45 ||
    local.charCodeAt(10) !== 84 ||
    local.charCodeAt(13) !== 58 ||
    local.charCodeAt(16) !== 58
  )
    return NaN;
  const y = digitsAt(local, 0, 4);
  const mo = digitsAt(local, 5, 2);
  const d = digitsAt(local, 8, 2);
  const h = digitsAt(local, 11, 2);
  const mi = digitsAt(local, 14, 2);
  const sec = digitsAt(local, 17, 2);
  if (y < 0 || mo < 0 || d < 0 || h < 0 || mi < 0 || sec < 0) return NaN;
  return Date.UTC(y, mo - 1, d, h, mi, sec);
}

/** Parses 'YYYY-MM-DDTHH:mm[:ss[.fffffff]]' to epoch ms as if it were UTC. */
export function parseLocal(local: string): number {
  const fast = parseFullLocal(local);
  if (!Number.isNaN(fast)) return fast;
  const m = localPattern.exec(local);
  if (!m) throw new GraphError(400, 'ErrorInvalidRequest', `Cannot convert the literal '${local}' to the expected type 'Edm.DateTime'.`);
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0));
}

export function normalizeLocal(local: string): string {
  return formatLocal(parseLocal(local));
}

const two = (n: number): string => (n < 10 ? `0${n}` : `${n}`);

/** Civil date of a day since 1970-01-01 (H. Hinnant's algorithm), 'YYYY-MM-DD' for years 1000–9999. */
function civilDate(days: number): string {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return `${yoe + era * 400 + (month <= 2 ? 1 : 0)}-${two(month)}-${two(day)}`;
}

// Rendering writes four times per event and a calendar spans a few hundred days and a few dozen times of
// day: the two halves are remembered (bounded) instead of being formatted again each time.
const dayCache = new Map<number, string>();
const timeOfDay: string[] = [];

/** Formats "as if UTC" epoch ms as 'YYYY-MM-DDTHH:mm:ss'. */
export function formatLocal(asUtcMs: number): string {
  // Whole seconds in years 1000–9999 by arithmetic (a Date and toISOString per call were a good part of
  // rendering a page); anything else the way toISOString writes it.
  if (asUtcMs < -30610224000000 || asUtcMs >= 253402300800000 || asUtcMs % 1000 !== 0) return new Date(asUtcMs).toISOString().slice(0, 19);
  const days = Math.floor(asUtcMs / 86_400_000);
  let date = dayCache.get(days);
  if (date === undefined) {
    if (dayCache.size >= 100_000) dayCache.clear();
    date = civilDate(days);
    dayCache.set(days, date);
  }
  const secs = (asUtcMs - days * 86_400_000) / 1000;
  let time = timeOfDay[secs];
  if (time === undefined) {
    const hour = Math.floor(secs / 3600);
    const minute = Math.floor((secs - hour * 3600) / 60);
    time = timeOfDay[secs] = `T${two(hour)}:${two(minute)}:${two(secs - hour * 3600 - minute * 60)}`;
  }
  return date + time;
}

/** Converts a wall-clock time in a zone to a UTC instant: the zones library's rule (repeated hour → earlier, skipped → forward). */
export function localToUtcMs(local: string, zoneName: string): number {
  resolveTimeZone(zoneName);
  // The name is known (to CLDR's map or Intl), so the zones library answers.
  return wallMsToInstant(parseLocal(local), zoneName)!;
}

/** The wall clock a UTC instant shows in a zone, to the second, as Graph writes it. */
export function utcMsToLocal(utcMs: number, zoneName: string): string {
  const wall = instantToWallMs(utcMs, zoneName);
  if (wall === null) resolveTimeZone(zoneName); // an unknown name is Graph's error; an invalid instant, Date's
  return formatLocal(wall ?? NaN);
}

/** Graph renders dateTime with seven fractional digits. */
export const graphDateTime = (local: string): string => `${local}.0000000`;

/** Parses a calendarView/delta bound: ISO 8601, offset honoured, UTC when absent. */
export function parseQueryInstant(value: string | undefined, name: string): number {
  if (!value)
    throw new GraphError(
      400,
      'ErrorInvalidParameter',
      `This request requires a time window specified by the query string parameters StartDateTime and EndDateTime.`,
    );
  const hasOffset = /(Z|[+-]\d{2}:?\d{2})$/.test(value);
  const ms = Date.parse(hasOffset ? value : `${value}Z`);
  if (Number.isNaN(ms)) throw new GraphError(400, 'ErrorInvalidParameter', `The value '${value}' of parameter '${name}' is invalid.`);
  return ms;
}
