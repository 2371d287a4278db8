/**
 * Dates and times as a person reads them: in their language's conventions (24- or 12-hour, day/month order),
 * never ISO. The pane passes Office's display language; a wall-clock time ("YYYY-MM-DDTHH:mm", already the
 * mailbox's local time) is formatted as is (instants in a zone: display-instant.ts).
 */
const WALL = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}))?/;
const CLOCK = /^(\d{2}):(\d{2})$/;

/** A formatter per (locale, options): Intl formatters are costly to build and a list formats many rows. */
const formatters = new Map<string, Intl.DateTimeFormat>();

export function formatter(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let f = formatters.get(key);
  if (!f) {
    try {
      f = new Intl.DateTimeFormat(locale, options);
    } catch {
      f = new Intl.DateTimeFormat('en-US', options); // a host may report a malformed tag
    }
    formatters.set(key, f);
  }
  return f;
}

const CLOCK_OPTIONS: Intl.DateTimeFormatOptions = { hour: 'numeric', minute: '2-digit', timeZone: 'UTC' };
const DAY_OPTIONS: Intl.DateTimeFormatOptions = { weekday: 'short', day: 'numeric', month: 'short', timeZone: 'UTC' };

/** Whether the locale writes times with a 12-hour clock (the time picker follows it too). */
export function uses12HourClock(locale: string): boolean {
  return formatter(locale, CLOCK_OPTIONS).resolvedOptions().hour12 === true;
}

/** Hours as the locale's clock writes them: "9:00 AM" on a 12-hour clock, "09:00" on a 24-hour one (as Outlook does). */
function clockOptions(locale: string): Intl.DateTimeFormatOptions {
  return { hour: uses12HourClock(locale) ? 'numeric' : '2-digit', minute: '2-digit' };
}

/** "14:30" → "2:30 PM" (en-US), "14:30" (de-DE, en-GB); an unreadable value is shown as given. */
export function formatClock(hhmm: string, locale: string): string {
  const m = CLOCK.exec(hhmm);
  if (!m) return hhmm;
  return formatter(locale, { ...clockOptions(locale), timeZone: 'UTC' }).format(Date.UTC(2000, 0, 1, +m[1]!, +m[2]!));
}

/** A wall-clock start: "Wed, Dec 2, 10:00 AM" (en-US), "Mi., 2. Dez., 10:00" (de-DE); all-day events say so. */
export function formatWallStart(wall: string, locale: string, allDay: boolean, allDayWords = 'All day'): string {
  const m = WALL.exec(wall);
  if (!m) return wall;
  const at = Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +(m[4] ?? 0), +(m[5] ?? 0));
  if (allDay) return `${formatter(locale, DAY_OPTIONS).format(at)} · ${allDayWords}`;
  return formatter(locale, { ...DAY_OPTIONS, ...clockOptions(locale) }).format(at);
}
