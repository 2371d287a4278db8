/** The generated evaluator and the closure evaluator (used under a strict CSP) give identical results. */
import fc from 'fast-check';
import { compileRuleSet } from '../../../shared';
// Events include people without a domain and events without a start time.
import { edgeEventArb as eventArb, ruleArb } from '../../factories/arbitraries';
import { makeRule } from '../../factories/rules';
import { makeEvent } from '../../factories/events';

const ctx = { internalDomains: ['contoso.com'] };

describe('generated evaluator', () => {
  test('matches the closure evaluator on random rule sets and events', () => {
    fc.assert(
      fc.property(fc.uniqueArray(ruleArb, { maxLength: 10, selector: (r) => r.id }), fc.array(eventArb, { minLength: 1, maxLength: 5 }), (rules, events) => {
        const generated = compileRuleSet(rules, ctx);
        const closures = compileRuleSet(rules, ctx, { generated: false });
        for (const e of events) {
          expect(generated.evaluate(e)).toEqual(closures.evaluate(e));
          expect(generated.categoriesFor(e)).toEqual(closures.categoriesFor(e));
        }
      }),
      { seed: 7, numRuns: 300 },
    );
  });

  test('user values never become code: a value that looks like JavaScript is just a string', () => {
    const hostile = "'); globalThis.__pwned = true; ('";
    const rule = makeRule({ when: { field: 'subject', op: 'contains', value: hostile } });
    const set = compileRuleSet([rule], ctx);
    expect((globalThis as Record<string, unknown>).__pwned).toBeUndefined();
    expect(set.categoriesFor(makeEvent({ subject: `x${hostile}y` }))).toEqual([rule.then.category]);
    expect(set.categoriesFor(makeEvent({ subject: 'plain' }))).toEqual([]);
  });
});
