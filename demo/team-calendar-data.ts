/**
 * The team calendar's data: one working week (Monday to Friday) of each demo person's calendar, read from
 * the sandbox's own store and rendered by the sandbox's own calendarView code, so what the page draws is
 * exactly what Graph's calendarView would return — without sending the page's polling (every 2 s per open
 * tab) through Graph, where it would share each mailbox's 4-request concurrency limit and request budget with
 * the sync and show up in the sandbox's accounting.
 *
 * Each event carries its categories (in order, with their colours from the mailbox's master list), each marked
 * when CalSync's stamp record says CalSync put it there; the page's "before CalSync" view leaves those out.
 */
import { categoryKey, parseStampRecord, STAMP_PROPERTY_ID } from '../shared';
import { renderInstance } from '../graph-sandbox/src/event-render';
import { eventInstances } from '../graph-sandbox/src/instances';
import type { SandboxStore } from '../graph-sandbox/src/store';
import { localToUtcMs, utcMsToLocal } from '../graph-sandbox/src/time-zones';
import { categoryViews, type CategoryView } from './category-colours';

/** The demo team works mostly from London; every column is drawn in one zone so the days line up. */
export const DISPLAY_TIME_ZONE = 'Europe/London';
export const WORK_DAYS = 5;

export interface CalendarEventView {
  id: string;
  subject: string;
  /** Wall-clock 'YYYY-MM-DDTHH:mm' in the display zone; all-day events run from one date's 00:00 to another's. */
  start: string;
  end: string;
  isAllDay: boolean;
  showAs: string;
  isCancelled: boolean;
  /** In the event's order; `stamped`: CalSync put it there (the event's stamp record says so). */
  categories: Array<CategoryView & { stamped: boolean }>;
}

export interface PersonWeek {
  upn: string;
  displayName: string;
  jobTitle: string | null;
  timeZone: string;
  events: CalendarEventView[];
}

export interface TeamWeek {
  weekStart: string;
  days: string[];
  timeZone: string;
  people: PersonWeek[];
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const dayMs = 86_400_000;

function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * dayMs).toISOString().slice(0, 10);
}

/** The Monday of the week a date falls in. */
export function mondayOf(date: string): string {
  const day = new Date(`${date}T00:00:00Z`).getUTCDay();
  return addDays(date, -((day + 6) % 7));
}

/** Monday of this week where the team is, or of the requested date's week; null for a malformed date. */
export function weekStartFor(requested: string | undefined, now: Date, zone = DISPLAY_TIME_ZONE): string | null {
  if (requested === undefined || requested === '') return mondayOf(utcMsToLocal(now.getTime(), zone).slice(0, 10));
  if (!DATE.test(requested) || Number.isNaN(Date.parse(`${requested}T00:00:00Z`))) return null;
  return mondayOf(requested);
}

export function teamWeek(store: SandboxStore, people: readonly string[], weekStart: string, zone = DISPLAY_TIME_ZONE): TeamWeek {
  const days = Array.from({ length: WORK_DAYS }, (_, i) => addDays(weekStart, i));
  const fromMs = localToUtcMs(`${weekStart}T00:00:00`, zone);
  const toMs = localToUtcMs(`${addDays(weekStart, WORK_DAYS)}T00:00:00`, zone);
  const week: PersonWeek[] = [];
  for (const upn of people) {
    const mailbox = store.findMailbox(upn);
    if (!mailbox) continue;
    const events: CalendarEventView[] = [];
    for (const event of mailbox.events.values()) {
      for (const instance of eventInstances(event, fromMs, toMs)) {
        const rendered = renderInstance(instance, { timeZone: zone, extendedPropertyIds: [STAMP_PROPERTY_ID] });
        // Outlook takes a declined meeting off the calendar; the sandbox keeps the copy, so leave it out here.
        if (rendered.responseStatus?.response === 'declined') continue;
        const stamped = new Set(parseStampRecord(rendered.singleValueExtendedProperties?.[0]?.value).stamped.map(categoryKey));
        events.push({
          id: instance.id,
          subject: rendered.subject ?? '',
          start: (rendered.start?.dateTime ?? '').slice(0, 16),
          end: (rendered.end?.dateTime ?? '').slice(0, 16),
          isAllDay: rendered.isAllDay ?? false,
          showAs: rendered.showAs ?? 'busy',
          isCancelled: rendered.isCancelled ?? false,
          categories: categoryViews(mailbox, rendered.categories ?? []).map((c) => ({ ...c, stamped: stamped.has(categoryKey(c.name)) })),
        });
      }
    }
    events.sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : a.id < b.id ? -1 : 1));
    week.push({ upn: mailbox.userPrincipalName, displayName: mailbox.displayName, jobTitle: mailbox.jobTitle, timeZone: mailbox.timeZone, events });
  }
  return { weekStart, days, timeZone: zone, people: week };
}
