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
 * Choices whose Outlook name differs from Graph's value (the others read as the value capitalised). showAs: the "Show as" menu of an appointment (Free, Working elsewhere, Tentative,
 * Busy, Away/Out of office); Graph's `unknown` is what Scheduling Assistant shows as "No information". Response
 * status as Outlook's Tracking list words it. Provider names as the Teams/Skype meeting buttons read.
 * Values: https://learn.microsoft.com/graph/api/resources/event (showAs, responseStatus, sensitivity, importance,
 * onlineMeetingProvider).
 */
const CHOICES: Record<string, string> = {
  oof: 'Out of office',
  workingElsewhere: 'Working elsewhere',
  tentativelyAccepted: 'Tentative',
  notResponded: 'Not responded',
  teamsForBusiness: 'Microsoft Teams',
  skypeForBusiness: 'Skype for Business',
  skypeForConsumer: 'Skype',
};

/** Operators as the editor's picker shows them; summaries write a yes/no field's `is` as its label alone. */
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

export function fieldLabel(field: FieldName): string {
  return FIELDS[field].label;
}

/** An operator in words; an unknown code (a newer server's) shows as "?" rather than as the code. */
export function operatorLabel(op: string): string {
  return OPERATORS[op] ?? '?';
}

/** One choice of an enum field, in Outlook's words. */
export function choiceLabel(field: FieldName, value: string): string {
  // `unknown` means no free/busy information for showAs, a provider Graph cannot name for onlineMeetingProvider.
  if (value === 'unknown') return field === 'showAs' ? 'No information' : 'Other';
  // The rest are Outlook's words already ("busy" → "Busy"); tests/support/raw-identifiers.ts lists which.
  return CHOICES[value] ?? value.charAt(0).toUpperCase() + value.slice(1);
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

/** How a time of day ("HH:mm") is written; the pane passes its display language's clock (shared/display-time.ts). */
export type ClockWords = (hhmm: string) => string;
const asStored: ClockWords = (hhmm) => hhmm;

/** A value the rule names, or the event had, in words: choices by name, yes/no, lists joined, "nothing" for none. */
export function valueWords(field: FieldName, value: unknown, type: FieldType = FIELDS[field].type, clock: ClockWords = asStored): string {
  if (value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0)) return 'nothing';
  if (type === 'boolean') return yesNo(value === true);
  if (type === 'enum') return Array.isArray(value) ? listOf(value.map((v) => choiceLabel(field, String(v)))) : choiceLabel(field, String(value));
  if (type === 'text' || type === 'list') return typeof value === 'string' ? quote(value) : Array.isArray(value) ? quote(value.map(String)) : String(value);
  const one = (v: unknown) => (type === 'time' ? clock(String(v)) : String(v));
  if (Array.isArray(value)) return value.map(one).join(' and ');
  return one(value);
}

/** One condition in words: "Number of other people is at least 4", "Has external people". */
export function describePredicate(p: Predicate, clock: ClockWords = asStored): string {
  const field = p.field as FieldName;
  const spec = FIELDS[field];
  if (!spec) return 'An unknown condition';
  // A yes/no field's label is a statement about the event ("Has external people"); "no" negates it.
  if (spec.type === 'boolean') return p.value === true ? spec.label : `Not: ${spec.label}`;
  const matchCase = p.caseSensitive ? ' (match case)' : '';
  return `${spec.label} ${operatorLabel(p.op)} ${valueWords(field, p.value, spec.type, clock)}${matchCase}`;
}

const isGroup = (c: Condition) => ('all' in c && c.all.length > 1) || ('any' in c && c.any.length > 1);
const nested = (c: Condition, clock: ClockWords) => (isGroup(c) ? `(${describeCondition(c, clock)})` : describeCondition(c, clock));

/** A whole condition tree in words; "Every event" / "No event" for the empty groups. */
export function describeCondition(c: Condition, clock: ClockWords = asStored): string {
  if ('all' in c) return c.all.length === 0 ? 'Every event' : c.all.map((x) => nested(x, clock)).join(' and ');
  if ('any' in c) return c.any.length === 0 ? 'No event' : c.any.map((x) => nested(x, clock)).join(' or ');
  if ('not' in c) return `Not: ${nested(c.not, clock)}`;
  return describePredicate(c, clock);
}

/** "Later rules are skipped" for a rule that stops evaluation; empty otherwise. */
export function stopWords(stop: boolean | undefined): string {
  return stop ? ' · later rules are skipped' : '';
}

/** A rule's summary line: "… → Category (Colour)". */
export function describeRule(rule: { when: Condition; then: { category: string; color: string; stop?: boolean } }): string {
  return `${describeCondition(rule.when)} → ${rule.then.category} (${colourName(rule.then.color)})${stopWords(rule.then.stop)}`;
}

/**
 * A "why" line for a condition that held, with what the event had: "… is at least 4 (this event: 5)"; times of day
 * (the rule's and the event's) with `clock`, as the summaries write them.
 */
export function whyLine(p: Predicate, actual: unknown, clock: ClockWords = asStored): string {
  const text = describePredicate(p, clock);
  const type = FIELDS[p.field as FieldName]?.type;
  // A yes/no condition that held says everything already; repeating "Yes" adds nothing.
  if (type === undefined || type === 'boolean') return text;
  return `${text} (this event: ${valueWords(p.field as FieldName, actual, type, clock)})`;
}
