/**
 * The compose handler evaluates every cached rule except those it cannot evaluate faithfully: rules with a
 * `matches` (RE2) condition (RE2 does not fit its 30 KB budget, and the browser's own RegExp is neither
 * linear-time nor identical to RE2), and, when the mailbox's time zone cannot be resolved in its runtime, rules
 * on the day or time (evaluating those in UTC would colour by the wrong clock). Leaving a rule out may only ever
 * drop categories, never add one the engine would not: the list is cut before the first left-out rule that says
 * `stop`, since that rule might have ended evaluation. The background sync adds whatever the handler left out.
 */
import { enabledInOrder } from '../../shared/effective-rules';
import type { Condition, Predicate, Rule } from '../../shared/schema';

function someLeaf(c: Condition, test: (leaf: Predicate) => boolean): boolean {
  if ('all' in c) return c.all.some((x) => someLeaf(x, test));
  if ('any' in c) return c.any.some((x) => someLeaf(x, test));
  if ('not' in c) return someLeaf(c.not, test);
  return test(c);
}

export function usesPattern(c: Condition): boolean {
  return someLeaf(c, (leaf) => leaf.op === 'matches');
}

/** Conditions on the event's local day or time of day: they need the mailbox's time zone. */
export function usesTimeOfDay(c: Condition): boolean {
  return someLeaf(c, (leaf) => leaf.field === 'dayOfWeek' || leaf.field === 'startTime');
}

/** The enabled rules, in evaluation order, without those `leftOut` names (cut before a left-out rule that stops). */
export function rulesWithout(rules: readonly Rule[], leftOut: (c: Condition) => boolean): Rule[] {
  const out: Rule[] = [];
  for (const rule of enabledInOrder(rules)) {
    if (!leftOut(rule.when)) out.push(rule);
    else if (rule.then.stop) break;
  }
  return out;
}

/** The enabled rules, in evaluation order, that the handler can evaluate without RE2. */
export function rulesWithoutPatterns(rules: readonly Rule[]): Rule[] {
  return rulesWithout(rules, usesPattern);
}
