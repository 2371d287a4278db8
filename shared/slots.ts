/**
 * Field readers. A compiled rule set asks for each (field, case-folded?) pair it needs; evaluation reads each
 * once per event into a slot array the predicates index, so 50 rules on `subject` lower-case it once.
 */
import type { CalendarEvent, Person } from './event';
import type { FieldName } from './fields';
import { dayOfWeek, wallClockMinutes } from './time';

export interface EvaluationContext {
  /** The tenant's own domains; a person outside them is external. Empty: the mailbox's (or organizer's) domain. */
  internalDomains: readonly string[];
  /** The mailbox evaluated for, used as the fallback for internalDomains. */
  mailbox?: string;
}

/** undefined: the event has no such value (a day of week without a start), so no predicate on it holds. */
export type SlotValue = string | number | boolean | readonly string[] | undefined;
export type SlotReader = (ev: CalendarEvent) => SlotValue;

function internalSet(ctx: EvaluationContext): (ev: CalendarEvent) => ReadonlySet<string> {
  const configured = new Set(ctx.internalDomains.map((d) => d.trim().toLowerCase()).filter(Boolean));
  if (configured.size > 0) return () => configured;
  const mailboxDomain = ctx.mailbox?.split('@')[1]?.toLowerCase();
  if (mailboxDomain) {
    const own = new Set([mailboxDomain]);
    return () => own;
  }
  return (ev) => new Set(ev.organizer ? [ev.organizer.domain] : []);
}

/** No domain (an Exchange X500 address) is a mailbox of the tenant, never an outsider. A loop: this runs per event. */
function isExternal(p: Person, internal: ReadonlySet<string>): boolean {
  return p.domain !== '' && !internal.has(p.domain);
}

function hasExternalPerson(ev: CalendarEvent, internal: ReadonlySet<string>): boolean {
  if (ev.organizer && isExternal(ev.organizer, internal)) return true;
  const people = ev.attendees;
  for (let i = 0; i < people.length; i++) if (isExternal(people[i]!, internal)) return true;
  return false;
}

export function rawReader(field: FieldName, ctx: EvaluationContext): SlotReader {
  switch (field) {
    case 'subject':
    case 'body':
    case 'location':
    case 'onlineMeetingProvider':
    case 'showAs':
    case 'responseStatus':
    case 'sensitivity':
    case 'importance':
    case 'durationMinutes':
    case 'isOnlineMeeting':
    case 'isRecurring':
    case 'isAllDay':
    case 'isOrganizer':
    case 'categories':
      return (ev) => ev[field];
    case 'organizer':
      return (ev) => ev.organizer?.address ?? '';
    case 'organizerDomain':
      return (ev) => ev.organizer?.domain ?? '';
    case 'attendees':
      return (ev) => ev.attendees.map((p) => p.address);
    case 'attendeeDomains':
      // Repeats are harmless: list operators ask whether some element matches.
      return (ev) => ev.attendees.map((p) => p.domain);
    case 'attendeeCount':
      return (ev) => ev.attendees.length;
    case 'isOneOnOne':
      return (ev) => ev.attendees.length === 1;
    case 'hasExternalAttendees': {
      const internal = internalSet(ctx);
      return (ev) => hasExternalPerson(ev, internal(ev));
    }
    case 'startTime':
      return (ev) => wallClockMinutes(ev.start);
    case 'dayOfWeek':
      return (ev) => dayOfWeek(ev.start);
  }
}

/** Addresses and domains are lower-cased by normalisation already. */
const ALREADY_FOLDED = new Set<FieldName>(['organizer', 'organizerDomain', 'attendees', 'attendeeDomains']);

/** Reads a field lower-cased, for case-insensitive text and list comparisons. */
export function foldedReader(field: FieldName, ctx: EvaluationContext): SlotReader {
  const raw = rawReader(field, ctx);
  if (ALREADY_FOLDED.has(field)) return raw;
  return (ev) => {
    const v = raw(ev);
    if (typeof v === 'string') return v.toLowerCase();
    if (Array.isArray(v)) return v.map((s: string) => s.toLowerCase());
    return v;
  };
}
