/**
 * The same rules expressed for json-rules-engine 7, with operators that mean exactly what ours mean,
 * so the benchmark compares engines, not semantics (the bench checks both give identical categories).
 */
import { Engine, type NestedCondition, type TopLevelCondition } from 'json-rules-engine';
import { FIELDS, clockMinutes, dayOfWeek, wallClockMinutes, sortRules, type CalendarEvent, type Condition, type FieldName, type Rule } from '../../../shared';

type Op = (fact: never, value: never) => boolean;

/** A pattern as the rule's value carries it (plain JSON, as json-rules-engine rules are). */
type RegexValue = { source: string; flags: string };

// Each pattern is compiled once, as any real deployment would, so the bench compares engines, not RegExp
// construction. (Patterns have no g/y flag, so a shared RegExp keeps no state between tests.)
const regexCache = new Map<string, RegExp>();
function compiled(re: RegexValue): RegExp {
  const key = `${re.flags}/${re.source}`;
  let r = regexCache.get(key);
  if (!r) {
    r = new RegExp(re.source, re.flags);
    regexCache.set(key, r);
  }
  return r;
}

const TEXT: Record<string, (s: string, v: never) => boolean> = {
  equals: (s, v: string) => s === v,
  notEquals: (s, v: string) => s !== v,
  contains: (s, v: string) => s.includes(v),
  notContains: (s, v: string) => !s.includes(v),
  startsWith: (s, v: string) => s.startsWith(v),
  endsWith: (s, v: string) => s.endsWith(v),
  in: (s, v: string[]) => v.includes(s),
  notIn: (s, v: string[]) => !v.includes(s),
};
const POSITIVE: Record<string, string> = { notEquals: 'equals', notContains: 'contains', notIn: 'in' };

const OPERATORS: Record<string, Op> = {
  ...Object.fromEntries(Object.entries(TEXT).map(([k, f]) => [`text_${k}`, f as Op])),
  ...Object.fromEntries(
    Object.entries(TEXT).map(([k, f]) => {
      const positive = POSITIVE[k];
      const op: Op = positive
        ? (((l: string[], v: never) => !l.some((s) => TEXT[positive]!(s, v))) as Op)
        : (((l: string[], v: never) => l.some((s) => f(s, v))) as Op);
      return [`list_${k}`, op];
    }),
  ),
  text_matches: ((s: string, re: RegexValue) => compiled(re).test(s)) as Op,
  list_matches: ((l: string[], re: RegexValue) => {
    const r = compiled(re);
    return l.some((s) => r.test(s));
  }) as Op,
  number_between: ((n: number, [lo, hi]: [number, number]) => n >= lo && n <= hi) as Op,
  time_before: ((t: number, v: number) => t < v) as Op,
  time_after: ((t: number, v: number) => t >= v) as Op,
  time_between: ((t: number, [a, b]: [number, number]) => (a <= b ? t >= a && t < b : t >= a || t < b)) as Op,
};

const NUMBER_OPS: Record<string, string> = {
  eq: 'equal',
  ne: 'notEqual',
  gt: 'greaterThan',
  gte: 'greaterThanInclusive',
  lt: 'lessThan',
  lte: 'lessThanInclusive',
  between: 'number_between',
};

function translate(c: Condition): NestedCondition {
  if ('all' in c) return { all: c.all.map(translate) };
  if ('any' in c) return { any: c.any.map(translate) };
  if ('not' in c) return { not: translate(c.not) };
  const field = c.field as FieldName;
  const type = FIELDS[field].type;
  const fold = (v: unknown): unknown => (c.caseSensitive ? v : Array.isArray(v) ? v.map((s) => String(s).toLowerCase()) : String(v).toLowerCase());
  switch (type) {
    case 'text':
    case 'list': {
      const fact = c.caseSensitive ? `${field}__cs` : field;
      if (c.op === 'matches') return { fact, operator: `${type}_matches`, value: { source: c.value as string, flags: c.caseSensitive ? '' : 'i' } };
      return { fact, operator: `${type}_${c.op}`, value: fold(c.value) as never };
    }
    case 'number':
      return { fact: field, operator: NUMBER_OPS[c.op]!, value: c.value as never };
    case 'boolean':
    case 'enum':
      return { fact: field, operator: c.op === 'in' ? 'in' : 'equal', value: c.value as never };
    case 'time': {
      const v = Array.isArray(c.value) ? (c.value as string[]).map(clockMinutes) : clockMinutes(c.value as string);
      return { fact: field, operator: `time_${c.op}`, value: v as never };
    }
  }
}

function topLevel(c: Condition): TopLevelCondition {
  const t = translate(c);
  return 'all' in t || 'any' in t || 'not' in t ? (t as TopLevelCondition) : { all: [t] };
}

export interface PortedEngine {
  categoriesFor(event: CalendarEvent): Promise<string[]>;
}

export function portToJsonRulesEngine(rules: Rule[], internalDomains: string[]): PortedEngine {
  const engine = new Engine([], { allowUndefinedFacts: false });
  for (const [name, fn] of Object.entries(OPERATORS)) engine.addOperator(name, fn as never);
  const ordered = sortRules(rules.filter((r) => r.enabled));
  ordered.forEach((r) => engine.addRule({ name: r.id, conditions: topLevel(r.when), event: { type: 'match', params: { id: r.id } } }));
  const internal = new Set(internalDomains);

  function facts(e: CalendarEvent): Record<string, unknown> {
    const attendees = e.attendees.map((p) => p.address);
    const domains = [...new Set(e.attendees.map((p) => p.domain))];
    const f: Record<string, unknown> = {
      subject: e.subject.toLowerCase(),
      subject__cs: e.subject,
      body: e.body.toLowerCase(),
      body__cs: e.body,
      location: e.location.toLowerCase(),
      location__cs: e.location,
      organizer: e.organizer?.address ?? '',
      organizer__cs: e.organizer?.address ?? '',
      organizerDomain: e.organizer?.domain ?? '',
      organizerDomain__cs: e.organizer?.domain ?? '',
      attendees,
      attendees__cs: attendees,
      attendeeDomains: domains,
      attendeeDomains__cs: domains,
      categories: e.categories.map((c) => c.toLowerCase()),
      categories__cs: e.categories,
      attendeeCount: e.attendees.length,
      durationMinutes: e.durationMinutes,
      isOneOnOne: e.attendees.length === 1,
      // A person with no domain (an X500 address) is internal, as in the engine.
      hasExternalAttendees:
        (!!e.organizer && e.organizer.domain !== '' && !internal.has(e.organizer.domain)) ||
        e.attendees.some((p) => p.domain !== '' && !internal.has(p.domain)),
      isOnlineMeeting: e.isOnlineMeeting,
      isRecurring: e.isRecurring,
      isAllDay: e.isAllDay,
      isOrganizer: e.isOrganizer,
      onlineMeetingProvider: e.onlineMeetingProvider,
      showAs: e.showAs,
      responseStatus: e.responseStatus,
      sensitivity: e.sensitivity,
      importance: e.importance,
      dayOfWeek: dayOfWeek(e.start) ?? null,
      startTime: wallClockMinutes(e.start),
    };
    return f;
  }

  return {
    async categoriesFor(event) {
      const { events } = await engine.run(facts(event));
      const matched = new Set(events.map((ev) => (ev.params as { id: string }).id));
      const out: string[] = [];
      const seen = new Set<string>();
      for (const r of ordered) {
        if (!matched.has(r.id)) continue;
        const key = r.then.category.toLowerCase();
        if (!seen.has(key)) {
          seen.add(key);
          out.push(r.then.category);
        }
        if (r.then.stop) break;
      }
      return out;
    },
  };
}
