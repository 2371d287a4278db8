/**
 * Compiles a whole rule set into one generated function, so evaluating 50 rules is straight-line code
 * instead of ~100 megamorphic closure calls. The generated source holds only slot and constant indices
 * and operators; every user value (strings, numbers, patterns) is passed in as a constant, never spliced
 * into code. Where `new Function` is unavailable (a strict CSP), the engine keeps the closure evaluator.
 */
import { FIELDS, POSITIVE_TWIN, type FieldName } from './fields';
import type { Condition, Predicate, Rule } from './schema';
import { stringTest, type SlotTable } from './compile';
import { clockMinutes } from './time';
import type { CalendarEvent } from './event';

/** Returns the indices (in the given order) of the rules that matched, honouring `stop`. */
export type GeneratedRuleSet = (event: CalendarEvent) => number[];

class Emitter {
  readonly consts: unknown[] = [];
  readonly usedSlots = new Set<number>();

  constant(value: unknown): string {
    this.consts.push(value);
    return `k${this.consts.length - 1}`;
  }

  slot(slots: SlotTable, field: FieldName, folded: boolean): string {
    const i = slots.slotFor(field, folded);
    this.usedSlots.add(i);
    return `s${i}`;
  }
}

function textExpression(p: Predicate, e: Emitter, slots: SlotTable): string {
  const field = p.field as FieldName;
  const caseSensitive = p.caseSensitive === true;
  const fold = !caseSensitive && p.op !== 'matches';
  const s = e.slot(slots, field, fold);
  const positive = POSITIVE_TWIN[p.op] ?? p.op;
  const negate = positive !== p.op;
  let expr: string;
  if (FIELDS[field].type === 'list') {
    expr = `${s}.some(${e.constant(stringTest(positive, p.value, fold, caseSensitive))})`;
  } else if (positive === 'matches' || positive === 'in') {
    expr = `${e.constant(stringTest(positive, p.value, fold, caseSensitive))}(${s})`;
  } else {
    const v = e.constant(fold ? (p.value as string).toLowerCase() : p.value);
    expr = positive === 'equals' ? `${s} === ${v}` : `${s}.${positive === 'contains' ? 'includes' : positive}(${v})`;
  }
  return negate ? `!(${expr})` : `(${expr})`;
}

const NUMBER_OPERATORS: Record<string, string> = { eq: '===', ne: '!==', gt: '>', gte: '>=', lt: '<', lte: '<=' };

function predicateExpression(p: Predicate, e: Emitter, slots: SlotTable): string {
  const field = p.field as FieldName;
  switch (FIELDS[field].type) {
    case 'text':
    case 'list':
      return textExpression(p, e, slots);
    case 'number': {
      const s = e.slot(slots, field, false);
      if (p.op === 'between') {
        const [lo, hi] = p.value as [number, number];
        return `(${s} >= ${e.constant(lo)} && ${s} <= ${e.constant(hi)})`;
      }
      return `(${s} ${NUMBER_OPERATORS[p.op]} ${e.constant(p.value)})`;
    }
    case 'boolean':
      return `(${e.slot(slots, field, false)} === ${e.constant(p.value)})`;
    case 'enum': {
      const s = e.slot(slots, field, false);
      return p.op === 'in' ? `${e.constant(new Set(p.value as string[]))}.has(${s})` : `(${s} === ${e.constant(p.value)})`;
    }
    case 'time': {
      const s = e.slot(slots, field, false);
      if (p.op === 'between') {
        const [a, b] = (p.value as [string, string]).map(clockMinutes) as [number, number];
        const [ka, kb] = [e.constant(a), e.constant(b)];
        return a <= b ? `(${s} >= ${ka} && ${s} < ${kb})` : `(${s} >= ${ka} || ${s} < ${kb})`;
      }
      return `(${s} ${p.op === 'before' ? '<' : '>='} ${e.constant(clockMinutes(p.value as string))})`;
    }
  }
}

function conditionExpression(c: Condition, e: Emitter, slots: SlotTable): string {
  if ('all' in c) return c.all.length === 0 ? 'true' : `(${c.all.map((x) => conditionExpression(x, e, slots)).join(' && ')})`;
  if ('any' in c) return c.any.length === 0 ? 'false' : `(${c.any.map((x) => conditionExpression(x, e, slots)).join(' || ')})`;
  if ('not' in c) return `!${conditionExpression(c.not, e, slots)}`;
  return predicateExpression(c, e, slots);
}

/** Plain property reads are inlined; every other field is read through its reader, passed as a constant. */
const INLINE_READS: Partial<Record<string, string>> = {
  'subject/r': 'ev.subject',
  'subject/f': 'ev.subject.toLowerCase()',
  'body/r': 'ev.body',
  'body/f': 'ev.body.toLowerCase()',
  'location/r': 'ev.location',
  'location/f': 'ev.location.toLowerCase()',
  'attendeeCount/r': 'ev.attendees.length',
  'isOneOnOne/r': '(ev.attendees.length === 1)',
  'durationMinutes/r': 'ev.durationMinutes',
  'isOnlineMeeting/r': 'ev.isOnlineMeeting',
  'isRecurring/r': 'ev.isRecurring',
  'isAllDay/r': 'ev.isAllDay',
  'isOrganizer/r': 'ev.isOrganizer',
  'showAs/r': 'ev.showAs',
  'responseStatus/r': 'ev.responseStatus',
  'sensitivity/r': 'ev.sensitivity',
  'importance/r': 'ev.importance',
  'onlineMeetingProvider/r': 'ev.onlineMeetingProvider',
};

/** One function for the ordered rules; null when the runtime forbids generated code. */
export function generateRuleSet(ordered: readonly Rule[], slots: SlotTable): GeneratedRuleSet | null {
  const e = new Emitter();
  const body = ordered.map((r, i) => `  if (${conditionExpression(r.when, e, slots)}) { m.push(${i});${r.then.stop ? ' return m;' : ''} }`);
  const reads = [...e.usedSlots].map((i) => `  const s${i} = ${INLINE_READS[slots.keys[i]!] ?? `${e.constant(slots.readers[i])}(ev)`};`);
  const source = [
    '"use strict";',
    `const [${e.consts.map((_, i) => `k${i}`).join(', ')}] = consts;`,
    'return function evaluateRuleSet(ev) {',
    ...reads,
    '  const m = [];',
    ...body,
    '  return m;',
    '};',
  ].join('\n');
  try {
    return new Function('consts', source)(e.consts) as GeneratedRuleSet;
  } catch {
    return null;
  }
}
