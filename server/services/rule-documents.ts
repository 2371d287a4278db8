/** The rule documents the API exchanges: the response form, the plain document, new ids, and the reorder and import bodies. */
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { Rule, RuleScope } from '../../shared';
import type { ApiRule } from '../../shared/api-types';
import type { StoredRule, StoredRuleInput } from '../store/types';
import { httpEtag } from './etag';

/** The highest `order` a rule may have (the schema's bound); the server places new rules at most here. */
export const MAX_ORDER = 1_000_000;

export const RULE_COUNT_LIMITS: Record<RuleScope, number> = { org: 500, personal: 100 };

/** A rule as the API returns it: the document plus its etag (shared/api-types.ts, which the add-in reads too). */
export function toApiRule(r: StoredRule): ApiRule {
  return { ...toDocument(r), etag: httpEtag(r.etag) };
}

/** The rule document alone (no tenant, owner, audit fields or etag); `appliesTo` only when the rule has one. */
export function toDocument(r: StoredRule | StoredRuleInput): Rule {
  const doc: Rule = { id: r.id, name: r.name, scope: r.scope, enabled: r.enabled, order: r.order, when: r.when, then: r.then };
  return r.appliesTo ? { ...doc, appliesTo: r.appliesTo } : doc;
}

export function newRuleId(): string {
  return `r_${randomBytes(12).toString('base64url')}`;
}

const ScopeSchema = z.enum(['org', 'personal']);

export const ReorderSchema = z.strictObject({
  scope: ScopeSchema,
  ids: z.array(z.string().max(80)).max(RULE_COUNT_LIMITS.org),
});

export const ImportSchema = z.object({
  version: z.literal(1).optional(),
  scope: ScopeSchema,
  mode: z.enum(['replace', 'merge']).default('replace'),
  exportedAt: z.string().optional(),
  /** The picked file's name, kept with the version saved before the import (not part of exported files). */
  fileName: z.string().trim().min(1).max(255).optional(),
  rules: z.array(z.unknown()).max(RULE_COUNT_LIMITS.org, `at most ${RULE_COUNT_LIMITS.org} rules`),
});

export interface ImportResult {
  scope: RuleScope;
  mode: 'replace' | 'merge';
  created: number;
  replaced: number;
  deleted: number;
  /** Ids in the file that are not rules of the target set, with the fresh ids they received. */
  renamed: Record<string, string>;
  rules: ApiRule[];
}

export interface ExportFile {
  version: 1;
  scope: RuleScope;
  exportedAt: string;
  rules: Rule[];
}
