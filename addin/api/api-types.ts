/** The Rules API's JSON shapes (issue 3), as the add-in reads them. */
import type { PresetId } from '../../shared/colors';
import type { Rule, RuleDraft, RuleScope } from '../../shared/schema';

/** Every rule in a response carries its ETag, for If-Match on PUT and DELETE. */
export type ApiRule = Rule & { etag: string };

export type ListScope = RuleScope | 'effective';

export interface Me {
  tenantId: string;
  userId: string;
  isAdmin: boolean;
}

export interface OrgSettings {
  internalDomains: string[];
  enrolledMailboxes: 'all' | string[];
  syncWindowDays: { past: number; future: number };
  orgRulesLocked: boolean;
  etag?: string;
}

export interface PreviewMatch {
  ruleId: string;
  ruleName: string;
  category: string;
  /** The colour the rule gives its category. */
  color?: PresetId;
  why: string[] | string;
}

export interface PreviewResult {
  eventId: string;
  categories: string[];
  matches: PreviewMatch[];
}

export interface AuditEntry {
  id?: string;
  at: string;
  actor: string;
  action: string;
  ruleId?: string;
  before?: unknown;
  after?: unknown;
}

export type { Rule, RuleDraft, RuleScope };
