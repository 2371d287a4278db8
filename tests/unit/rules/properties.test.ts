/** Properties of the rule model and engine, checked on seeded random rules and events. */
import fc from 'fast-check';
import { compileRuleSet, parseRule, type Condition, type Rule } from '../../../shared';
// Events include people without a domain and events without a start time.
import { conditionArb, edgeEventArb as eventArb, ruleArb } from '../../factories/arbitraries';
import { makeRule } from '../../factories/rules';

const params = { seed: 20261124, numRuns: 300 };
const ctx = { internalDomains: ['contoso.com'] };

function holds(when: Condition, event: Parameters<ReturnType<typeof compileRuleSet>['evaluate']>[0]): boolean {
  return compileRuleSet([makeRule({ id: 'r_x', when })], ctx).evaluate(event).matches.length === 1;
}

describe('rule model and engine properties', () => {
  test('every generated rule is valid and survives a JSON round trip unchanged', () => {
    fc.assert(
      fc.property(ruleArb, (rule) => {
        const parsed = parseRule(JSON.parse(JSON.stringify(rule)));
        if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
        expect(parsed.value).toEqual(rule);
        expect(parseRule(JSON.parse(JSON.stringify(parsed.value)))).toEqual(parsed);
      }),
      params,
    );
  });

  test('not inverts any condition', () => {
    fc.assert(
      fc.property(conditionArb, eventArb, (c, e) => holds({ not: c }, e) === !holds(c, e)),
      params,
    );
  });

  test('all([]) always holds and any([]) never does', () => {
    fc.assert(
      fc.property(eventArb, (e) => holds({ all: [] }, e) && !holds({ any: [] }, e)),
      params,
    );
  });

  test('all is the conjunction and any the disjunction of their parts', () => {
    fc.assert(
      fc.property(fc.array(conditionArb, { minLength: 1, maxLength: 3 }), eventArb, (parts, e) => {
        const each = parts.map((p) => holds(p, e));
        return holds({ all: parts }, e) === each.every(Boolean) && holds({ any: parts }, e) === each.some(Boolean);
      }),
      params,
    );
  });

  test('evaluation never throws, and is deterministic and independent of input order', () => {
    fc.assert(
      fc.property(fc.array(ruleArb, { maxLength: 8 }), eventArb, (rules, e) => {
        const unique = [...new Map(rules.map((r) => [r.id, r])).values()];
        const a = compileRuleSet(unique, ctx).evaluate(e);
        const b = compileRuleSet([...unique].reverse(), ctx).evaluate(e);
        expect(b).toEqual(a);
        expect(compileRuleSet(unique, ctx).categoriesFor(e)).toEqual(a.categories);
      }),
      params,
    );
  });

  test('matches follow org → personal, then order, then id; stop ends evaluation; categories appear once', () => {
    fc.assert(
      fc.property(fc.array(ruleArb, { maxLength: 8 }), eventArb, (rules, e) => {
        const unique: Rule[] = [...new Map(rules.map((r) => [r.id, r])).values()];
        const { matches, categories } = compileRuleSet(unique, ctx).evaluate(e);
        // Oracle: walk the rules in the documented order, asking each one alone whether it holds.
        const ordered = unique
          .filter((r) => r.enabled)
          .sort((a, b) => (a.scope === b.scope ? 0 : a.scope === 'org' ? -1 : 1) || a.order - b.order || (a.id < b.id ? -1 : 1));
        const expected: string[] = [];
        for (const r of ordered) {
          if (!holds(r.when, e)) continue;
          expected.push(r.id);
          if (r.then.stop) break;
        }
        expect(matches.map((m) => m.ruleId)).toEqual(expected);
        expect(new Set(categories.map((c) => c.toLowerCase())).size).toBe(categories.length);
      }),
      params,
    );
  });
});
