/**
 * Compiles a condition tree into closures over a slot array. `test` is the hot path (no allocation);
 * `explain` runs only for rules that matched and says which conditions held.
 */
import { RE2JS } from 're2js';
import { FIELDS, POSITIVE_TWIN, type FieldName } from './fields';
import { literalPrefilter } from './pattern-prefilter';
import type { Condition, Predicate } from './schema';
import { foldedReader, rawReader, type EvaluationContext, type SlotReader, type SlotValue } from './slots';
import { clockMinutes } from './time';
import { describeCondition, whyLine, type ClockWords } from './outlook-words';

export type Test = (slots: readonly SlotValue[]) => boolean;
/** `clock` writes the times of day (the pane's display language); absent, they read as stored ("HH:mm"). */
export type Explain = (slots: readonly SlotValue[], clock?: ClockWords) => string[];

export interface CompiledCondition {
  test: Test;
  explain: Explain;
}

/** Allocates slots for (field, folded) pairs, shared by every rule of one rule set. */
export class SlotTable {
  readonly readers: SlotReader[] = [];
  /** `field/f` (folded) or `field/r` (raw), by slot. */
  readonly keys: string[] = [];
  private readonly index = new Map<string, number>();
  constructor(private readonly ctx: EvaluationContext) {}

  slotFor(field: FieldName, folded: boolean): number {
    const key = `${field}/${folded ? 'f' : 'r'}`;
    let i = this.index.get(key);
    if (i === undefined) {
      i = this.readers.length;
      this.readers.push(folded ? foldedReader(field, this.ctx) : rawReader(field, this.ctx));
      this.keys.push(key);
      this.index.set(key, i);
    }
    return i;
  }
}

type StringTest = (s: string) => boolean;

/** The positive form of a text operator as a test on one string (negated operators share their twin's test). */
export function stringTest(op: string, value: unknown, fold: boolean, caseSensitive: boolean): StringTest {
  const norm = (s: string) => (fold ? s.toLowerCase() : s);
  if (op === 'in' || op === 'notIn') {
    const set = new Set((value as string[]).map(norm));
    return (s) => set.has(s);
  }
  if (op === 'matches') {
    const re = RE2JS.compile(value as string, caseSensitive ? 0 : RE2JS.CASE_INSENSITIVE);
    // re2js prefilters case-sensitive patterns itself; the others get one here (pattern-prefilter.ts).
    const could = caseSensitive ? null : literalPrefilter(RE2JS.compile(value as string, 0));
    return could ? (s) => could(s) && re.test(s) : (s) => re.test(s);
  }
  const v = norm(value as string);
  switch (op) {
    case 'equals':
    case 'notEquals':
      return (s) => s === v;
    case 'contains':
    case 'notContains':
      return (s) => s.includes(v);
    case 'startsWith':
      return (s) => s.startsWith(v);
    case 'endsWith':
      return (s) => s.endsWith(v);
    default:
      throw new Error(`unsupported text op ${op}`);
  }
}

function numberTest(op: string, value: unknown): (n: number) => boolean {
  if (op === 'between') {
    const [lo, hi] = value as [number, number];
    return (n) => n >= lo && n <= hi;
  }
  const v = value as number;
  switch (op) {
    case 'eq':
      return (n) => n === v;
    case 'ne':
      return (n) => n !== v;
    case 'gt':
      return (n) => n > v;
    case 'gte':
      return (n) => n >= v;
    case 'lt':
      return (n) => n < v;
    case 'lte':
      return (n) => n <= v;
    default:
      throw new Error(`unsupported number op ${op}`);
  }
}

function timeTest(op: string, value: unknown): (minutes: number) => boolean {
  if (op === 'between') {
    const [a, b] = (value as [string, string]).map(clockMinutes) as [number, number];
    // [from, to): a window that wraps midnight (22:00–06:00) holds on either side of it.
    return a <= b ? (t) => t >= a && t < b : (t) => t >= a || t < b;
  }
  const v = clockMinutes(value as string);
  return op === 'before' ? (t) => t < v : (t) => t >= v;
}

function compilePredicate(p: Predicate, slots: SlotTable): Test {
  const field = p.field as FieldName;
  const type = FIELDS[field].type;
  switch (type) {
    case 'text':
    case 'list': {
      const caseSensitive = p.caseSensitive === true;
      const fold = !caseSensitive && p.op !== 'matches'; // RE2 folds case itself
      const slot = slots.slotFor(field, fold);
      const t = stringTest(p.op, p.value, fold, caseSensitive);
      const holds: Test = type === 'text' ? (s) => t(s[slot] as string) : (s) => (s[slot] as readonly string[]).some(t);
      return Object.prototype.hasOwnProperty.call(POSITIVE_TWIN, p.op) ? (s) => !holds(s) : holds;
    }
    case 'number': {
      const slot = slots.slotFor(field, false);
      const t = numberTest(p.op, p.value);
      return (s) => t(s[slot] as number);
    }
    case 'boolean': {
      const slot = slots.slotFor(field, false);
      const v = p.value as boolean;
      return (s) => s[slot] === v;
    }
    case 'enum': {
      const slot = slots.slotFor(field, false);
      if (p.op === 'in') {
        const set = new Set(p.value as string[]);
        return (s) => set.has(s[slot] as string);
      }
      const v = p.value as string;
      return (s) => s[slot] === v;
    }
    case 'time': {
      const slot = slots.slotFor(field, false);
      const t = timeTest(p.op, p.value);
      return (s) => t(s[slot] as number);
    }
  }
}

function allOf(tests: Test[]): Test {
  return (s) => {
    for (let i = 0; i < tests.length; i++) if (!tests[i]!(s)) return false;
    return true;
  };
}

function anyOf(tests: Test[]): Test {
  return (s) => {
    for (let i = 0; i < tests.length; i++) if (tests[i]!(s)) return true;
    return false;
  };
}

/*
 * The engine also runs in classic Outlook's JavaScript-only runtime (the compose handler), which supports ES2016
 * only before Version 2403: no padStart, flatMap, Object.hasOwn (ES2017+) on its path. The launch-event bundle test
 * runs the built handler without them (tests/addin/launch-event.browser.test.ts).
 */
function twoDigits(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

function concatAll<T>(lists: readonly T[][]): T[] {
  return ([] as T[]).concat(...lists);
}

/** What the event had for a predicate's field, as the why shows it (a start time as "HH:mm"). */
function actualOf(p: Predicate, slots: SlotTable): (s: readonly SlotValue[]) => unknown {
  const slot = slots.slotFor(p.field as FieldName, false);
  if (p.field === 'startTime') {
    return (s) => {
      const m = s[slot] as number;
      if (!Number.isFinite(m)) return undefined;
      return `${twoDigits(Math.floor(m / 60))}:${twoDigits(m % 60)}`;
    };
  }
  return (s) => s[slot];
}

export function compileCondition(c: Condition, slots: SlotTable): CompiledCondition {
  if ('all' in c) {
    const parts = c.all.map((x) => compileCondition(x, slots));
    return {
      test: allOf(parts.map((x) => x.test)),
      explain: (s, clock) => (parts.length === 0 ? ['no conditions (always matches)'] : concatAll(parts.map((x) => x.explain(s, clock)))),
    };
  }
  if ('any' in c) {
    const parts = c.any.map((x) => compileCondition(x, slots));
    return {
      test: anyOf(parts.map((x) => x.test)),
      explain: (s, clock) => concatAll(parts.filter((x) => x.test(s)).map((x) => x.explain(s, clock))),
    };
  }
  if ('not' in c) {
    const inner = compileCondition(c.not, slots);
    const text = describeCondition(c); // written once for the stored clock; another clock writes it when asked
    return { test: (s) => !inner.test(s), explain: (_s, clock) => [clock ? describeCondition(c, clock) : text] };
  }
  const test = compilePredicate(c, slots);
  const actual = actualOf(c, slots);
  return { test, explain: (s, clock) => [whyLine(c, actual(s), clock)] };
}
