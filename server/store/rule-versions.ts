/**
 * Rule-set versions: a copy of one rule set taken just before a bulk change (import, reorder, restore), so an
 * admin can put the set back. Each set keeps its newest RULE_VERSIONS_KEPT versions; `put` prunes older ones.
 */
import type { Rule, RuleScope } from '../../shared';
import type { RuleSet } from './types';

/** How many versions each rule set keeps (docs/API.md, "Rule-set versions"). */
export const RULE_VERSIONS_KEPT = 20;

/** Why a version was kept: the change that was about to happen to the set. */
export type RuleVersionReason =
  { kind: 'import'; mode: 'replace' | 'merge'; fileName: string | null } | { kind: 'reorder' } | { kind: 'restore'; versionId: string };

export interface RuleVersionSummary {
  tenantId: string;
  /** Sortable (time, then random): newer versions have greater ids. */
  id: string;
  scope: RuleScope;
  /** The owner for a personal set; null for org. */
  ownerId: string | null;
  at: string;
  /** Who made the change the version was kept before. */
  actorId: string;
  reason: RuleVersionReason;
  ruleCount: number;
  /** The rules' names in evaluation order. */
  names: string[];
}

export interface RuleVersion extends RuleVersionSummary {
  /** The rule documents as they were, in evaluation order. */
  rules: Rule[];
}

export interface RuleVersionRepository {
  /** Stores a version, then deletes the versions of its set beyond the newest `keep`. */
  put(version: RuleVersion, keep: number): Promise<void>;
  /** The set's versions, newest first, without their rules. */
  list(set: RuleSet): Promise<RuleVersionSummary[]>;
  /** One version of the tenant with its rules; undefined when missing (or pruned). */
  get(tenantId: string, id: string): Promise<RuleVersion | undefined>;
}

export function versionSetOf(v: Pick<RuleVersionSummary, 'tenantId' | 'scope' | 'ownerId'>): RuleSet {
  return v.scope === 'org' ? { tenantId: v.tenantId, scope: 'org' } : { tenantId: v.tenantId, scope: 'personal', ownerId: v.ownerId ?? '' };
}

export function summaryOf(v: RuleVersion): RuleVersionSummary {
  const { rules, ...summary } = v;
  void rules;
  return summary;
}
