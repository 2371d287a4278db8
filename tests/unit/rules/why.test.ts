/** The preview's "why": which conditions held, with the values they saw. */
import { compileRuleSet, describeCondition } from '../../../shared';
import { makeEvent, person } from '../../factories/events';
import { makeRule } from '../../factories/rules';

describe('why a rule matched', () => {
  test('lists the conditions of an all-group with the actual values', () => {
    const rule = makeRule({
      id: 'r_ext',
      name: 'External meetings',
      when: { all: [{ field: 'hasExternalAttendees', op: 'is', value: true }, { not: { field: 'subject', op: 'contains', value: 'lunch' } }] },
      then: { category: 'External', color: 'preset0', stop: false },
    });
    const result = compileRuleSet([rule], { internalDomains: ['contoso.com'] }).evaluate(makeEvent({ attendees: [person('lee@fabrikam.com')], subject: 'Contract' }));
    expect(result.matches).toEqual([
      {
        ruleId: 'r_ext', ruleName: 'External meetings', scope: 'org', category: 'External', color: 'preset0',
        why: ['Has external people', 'Not: Subject contains "lunch"'],
      },
    ]);
  });

  test('for an any-group, names only the alternatives that held', () => {
    const rule = makeRule({ when: { any: [{ field: 'startTime', op: 'before', value: '09:00' }, { field: 'durationMinutes', op: 'gte', value: 120 }, { field: 'isAllDay', op: 'is', value: true }] } });
    const [match] = compileRuleSet([rule]).evaluate(makeEvent({ start: '2026-11-24T08:15', durationMinutes: 180 })).matches;
    expect(match!.why).toEqual(['Start time is before 09:00 (this event: 08:15)', 'Duration (minutes) is at least 120 (this event: 180)']);
  });

  test('describes nested conditions readably', () => {
    expect(describeCondition({ any: [{ field: 'attendeeCount', op: 'between', value: [2, 4] }, { not: { all: [] } }] })).toBe('Number of other people is between 2 and 4 or Not: Every event');
  });

  test('quotes 80 characters of a long value without serialising the whole of it (issue #12)', () => {
    // 199 conditions that each hold whatever the body's length: each explanation quotes the value it saw.
    const when = { all: Array.from({ length: 199 }, () => ({ field: 'body', op: 'startsWith', value: 'a', caseSensitive: true })) };
    const set = compileRuleSet([makeRule({ when })]);
    const explain = (body: string) => set.evaluate(makeEvent({ body }));
    expect(explain(`a${'b'.repeat(100)}`).matches[0]!.why[0]).toBe(`Body starts with "a" (match case) (this event: "a${'b'.repeat(75)}…)`);
    // Counted, not timed: what the explanations hand to JSON.stringify. Quoting whole bodies serialised 64 KB for
    // each of the 199 conditions (12.7 MB per event); a bounded quote hands over at most 80 characters each time.
    const serialised: number[] = [];
    const stringify = JSON.stringify;
    const spy = jest.spyOn(JSON, 'stringify').mockImplementation((value: unknown, ...rest: unknown[]) => {
      if (typeof value === 'string') serialised.push(value.length);
      return (stringify as (v: unknown, ...r: unknown[]) => string)(value, ...rest);
    });
    try {
      const result = explain('a'.repeat(65_536));
      expect(result.matches[0]!.why).toHaveLength(199);
    } finally {
      spy.mockRestore();
    }
    expect(serialised.length).toBeGreaterThanOrEqual(199);
    expect(Math.max(...serialised)).toBeLessThanOrEqual(80);
  });
});
