/**
 * Effective rules: which rules the engine evaluates for one user, and in which order — the tenant's enabled org
 * rules, then the user's enabled personal rules, each by `order` then `id`. The API's effective set, the preview,
 * the sync's rounds and the compose handler all take it from here, so they cannot disagree.
 * Kept free of the engine: the compose handler's bundle imports it.
 */
import type { Rule, RuleScope } from './schema';

const SCOPE_RANK: Record<RuleScope, number> = { org: 0, personal: 1 };

export function compareRules(a: Rule, b: Rule): number {
  return SCOPE_RANK[a.scope] - SCOPE_RANK[b.scope] || a.order - b.order || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** Evaluation order: org before personal, then `order`, then `id`. A copy; the input is left as it was. */
export function sortRules<T extends Rule>(rules: readonly T[]): T[] {
  return [...rules].sort(compareRules);
}

/** What one user's effective set is made of: both rule sets as stored (any order, disabled rules included). */
export interface EffectiveRulesInput<T extends Rule> {
  /** The tenant's org rules. */
  readonly org: readonly T[];
  /** The user's own personal rules. */
  readonly personal: readonly T[];
  /**
   * The Entra groups the user is a member of, transitively (ids, lower-case). Absent when the caller could not
   * learn them: then an org rule scoped to groups applies to no one, never to everyone.
   */
  readonly memberOf?: ReadonlySet<string>;
}

/** Whether an org rule is for this user: it names no groups, or the user is in one of them. */
export function appliesToUser(rule: Rule, memberOf: ReadonlySet<string> | undefined): boolean {
  const groups = rule.appliesTo?.groups;
  if (!groups) return true;
  return memberOf !== undefined && groups.some((id) => memberOf.has(id));
}

/** A list of both scopes (drafts over a saved set) as effectiveRules' input. */
export function byScope<T extends Rule>(rules: readonly T[]): EffectiveRulesInput<T> {
  return { org: rules.filter((r) => r.scope === 'org'), personal: rules.filter((r) => r.scope === 'personal') };
}

/** The rules the engine evaluates for one user, in evaluation order. */
export function effectiveRules<T extends Rule>(input: EffectiveRulesInput<T>): T[] {
  const org = input.org.filter((r) => r.enabled && appliesToUser(r, input.memberOf));
  const personal = input.personal.filter((r) => r.enabled);
  return sortRules([...org, ...personal]);
}

/**
 * For a list that is already one user's effective set, or drafts over it (the compose cache, a rule set to
 * compile, the cached set after a personal write): the enabled rules, in evaluation order. It knows no user, so it
 * decides no audience; a tenant's org rules go through effectiveRules first.
 */
export function enabledInOrder<T extends Rule>(rules: readonly T[]): T[] {
  return sortRules(rules.filter((r) => r.enabled));
}
