/**
 * The words a person reads: field, operator and choice names as Outlook says them, and a rule's condition or its
 * "why" in those words. Every screen (editor, rule summaries, previews, audit) and the CLI renders through here, so
 * no field name, operator code or enum value of the rule model reaches anyone (tests/unit/rules/outlook-words.test.ts
 * walks the whole model to hold that).
 */
import { presetById } from './colors';
import { FIELDS, type FieldName, type FieldType } from './fields';
import type { Condition, Predicate } from './schema';

/**
 * Choices as Outlook names them. showAs: the "Show as" menu of an appointment (Free, Working elsewhere, Tentative,
 * Busy, Away/Out of office); Graph's `unknown` is what Scheduling Assistant shows as "No information". Response
 * status as Outlook's Tracking list words it. Provider names as the Teams/Skype meeting buttons read.
 * Values: https://learn.microsoft.com/graph/api/resources/event (showAs, responseStatus, sensitivity, importance,
 * onlineMeetingProvider).
 */
const CHOICES: Record<string, string> = {
  free: 'Free',
  tentative: 'Tentative',
  busy: 'Busy',
  oof: 'Out of office',
  workingElsewhere: 'Working elsewhere',
  none: 'None',
  organizer: 'Organizer',
  tentativelyAccepted: 'Tentative',
  accepted: 'Accepted',
  declined: 'Declined',
  notResponded: 'Not responded',
  normal: 'Normal',
  personal: 'Personal',
  private: 'Private',
  confidential: 'Confidential',
  low: 'Low',
  high: 'High',
  teamsForBusiness: 'Microsoft Teams',
  skypeForBusiness: 'Skype for Business',
  skypeForConsumer: 'Skype',
  monday: 'Monday',
  tuesday: 'Tuesday',
  wednesday: 'Wednesday',
  thursday: 'Thursday',
  friday: 'Friday',
  saturday: 'Saturday',
  sunday: 'Sunday',
};

/** `unknown` means different things per field: no free/busy information, or a provider Graph cannot name. */
const UNKNOWN: Partial<Record<FieldName, string>> = { showAs: 'No information', onlineMeetingProvider: 'Other' };

/** Operators as the editor's picker shows them; `is` (yes/no fields) shows no operator: the field reads as a phrase. */
const OPERATORS: Record<string, string> = {
  equals: 'is',
  notEquals: 'is not',
  contains: 'contains',
  notContains: 'does not contain',
  startsWith: 'starts with',
  endsWith: 'ends with',
  matches: 'matches the pattern',
  in: 'is one of',
  notIn: 'is none of',
  eq: 'is',
  ne: 'is not',
  gt: 'is more than',
  gte: 'is at least',
  lt: 'is less than',
  lte: 'is at most',
  between: 'is between',
  is: 'is',
  before: 'is before',
  after: 'is at or after',
};

/** Yes/no fields read as a statement about the event, then its negation. */
const STATEMENTS: Partial<Record<FieldName, readonly [string, string]>> = {
  isOneOnOne: ['It is a 1:1', 'It is not a 1:1'],
  hasExternalAttendees: ['It has people from outside the organisation', 'It has no one from outside the organisation'],
  isOnlineMeeting: ['It is an online meeting', 'It is not an online meeting'],
  isRecurring: ['It is a recurring meeting', 'It is not a recurring meeting'],
  isAllDay: ['It is an all-day event', 'It is not an all-day event'],
  isOrganizer: ['I am the organizer', 'I am not the organizer'],
};

export function fieldLabel(field: FieldName): string {
  return FIELDS[field].label;
}

/** An operator in words; an unknown code (a newer server's) shows as "?" rather than as the code. */
export function operatorLabel(op: string): string {
  return OPERATORS[op] ?? '?';
}

/** One choice of an enum field, in Outlook's words. */
export function choiceLabel(field: FieldName, value: string): string {
  if (value === 'unknown') return UNKNOWN[field] ?? 'Unknown';
  return CHOICES[value] ?? value;
}

/** Outlook's name for a category colour preset ("Dark steel"); "No colour" for None and unknown ids. */
export function colourName(preset: string): string {
  return presetById(preset)?.name ?? 'No colour';
}

export function yesNo(value: boolean): string {
  return value ? 'Yes' : 'No';
}

/**
 * Quotes at most 80 characters: a whole body or list per condition that held would be wasted work
 * (80 characters, or 40 list items of at least `"",`, already quote to more than 80).
 */
function quote(value: string | readonly string[]): string {
  const shown = typeof value === 'string' ? value.slice(0, 80) : value.slice(0, 40);
  const text = JSON.stringify(shown);
  return text.length > 80 ? `${text.slice(0, 77)}…` : text;
}

const listOf = (items: readonly string[]) => (items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`);

/** A value the rule names, or the event had, in words: choices by name, yes/no, lists joined, "nothing" for none. */
export function valueWords(field: FieldName, value: unknown, type: FieldType = FIELDS[field].type): string {
  if (value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0)) return 'nothing';
  if (type === 'boolean') return yesNo(value === true);
  if (type === 'enum') return Array.isArray(value) ? listOf(value.map((v) => choiceLabel(field, String(v)))) : choiceLabel(field, String(value));
  if (type === 'text' || type === 'list') return typeof value === 'string' ? quote(value) : Array.isArray(value) ? quote(value.map(String)) : String(value);
  if (Array.isArray(value)) return value.map(String).join(' and ');
  return String(value);
}

/** One condition in words: "Number of other people is at least 4", "It has people from outside the organisation". */
export function describePredicate(p: Predicate): string {
  const field = p.field as FieldName;
  const spec = FIELDS[field];
  if (!spec) return 'An unknown condition';
  if (spec.type === 'boolean') {
    const statement = STATEMENTS[field];
    return statement ? statement[p.value === true ? 0 : 1] : `${spec.label}: ${yesNo(p.value === true)}`;
  }
  const matchCase = p.caseSensitive ? ' (match case)' : '';
  return `${spec.label} ${operatorLabel(p.op)} ${valueWords(field, p.value, spec.type)}${matchCase}`;
}

const isGroup = (c: Condition) => ('all' in c && c.all.length > 1) || ('any' in c && c.any.length > 1);
const nested = (c: Condition) => (isGroup(c) ? `(${describeCondition(c)})` : describeCondition(c));

/** A whole condition tree in words; "Every event" / "No event" for the empty groups. */
export function describeCondition(c: Condition): string {
  if ('all' in c) return c.all.length === 0 ? 'Every event' : c.all.map(nested).join(' and ');
  if ('any' in c) return c.any.length === 0 ? 'No event' : c.any.map(nested).join(' or ');
  if ('not' in c) return `Not: ${nested(c.not)}`;
  return describePredicate(c);
}

/** "Later rules are skipped" for a rule that stops evaluation; empty otherwise. */
export function stopWords(stop: boolean | undefined): string {
  return stop ? ' · later rules are skipped' : '';
}

/** A rule's summary line: "… → Category (Colour)". */
export function describeRule(rule: { when: Condition; then: { category: string; color: string; stop?: boolean } }): string {
  return `${describeCondition(rule.when)} → ${rule.then.category} (${colourName(rule.then.color)})${stopWords(rule.then.stop)}`;
}

/** A "why" line for a condition that held, with what the event had: "… is at least 4 (this event: 5)". */
export function whyLine(p: Predicate, actual: unknown): string {
  const text = describePredicate(p);
  // A yes/no condition that held says everything already; repeating "Yes" adds nothing.
  if (FIELDS[p.field as FieldName]?.type === 'boolean') return text;
  return `${text} (this event: ${valueWords(p.field as FieldName, actual)})`;
}
