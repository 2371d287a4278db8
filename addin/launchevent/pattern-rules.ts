/**
 * The compose handler evaluates every cached rule except those with a `matches` (RE2) condition: RE2 does
 * not fit its 30 KB budget, and the browser's own RegExp is neither linear-time nor identical to RE2.
 * Leaving a rule out may only ever drop categories, never add one the engine would not: the list is cut
 * before the first left-out rule that says `stop`, since that rule might have ended evaluation. The
 * background sync adds whatever the handler left out.
 */
import { sortRules } from '../../shared/rule-set';
import type { Condition, Rule } from '../../shared/schema';

export function usesPattern(c: Condition): boolean {
  if ('all' in c) return c.all.some(usesPattern);
  if ('any' in c) return c.any.some(usesPattern);
  if ('not' in c) return usesPattern(c.not);
  return c.op === 'matches';
}

/** The enabled rules, in evaluation order, that the handler can evaluate without RE2. */
export function rulesWithoutPatterns(rules: readonly Rule[]): Rule[] {
  const out: Rule[] = [];
  for (const rule of sortRules(rules.filter((r) => r.enabled))) {
    if (!usesPattern(rule.when)) out.push(rule);
    else if (rule.then.stop) break;
  }
  return out;
}
