import { GraphError } from './graph-error';

/** Common Windows time-zone names Outlook uses, mapped to IANA (CLDR windowsZones, territory 001). */
const windowsToIana: Record<string, string> = {
  UTC: 'UTC',
  'Coordinated Universal Time': 'UTC',
  'GMT Standard Time': 'Europe/London',
  'Greenwich Standard Time': 'Atlantic/Reykjavik',
  'W. Europe Standard Time': 'Europe/Berlin',
  'Central Europe Standard Time': 'Europe/Budapest',
  'Central European Standard Time': 'Europe/Warsaw',
  'Romance Standard Time': 'Europe/Paris',
  'E. Europe Standard Time': 'Europe/Chisinau',
  'FLE Standard Time': 'Europe/Kiev',
  'GTB Standard Time': 'Europe/Bucharest',
  'Russian Standard Time': 'Europe/Moscow',
  'Eastern Standard Time': 'America/New_York',
  'Central Standard Time': 'America/Chicago',
  'Mountain Standard Time': 'America/Denver',
  'US Mountain Standard Time': 'America/Phoenix',
  'Pacific Standard Time': 'America/Los_Angeles',
  'Alaskan Standard Time': 'America/Anchorage',
  'Hawaiian Standard Time': 'Pacific/Honolulu',
  'Atlantic Standard Time': 'America/Halifax',
  'E. South America Standard Time': 'America/Sao_Paulo',
  'India Standard Time': 'Asia/Kolkata',
  'China Standard Time': 'Asia/Shanghai',
  'Tokyo Standard Time': 'Asia/Tokyo',
  'Korea Standard Time': 'Asia/Seoul',
  'Singapore Standard Time': 'Asia/Singapore',
  'Arabian Standard Time': 'Asia/Dubai',
  'Israel Standard Time': 'Asia/Jerusalem',
  'South Africa Standard Time': 'Africa/Johannesburg',
  'AUS Eastern Standard Time': 'Australia/Sydney',
  'New Zealand Standard Time': 'Pacific/Auckland',
};

const formatters = new Map<string, Intl.DateTimeFormat>();
const resolved = new Map<string, string>();

/** Resolves an IANA or Windows zone name; throws Graph's error for unknown names. */
export function resolveTimeZone(name: string): string {
  const cached = resolved.get(name);
  if (cached) return cached;
  const iana = windowsToIana[name] ?? name;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: iana });
  } catch {
    throw new GraphError(400, 'TimeZoneNotSupportedException', `A valid TimeZone value must be specified. The following TimeZone value is not supported: '${name}'.`);
  }
  resolved.set(name, iana);
  return iana;
}

function formatterFor(iana: string): Intl.DateTimeFormat {
  let f = formatters.get(iana);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: iana,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(iana, f);
  }
  return f;
}

/** Wall-clock parts of a UTC instant in a zone, as epoch ms "as if UTC". */
function wallClockMs(utcMs: number, iana: string): number {
  if (iana === 'UTC') return utcMs;
  const parts: Record<string, number> = {};
  for (const p of formatterFor(iana).formatToParts(new Date(utcMs))) {
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  }
  return Date.UTC(parts.year as number, (parts.month as number) - 1, parts.day, parts.hour, parts.minute, parts.second);
}

const localPattern = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?)?$/;

/** Parses 'YYYY-MM-DDTHH:mm[:ss[.fffffff]]' to epoch ms as if it were UTC. */
export function parseLocal(local: string): number {
  const m = localPattern.exec(local);
  if (!m) throw new GraphError(400, 'ErrorInvalidRequest', `Cannot convert the literal '${local}' to the expected type 'Edm.DateTime'.`);
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0));
}

export function normalizeLocal(local: string): string {
  return formatLocal(parseLocal(local));
}

/** Formats "as if UTC" epoch ms as 'YYYY-MM-DDTHH:mm:ss'. */
export function formatLocal(asUtcMs: number): string {
  return new Date(asUtcMs).toISOString().slice(0, 19);
}

/** Converts a wall-clock time in a zone to a UTC instant (gaps resolve forward, overlaps to the first instant). */
export function localToUtcMs(local: string, zoneName: string): number {
  const iana = resolveTimeZone(zoneName);
  const asUtc = parseLocal(local);
  if (iana === 'UTC') return asUtc;
  let guess = asUtc - (wallClockMs(asUtc, iana) - asUtc);
  const offset = wallClockMs(guess, iana) - guess;
  guess = asUtc - offset;
  return guess;
}

export function utcMsToLocal(utcMs: number, zoneName: string): string {
  return formatLocal(wallClockMs(utcMs, resolveTimeZone(zoneName)));
}

/** Graph renders dateTime with seven fractional digits. */
export const graphDateTime = (local: string): string => `${local}.0000000`;

/** Parses a calendarView/delta bound: ISO 8601, offset honoured, UTC when absent. */
export function parseQueryInstant(value: string | undefined, name: string): number {
  if (!value) throw new GraphError(400, 'ErrorInvalidParameter', `This request requires a time window specified by the query string parameters StartDateTime and EndDateTime.`);
  const hasOffset = /(Z|[+-]\d{2}:?\d{2})$/.test(value);
  const ms = Date.parse(hasOffset ? value : `${value}Z`);
  if (Number.isNaN(ms)) throw new GraphError(400, 'ErrorInvalidParameter', `The value '${value}' of parameter '${name}' is invalid.`);
  return ms;
}
