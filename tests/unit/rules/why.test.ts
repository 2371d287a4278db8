/** The preview's "why": which conditions held, with the values they saw. */
import { compileRuleSet, describeCondition } from '../../../shared';
import { formatClock } from '../../../shared/display-time';
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
    const result = compileRuleSet([rule], { internalDomains: ['contoso.com'] }).evaluate(
      makeEvent({ attendees: [person('lee@fabrikam.com')], subject: 'Contract' }),
    );
    expect(result.matches).toEqual([
      {
        ruleId: 'r_ext',
        ruleName: 'External meetings',
        scope: 'org',
        category: 'External',
        color: 'preset0',
        why: ['Has external people', 'Not: Subject contains "lunch"'],
      },
    ]);
  });

  test('for an any-group, names only the alternatives that held', () => {
    const rule = makeRule({
      when: {
        any: [
          { field: 'startTime', op: 'before', value: '09:00' },
          { field: 'durationMinutes', op: 'gte', value: 120 },
          { field: 'isAllDay', op: 'is', value: true },
        ],
      },
    });
    const [match] = compileRuleSet([rule]).evaluate(makeEvent({ start: '2026-11-24T08:15', durationMinutes: 180 })).matches;
    expect(match!.why).toEqual(['Start time is before 09:00 (this event: 08:15)', 'Duration (minutes) is at least 120 (this event: 180)']);
  });

  test('describes nested conditions readably', () => {
    expect(describeCondition({ any: [{ field: 'attendeeCount', op: 'between', value: [2, 4] }, { not: { all: [] } }] })).toBe(
      'Number of other people is between 2 and 4 or Not: Every event',
    );
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

  // Issue #13: the why writes times of day with the clock the pane gives it, as summaries do; without one (the
  // server's preview API), as stored. Both the rule's times and the event's, in a predicate and under a `not`.
  const timed = makeRule({
    when: { all: [{ field: 'startTime', op: 'between', value: ['09:00', '17:30'] }, { not: { field: 'startTime', op: 'before', value: '08:00' } }] },
  });
  const afternoon = makeEvent({ start: '2026-11-24T14:05' });
  test.each([
    ['en-US', ['Start time is between 9:00 AM and 5:30 PM (this event: 2:05 PM)', 'Not: Start time is before 8:00 AM']],
    ['de-DE', ['Start time is between 09:00 and 17:30 (this event: 14:05)', 'Not: Start time is before 08:00']],
    ['en-GB', ['Start time is between 09:00 and 17:30 (this event: 14:05)', 'Not: Start time is before 08:00']],
  ])("in %s, writes times of day with that language's clock", (locale, why) => {
    const set = compileRuleSet([timed]);
    expect(set.evaluate(afternoon, (t) => formatClock(t, locale)).matches[0]!.why).toEqual(why);
    // The compiled set keeps no clock: the next evaluation without one reads as stored.
    expect(set.evaluate(afternoon).matches[0]!.why).toEqual(['Start time is between 09:00 and 17:30 (this event: 14:05)', 'Not: Start time is before 08:00']);
  });

  test('a 12-hour clock marks the hours either side of noon and midnight apart', () => {
    const rule = makeRule({ when: { field: 'startTime', op: 'after', value: '00:00' } });
    const why = (start: string) => compileRuleSet([rule]).evaluate(makeEvent({ start }), (t) => formatClock(t, 'en-US')).matches[0]!.why;
    expect(why('2026-11-24T00:15')).toEqual(['Start time is at or after 12:00 AM (this event: 12:15 AM)']);
    expect(why('2026-11-24T12:15')).toEqual(['Start time is at or after 12:00 AM (this event: 12:15 PM)']);
  });
});
