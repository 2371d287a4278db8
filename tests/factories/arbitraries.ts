/** fast-check generators for valid conditions, rules and events, shared by the property tests. */
import fc from 'fast-check';
import {
  FIELDS,
  IMPORTANCE,
  OPS_BY_TYPE,
  PRESET_IDS,
  RESPONSE_STATUS,
  SENSITIVITY,
  SHOW_AS,
  ONLINE_MEETING_PROVIDER,
  type CalendarEvent,
  type Condition,
  type FieldName,
  type Predicate,
  type Rule,
} from '../../shared';
import { person } from './events';

const words = ['budget', 'Review', 'lunch', '1:1', 'sync', 'Offsite', 'ÄÖÜ', 'standup', '', 'x'];
const domains = ['contoso.com', 'fabrikam.com', 'northwind.org'];
const hhmm = fc
  .tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }))
  .map(([h, m]) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`);
const text = fc.oneof(fc.constantFrom(...words), fc.string({ maxLength: 12 }));
const regex = fc.constantFrom('^bud', 'review$', '(a|b)+c', '[0-9]{2}', '.*', 'x?y*z+');

function valueFor(field: FieldName, op: string): fc.Arbitrary<unknown> {
  const spec = FIELDS[field];
  switch (spec.type) {
    case 'text':
    case 'list':
      if (op === 'in' || op === 'notIn') return fc.array(text, { minLength: 1, maxLength: 4 });
      return op === 'matches' ? regex : text;
    case 'number':
      return op === 'between'
        ? fc.tuple(fc.integer({ min: 0, max: 300 }), fc.integer({ min: 0, max: 300 })).map(([a, b]) => [Math.min(a, b), Math.max(a, b)])
        : fc.integer({ min: -5, max: 300 });
    case 'boolean':
      return fc.boolean();
    case 'enum': {
      const values = spec.values as readonly string[];
      return op === 'in' ? fc.uniqueArray(fc.constantFrom(...values), { minLength: 1, maxLength: values.length }) : fc.constantFrom(...values);
    }
    case 'time':
      return op === 'between' ? fc.tuple(hhmm, hhmm) : hhmm;
  }
}

export const predicateArb: fc.Arbitrary<Predicate> = fc
  .constantFrom(...(Object.keys(FIELDS) as FieldName[]))
  .chain((field) => fc.constantFrom(...OPS_BY_TYPE[FIELDS[field].type]).map((op) => ({ field, op })))
  .chain(({ field, op }) =>
    fc.record({ value: valueFor(field, op), caseSensitive: fc.option(fc.boolean(), { nil: undefined }) }).map(({ value, caseSensitive }) => {
      const p = { field, op, value } as Predicate;
      const textual = FIELDS[field].type === 'text' || FIELDS[field].type === 'list';
      return textual && caseSensitive !== undefined ? { ...p, caseSensitive } : p;
    }),
  );

export const conditionArb: fc.Arbitrary<Condition> = fc
  .letrec<{ c: Condition }>((tie) => ({
    c: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      predicateArb,
      fc.record({ all: fc.array(tie('c'), { maxLength: 3 }) }),
      fc.record({ any: fc.array(tie('c'), { maxLength: 3 }) }),
      fc.record({ not: tie('c') }),
    ),
  }))
  .c.filter((c) => depth(c) <= 10);

function depth(c: Condition): number {
  if ('all' in c) return 1 + Math.max(0, ...c.all.map(depth));
  if ('any' in c) return 1 + Math.max(0, ...c.any.map(depth));
  if ('not' in c) return 1 + depth(c.not);
  return 1;
}

export const ruleArb: fc.Arbitrary<Rule> = fc.record({
  id: fc.stringMatching(/^r_[a-z0-9]{1,8}$/),
  name: fc.string({ minLength: 1, maxLength: 30 }).filter((s) => s.trim().length > 0),
  scope: fc.constantFrom('org' as const, 'personal' as const),
  enabled: fc.boolean(),
  order: fc.integer({ min: 0, max: 50 }),
  when: conditionArb,
  then: fc.record({
    category: fc.constantFrom('External', '1:1', 'Focus', 'Billable', 'Travel', 'external'),
    color: fc.constantFrom(...PRESET_IDS),
    stop: fc.boolean(),
  }),
});

const personArb = fc.tuple(fc.constantFrom('ada', 'bob', 'lee', 'mo'), fc.constantFrom(...domains)).map(([n, d]) => person(`${n}@${d}`, n));
const wallArb = fc.tuple(fc.integer({ min: 1, max: 28 }), hhmm).map(([d, t]) => `2026-11-${String(d).padStart(2, '0')}T${t}`);

export const eventArb: fc.Arbitrary<CalendarEvent> = fc.record({
  id: fc.string({ maxLength: 8 }),
  subject: text,
  body: fc.string({ maxLength: 40 }),
  location: text,
  organizer: fc.option(personArb, { nil: null }),
  attendees: fc.uniqueArray(personArb, { maxLength: 5, selector: (p) => p.address }),
  isOnlineMeeting: fc.boolean(),
  onlineMeetingProvider: fc.constantFrom(...ONLINE_MEETING_PROVIDER),
  isRecurring: fc.boolean(),
  isAllDay: fc.boolean(),
  showAs: fc.constantFrom(...SHOW_AS),
  responseStatus: fc.constantFrom(...RESPONSE_STATUS),
  sensitivity: fc.constantFrom(...SENSITIVITY),
  importance: fc.constantFrom(...IMPORTANCE),
  start: wallArb,
  end: wallArb,
  durationMinutes: fc.integer({ min: 0, max: 600 }),
  isOrganizer: fc.boolean(),
  categories: fc.array(fc.constantFrom('Blue', 'External', 'Billable', 'Project X'), { maxLength: 3 }),
});

/** Also people without a domain (Exchange X500 addresses) and, sometimes, no start time: what real sources can give. */
const x500Arb = fc.constantFrom('lee', 'mo').map((n) => person(`/o=ExchangeLabs/ou=Exchange Administrative Group/cn=Recipients/cn=${n}`, n));
export const edgeEventArb: fc.Arbitrary<CalendarEvent> = fc
  .tuple(eventArb, fc.boolean(), fc.option(x500Arb, { nil: undefined }), fc.boolean())
  .map(([e, noStart, x500, x500Organizer]) => ({
    ...e,
    ...(noStart ? { start: '', end: '' } : {}),
    ...(x500 && x500Organizer ? { organizer: x500 } : {}),
    ...(x500 && !x500Organizer && !e.attendees.some((p) => p.address === x500.address) ? { attendees: [...e.attendees, x500] } : {}),
  }));
