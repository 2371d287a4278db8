/** The documented evaluation order, stop, disabled rules and one category per name. */
import { compileRuleSet, sortRules } from '../../../shared';
import { makeEvent } from '../../factories/events';
import { makeRule } from '../../factories/rules';

const always = { all: [] };

describe('evaluation order', () => {
  test('org rules come before personal rules, then order, then id', () => {
    const rules = [
      makeRule({ id: 'r_p1', scope: 'personal', order: 0, then: { category: 'Mine', color: 'preset1', stop: false } }),
      makeRule({ id: 'r_b', scope: 'org', order: 5, then: { category: 'B', color: 'preset2', stop: false } }),
      makeRule({ id: 'r_a', scope: 'org', order: 5, then: { category: 'A', color: 'preset3', stop: false } }),
      makeRule({ id: 'r_c', scope: 'org', order: 1, then: { category: 'C', color: 'preset4', stop: false } }),
    ];
    expect(sortRules(rules).map((r) => r.id)).toEqual(['r_c', 'r_a', 'r_b', 'r_p1']);
    expect(compileRuleSet(rules).evaluate(makeEvent()).categories).toEqual(['C', 'A', 'B', 'Mine']);
  });

  test('stop ends evaluation after its rule matches, and only if it matches', () => {
    const stopper = makeRule({
      id: 'r_2',
      order: 2,
      when: { field: 'subject', op: 'contains', value: 'planning' },
      then: { category: 'Plan', color: 'preset0', stop: true },
    });
    const rules = [makeRule({ id: 'r_1', order: 1, when: always }), stopper, makeRule({ id: 'r_3', order: 3, when: always })];
    const set = compileRuleSet(rules);
    expect(set.evaluate(makeEvent({ subject: 'Weekly planning' })).matches.map((m) => m.ruleId)).toEqual(['r_1', 'r_2']);
    expect(set.evaluate(makeEvent({ subject: 'Lunch' })).matches.map((m) => m.ruleId)).toEqual(['r_1', 'r_3']);
  });

  test('disabled rules are skipped, even with stop', () => {
    const rules = [
      makeRule({ id: 'r_1', enabled: false, then: { category: 'Off', color: 'preset0', stop: true } }),
      makeRule({ id: 'r_2', then: { category: 'On', color: 'preset0', stop: false } }),
    ];
    expect(compileRuleSet(rules).evaluate(makeEvent()).categories).toEqual(['On']);
  });

  test('two rules naming one category add it once (names compare case-insensitively, as in Outlook); both are reported', () => {
    const rules = [
      makeRule({ id: 'r_1', then: { category: 'External', color: 'preset0', stop: false } }),
      makeRule({ id: 'r_2', then: { category: 'external', color: 'preset5', stop: false } }),
    ];
    const set = compileRuleSet(rules);
    const result = set.evaluate(makeEvent());
    expect(result.categories).toEqual(['External']);
    expect(result.matches).toHaveLength(2);
    expect(set.colorOf('EXTERNAL')).toBe('preset0');
  });
});
