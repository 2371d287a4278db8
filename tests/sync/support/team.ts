/**
 * The seeded team the sync tests share, the rules they sync with, and ways to read and edit events the
 * way a person or another client would (through the sandbox store, which emits Graph's changes).
 */
import type { Rule } from '../../../shared';
import { parseStampRecord, STAMP_PROPERTY_ID, type StampRecord } from '../../../shared';
import type { GraphSandbox, SeedDocument } from '../../../graph-sandbox/src/index';
import { deleteEvent, updateEvent } from '../../../graph-sandbox/src/event-writes';
import { eventInstances, findInstance } from '../../../graph-sandbox/src/instances';
import type { EventInput } from '../../../graph-sandbox/src/event-input';

export const ADA = 'ada@contoso.com';
export const BO = 'bo@contoso.com';

const day = 86_400_000;
/** 'YYYY-MM-DDTHH:mm:ss' `days` from today (UTC) at `hour`:00. */
export function at(days: number, hour: number): string {
  const base = new Date(Date.now() + days * day).toISOString().slice(0, 10);
  return `${base}T${String(hour).padStart(2, '0')}:00:00`;
}

function single(organizer: string, subject: string, days: number, hour: number, extra: Record<string, unknown> = {}) {
  return { organizer, subject, start: { dateTime: at(days, hour), timeZone: 'UTC' }, end: { dateTime: at(days, hour + 1), timeZone: 'UTC' }, ...extra };
}

/** Two mailboxes; subjects are unique per mailbox so tests address events by subject. */
export function teamDocument(): SeedDocument {
  return {
    users: [
      { userPrincipalName: ADA, displayName: 'Ada Lovelace', timeZone: 'Europe/London', masterCategories: [{ displayName: 'Personal', color: 'preset9' }] },
      { userPrincipalName: BO, displayName: 'Bo Diddley', timeZone: 'America/New_York' },
    ],
    events: [
      single(ADA, 'Customer kickoff', 1, 10),
      single(ADA, 'Focus block', 2, 9),
      single(ADA, 'Lunch', 2, 12),
      single(ADA, 'Dentist', 3, 15, { categories: ['Personal'] }),
      single(ADA, 'Old customer call', -5, 11),
      {
        ...single(ADA, 'Weekly customer review', 1, 14),
        recurrence: {
          pattern: { type: 'weekly', interval: 1, daysOfWeek: [weekday(1)] },
          range: { type: 'numbered', startDate: at(1, 0).slice(0, 10), numberOfOccurrences: 4 },
        },
      },
      single(ADA, 'Partner sync', 4, 16, {
        attendees: [
          { type: 'required', emailAddress: { address: BO, name: 'Bo' } },
          { type: 'required', emailAddress: { address: 'grace@fabrikam.com', name: 'Grace' } },
        ],
      }),
      single(BO, 'Focus on taxes', 1, 13),
      single(BO, 'Team standup', 2, 9),
    ],
  } as SeedDocument;
}

function weekday(days: number): string {
  return ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'][new Date(Date.now() + days * day).getUTCDay()] as string;
}

export function rule(id: string, category: string, color: string, when: Rule['when'], order = 0): Rule {
  return { id, name: category, scope: 'org', enabled: true, order, when, then: { category, color: color as Rule['then']['color'], stop: false } };
}

export const teamRules = (): Rule[] => [
  rule('r_customer', 'Customer', 'preset4', { field: 'subject', op: 'contains', value: 'customer' }, 1),
  rule('r_focus', 'Focus', 'preset7', { field: 'subject', op: 'contains', value: 'focus' }, 2),
  rule('r_external', 'External', 'preset0', { field: 'hasExternalAttendees', op: 'is', value: true }, 3),
  rule('r_series', 'Series', 'preset8', { field: 'isRecurring', op: 'is', value: true }, 4),
];

export interface EventView {
  id: string;
  subject: string;
  categories: string[];
  record: StampRecord;
}

/** Every top-level event of a mailbox (singles and series masters) by subject, as the store holds it now. */
export function eventsOf(sandbox: GraphSandbox, upn: string): Map<string, EventView> {
  const out = new Map<string, EventView>();
  for (const e of sandbox.store.mailbox(upn).events.values()) {
    out.set(e.subject, { id: e.id, subject: e.subject, categories: [...e.categories], record: parseStampRecord(e.extendedProperties.get(STAMP_PROPERTY_ID)) });
  }
  return out;
}

export function categoriesOf(sandbox: GraphSandbox, upn: string, subject: string): string[] {
  const e = eventsOf(sandbox, upn).get(subject);
  if (!e) throw new Error(`no event "${subject}" in ${upn}`);
  return e.categories;
}

/** Categories of each occurrence of a series as calendarView shows them (exceptions included). */
export function occurrenceCategories(sandbox: GraphSandbox, upn: string, subject: string): string[][] {
  const mailbox = sandbox.store.mailbox(upn);
  const master = [...mailbox.events.values()].find((e) => e.subject === subject);
  if (!master) throw new Error(`no series "${subject}"`);
  return eventInstances(master, Date.now() - 400 * day, Date.now() + 400 * day).map((i) => [...(i.override?.categories ?? master.categories)]);
}

/** Edits an event as a person would (another client): a write with a new changeKey and a delta change. */
export function editEvent(sandbox: GraphSandbox, upn: string, subject: string, input: EventInput): void {
  const mailbox = sandbox.store.mailbox(upn);
  const event = [...mailbox.events.values()].find((e) => e.subject === subject);
  if (!event) throw new Error(`no event "${subject}"`);
  updateEvent(sandbox.store, findInstance(mailbox.events, event.id)!, input, undefined);
}

export function removeEvent(sandbox: GraphSandbox, upn: string, subject: string): void {
  const mailbox = sandbox.store.mailbox(upn);
  const event = [...mailbox.events.values()].find((e) => e.subject === subject);
  if (!event) throw new Error(`no event "${subject}"`);
  deleteEvent(sandbox.store, mailbox, findInstance(mailbox.events, event.id)!);
}

/** A snapshot of every event's categories in every mailbox, keyed by mailbox and subject (ids differ across sandboxes). */
export function finalState(sandbox: GraphSandbox): Record<string, Record<string, { categories: string[]; stamped: string[] }>> {
  const out: Record<string, Record<string, { categories: string[]; stamped: string[] }>> = {};
  for (const m of sandbox.store.mailboxes()) {
    const per: Record<string, { categories: string[]; stamped: string[] }> = {};
    for (const e of eventsOf(sandbox, m.userPrincipalName).values())
      per[e.subject] = { categories: [...e.categories].sort(), stamped: [...e.record.stamped].sort() };
    out[m.userPrincipalName] = per;
  }
  return out;
}

export function masterCategoryColors(sandbox: GraphSandbox, upn: string): Record<string, string> {
  return Object.fromEntries([...sandbox.store.mailbox(upn).masterCategories.values()].map((c) => [c.displayName, c.color]));
}
