/**
 * Which zone a name means (IANA, or a Windows name by CLDR's map) and its offset at an instant, by Intl, cached.
 * One copy for CalSync (the sync, the add-in) and its Graph sandbox: a library with no CalSync concept in it.
 */
import { ianaZoneFor } from './windows-zones';

// Zone names come from event data (a preview request may send any string), so the name → IANA cache is
// bounded; formatters and offsets are keyed by the resolved IANA zone, a finite set, and unknown names add nothing.
const MAX_NAMES = 1_000;
const resolvedNames = new Map<string, string | null>();
const formatters = new Map<string, Intl.DateTimeFormat | null>();

/** The IANA zone for an IANA or Windows name (CLDR's map), null when neither; one Map lookup once seen. */
export function resolveZone(timeZone: string): string | null {
  let iana = resolvedNames.get(timeZone);
  if (iana === undefined) {
    iana = ianaZoneFor(timeZone);
    if (resolvedNames.size >= MAX_NAMES) resolvedNames.clear();
    resolvedNames.set(timeZone, iana);
  }
  return iana;
}

/** How many entries the zone caches hold (diagnostics and tests: they must stay bounded whatever names arrive). */
export function zoneCacheSizes(): { names: number; formatters: number; offsetZones: number } {
  return { names: resolvedNames.size, formatters: formatters.size, offsetZones: offsetCache.size };
}

function formatterFor(timeZone: string): Intl.DateTimeFormat | null {
  const iana = resolveZone(timeZone);
  if (iana === null) return null;
  let f = formatters.get(iana);
  if (f === undefined) {
    try {
      f = new Intl.DateTimeFormat('en-CA', {
        timeZone: iana,
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
        hourCycle: 'h23',
      });
    } catch {
      f = null; // a mapped zone an older browser lacks: the caller keeps the wall time
    }
    formatters.set(iana, f);
  }
  return f;
}

/** An instant rendered as wall-clock time in a zone (IANA or Windows name); null when the zone is unknown. */
export function instantToWall(instant: Date, timeZone: string): string | null {
  const f = formatterFor(timeZone);
  if (!f || Number.isNaN(instant.getTime())) return null;
  const parts: Record<string, string> = {};
  for (const p of f.formatToParts(instant)) parts[p.type] = p.value;
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}`;
}

/**
 * The formatter to the second that offsets are read with, beside formatterFor's (to the minute): seconds cost Intl
 * a quarter more per call, and the add-in, which only needs minutes, carries formatterFor alone.
 */
function secondFormatterFor(iana: string): Intl.DateTimeFormat | null {
  const key = `${iana} to the second`;
  let f = formatters.get(key);
  if (f === undefined) {
    try {
      f = new Intl.DateTimeFormat('en-CA', {
        timeZone: iana,
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
        second: '2-digit',
        hourCycle: 'h23',
      });
    } catch {
      f = null;
    }
    formatters.set(key, f);
  }
  return f;
}

/** Intl's wall clock of an instant in a zone, to the second, as epoch ms "as if UTC" (slow); null when Intl lacks the zone. */
function intlWallMs(ms: number, iana: string): number | null {
  const f = secondFormatterFor(iana);
  if (!f) return null;
  const parts: Record<string, string> = {};
  for (const p of f.formatToParts(ms)) parts[p.type] = p.value;
  return Date.UTC(+parts.year!, +parts.month! - 1, +parts.day!, +parts.hour!, +parts.minute!, +parts.second!);
}

const DAY_MS = 86_400_000;

/**
 * The instant (ms since the epoch) a wall-clock time, given as epoch ms "as if UTC", names in a zone (IANA or Windows
 * name); null when the zone is unknown. Resolved as RFC 5545 (3.3.5) and Temporal's "compatible" disambiguation do: a
 * time repeated when clocks go back is the earlier instant; a time skipped when clocks go forward moves forward by the gap.
 */
export function wallMsToInstant(asUtcMs: number, timeZone: string | undefined | null): number | null {
  if (!Number.isFinite(asUtcMs)) return null;
  if (isUtcZoneName(timeZone)) return asUtcMs;
  const iana = resolveZone(timeZone!);
  if (iana === null) return null;
  // The offsets a day either side bracket any transition near this wall time (zones change at most once a day).
  const before = minuteOffset(iana, asUtcMs - DAY_MS);
  const after = minuteOffset(iana, asUtcMs + DAY_MS);
  if (before === null || after === null) return null;
  if (before === after) return asUtcMs - before;
  const earlier = asUtcMs - Math.max(before, after);
  const later = asUtcMs - Math.min(before, after);
  // Each candidate is valid when the zone really has that offset at that instant; both are in a repeated hour.
  if (minuteOffset(iana, earlier) === Math.max(before, after)) return earlier;
  if (minuteOffset(iana, later) === Math.min(before, after)) return later;
  // In neither: a skipped time. The offset before the gap applied to it lands past the gap, shifted by its length.
  return asUtcMs - before;
}

const QUARTER_HOUR = 900_000;
/** Per IANA zone: quarter hour (UTC) → the zone's offset (ms) throughout it, or NaN when it changes inside it. */
const offsetCache = new Map<string, Map<number, number>>();

/**
 * The zone's offset throughout a quarter hour, remembered: the sync normalises thousands of events, the sandbox
 * renders two times per event, and Intl formatting is slow. Offsets are whole seconds and today's zones change them
 * on quarter hours (UTC), so a quarter hour whose first and last second have the same offset has it throughout; one
 * where they differ (a historic local-mean-time change) is NaN and its callers ask Intl. Null when Intl lacks the zone.
 */
function quarterOffset(iana: string, quarter: number): number | null {
  let byQuarter = offsetCache.get(iana);
  if (!byQuarter) offsetCache.set(iana, (byQuarter = new Map()));
  let offset = byQuarter.get(quarter);
  if (offset === undefined) {
    const first = quarter * QUARTER_HOUR;
    const last = first + QUARTER_HOUR - 1000;
    const atFirst = intlOffset(first, iana);
    if (atFirst === null) return null;
    offset = intlOffset(last, iana) === atFirst ? atFirst : NaN;
    if (byQuarter.size >= 100_000) byQuarter.clear(); // bounded: a long-running server sees ever new dates
    byQuarter.set(quarter, offset);
  }
  return offset;
}

/** The zone's offset (ms) at a whole second, from Intl (slow). */
function intlOffset(ms: number, iana: string): number | null {
  const wall = intlWallMs(ms, iana);
  return wall === null ? null : wall - ms;
}

/**
 * The offset wall-clock → instant uses: the zone's at the start of the quarter hour, in whole minutes (floored, as
 * a wall clock in minutes shows it), so wall times in minutes give instants in whole minutes.
 */
function minuteOffset(iana: string, ms: number): number | null {
  const quarter = Math.floor(ms / QUARTER_HOUR);
  let offset = quarterOffset(iana, quarter);
  if (Number.isNaN(offset)) offset = intlOffset(quarter * QUARTER_HOUR, iana);
  return offset === null ? null : Math.floor(offset / 60000) * 60000;
}

/**
 * The wall clock an instant shows in a zone (IANA or Windows name) as epoch ms "as if UTC", to the second (the
 * fraction dropped toward the past, as Intl does); null when the zone is unknown. Exactly Intl's answer.
 */
export function instantToWallMs(ms: number, timeZone: string): number | null {
  const iana = resolveZone(timeZone);
  if (iana === null || !Number.isFinite(ms)) return null;
  const offset = quarterOffset(iana, Math.floor(ms / QUARTER_HOUR));
  if (offset === null || Number.isNaN(offset)) return intlWallMs(ms, iana);
  return ms - (((ms % 1000) + 1000) % 1000) + offset;
}

export function isUtcZoneName(zone: string | undefined | null): boolean {
  return !zone || /^(utc|etc\/utc|gmt|z|coordinated universal time)$/i.test(zone);
}
