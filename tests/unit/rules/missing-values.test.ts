/**
 * Values an event may lack. A person without a domain (an Exchange X500 address) is an internal mailbox, not an
 * outsider. An event without a start time has no start time or day of week: predicates on them do not hold,
 * and the why never shows invented values.
 */
import { compileRuleSet, fromGraphEvent, fromOfficeSnapshot, type CalendarEvent, type Condition } from '../../../shared';
import { makeEvent, makeGraphEvent, person } from '../../factories/events';
import { makeRule } from '../../factories/rules';

const x500 = '/o=ExchangeLabs/ou=Exchange Administrative Group (FYDIBOHF23SPDLT)/cn=Recipients/cn=a1b2c3-lee';
const evaluators = [
  ['generated', true],
  ['closures', false],
] as const;

function holds(when: Condition, event: CalendarEvent, generated: boolean, internalDomains = ['contoso.com']): boolean {
  return compileRuleSet([makeRule({ when })], { internalDomains }, { generated }).evaluate(event).matches.length === 1;
}

describe.each(evaluators)('missing values, %s evaluator', (_name, generated) => {
  const external: Condition = { field: 'hasExternalAttendees', op: 'is', value: true };

  test('an attendee or organizer without a domain is not external', () => {
    expect(person(x500).domain).toBe('');
    expect(holds(external, makeEvent({ attendees: [person('bob@contoso.com'), person(x500)] }), generated)).toBe(false);
    expect(holds(external, makeEvent({ organizer: person(x500), attendees: [person('bob@contoso.com')] }), generated)).toBe(false);
    // With no internal domains configured and an X500 organizer, the fallback set is empty: still not external.
    expect(holds(external, makeEvent({ organizer: person(x500), attendees: [person(`${x500}-2`)] }), generated, [])).toBe(false);
    expect(holds(external, makeEvent({ attendees: [person(x500), person('lee@fabrikam.com')] }), generated)).toBe(true);
  });

  test('without a start time, no time or day predicate holds (and their not does), and the why invents nothing', () => {
    const noStart = makeEvent({ start: '', end: '' });
    const timeAndDay: Condition[] = [
      { field: 'startTime', op: 'before', value: '23:59' },
      { field: 'startTime', op: 'after', value: '00:00' },
      { field: 'startTime', op: 'between', value: ['00:00', '23:59'] },
      { field: 'startTime', op: 'between', value: ['22:00', '06:00'] },
      { field: 'dayOfWeek', op: 'equals', value: 'monday' },
      { field: 'dayOfWeek', op: 'in', value: ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] },
    ];
    for (const c of timeAndDay) {
      expect({ c, holds: holds(c, noStart, generated) }).toEqual({ c, holds: false });
      expect({ c, negated: holds({ not: c }, noStart, generated) }).toEqual({ c, negated: true });
    }
    const rule = makeRule({ when: { any: [...timeAndDay, { field: 'subject', op: 'contains', value: 'planning' }] } });
    const [match] = compileRuleSet([rule], { internalDomains: [] }, { generated }).evaluate(noStart).matches;
    expect(match!.why).toEqual(['Subject contains "planning" (this event: "Weekly planning")']);
  });
});

describe('events read without a start time', () => {
  test('normalise to an empty start from Graph and from Office.js', () => {
    expect(fromGraphEvent(makeGraphEvent({ start: undefined, end: undefined })).start).toBe('');
    const office = fromOfficeSnapshot({ subject: 'x', start: '', end: '', requiredAttendees: [], optionalAttendees: [], isOrganizer: true });
    expect([office.start, office.durationMinutes]).toEqual(['', 0]);
  });
});
