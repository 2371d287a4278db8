/**
 * Repository interfaces: one per container (rules, settings, audit; sync state in sync-state.ts). Every
 * method takes the tenant explicitly and every implementation filters by it, so no query can cross tenants.
 *
 * ETags are opaque strings (Cosmos `_etag`, a random token on SQLite), already quoted for HTTP.
 */
import type { Rule, RuleScope } from '../../shared';
import type { NotificationInbox } from './notification-inbox';
import type { RuleVersionRepository } from './rule-versions';
import type { SubscriptionStore } from './subscriptions';
import type { SyncRoundSummaries, SyncStateRepository } from './sync-state';
import type { TenantDataStore } from './tenant-data';
import type { TenantRepository } from './tenants';

/** Server-side metadata stored next to the rule document; the client never sends it back. */
export interface RuleMeta {
  tenantId: string;
  /** The owner of a personal rule; null for org rules. */
  ownerId: string | null;
  createdAt: string;
  createdBy: string;
  updatedAt: string;
  updatedBy: string;
}

export type StoredRuleInput = Rule & RuleMeta;
export type StoredRule = StoredRuleInput & { etag: string };

/** Which rule set: a tenant's org rules or one user's personal rules. */
export type RuleSet = { tenantId: string; scope: 'org' } | { tenantId: string; scope: 'personal'; ownerId: string };

export interface PageRequest {
  /** Page size (1–1000); implementations default to 100. */
  limit?: number;
  /** The token a previous page returned; opaque to callers. */
  continuationToken?: string;
}

export interface Page<T> {
  items: T[];
  /** Present when there are more items. */
  continuationToken?: string;
}

/** One write of a multi-rule change (reorder, import). */
export type RuleWrite =
  { kind: 'create'; rule: StoredRuleInput } | { kind: 'replace'; rule: StoredRuleInput; ifMatch: string } | { kind: 'delete'; id: string; ifMatch: string };

export type StoreErrorCode =
  | 'not_found'
  | 'etag_mismatch'
  | 'conflict'
  | 'invalid_continuation'
  | 'unavailable'
  | 'limit_exceeded'
  /** The store refused for load (Cosmos 429) after the client's own retries; `retryAfterMs` says how long to wait. */
  | 'throttled'
  /** One item would be larger than the store takes (Cosmos 413: 2 MB per item). */
  | 'too_large'
  /** The call did not finish before the deadline of the work it ran for (store/deadline.ts). */
  | 'timed_out';

/** A cap on one rule set's size, enforced by the writes that can grow it (see RuleRepository.create). */
export interface SetLimit {
  set: RuleSet;
  max: number;
}

/** The rule set a rule belongs to. */
export function ruleSetOf(rule: Pick<StoredRuleInput, 'tenantId' | 'scope' | 'ownerId'>): RuleSet {
  return rule.scope === 'org' ? { tenantId: rule.tenantId, scope: 'org' } : { tenantId: rule.tenantId, scope: 'personal', ownerId: rule.ownerId ?? '' };
}

/** What repositories throw for expected outcomes; anything else is a bug or an outage. */
export class StoreError extends Error {
  constructor(
    readonly code: StoreErrorCode,
    message: string,
    /** For `throttled`: the store's own Retry-After, when it gave one. */
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = 'StoreError';
  }
}

export interface RuleRepository {
  /** One rule of the tenant by id, whatever its scope or owner; undefined when missing. */
  get(tenantId: string, id: string): Promise<StoredRule | undefined>;
  /** A page of one rule set in evaluation order (order, then id). */
  list(set: RuleSet, page?: PageRequest): Promise<Page<StoredRule>>;
  /** The whole rule set in evaluation order (follows every page). */
  listAll(set: RuleSet): Promise<StoredRule[]>;
  count(set: RuleSet): Promise<number>;
  /** Every rule of the tenant, org and personal, in no set order (diagnostics: `calsync doctor`). */
  listTenant(tenantId: string): Promise<StoredRule[]>;
  /**
   * Throws StoreError('conflict') when the id is taken in the tenant. With `maxInSet`, a create that would take
   * the rule's set above the cap writes nothing and throws StoreError('limit_exceeded'). SQLite counts inside
   * the write's transaction. Cosmos counts, then commits the rule and the set's counter item (If-Match) in one
   * transactional batch, retrying with a fresh count when another capped write won the counter; so concurrent
   * creates, also from several API instances, fill the set exactly to its cap (cosmos/rule-batch.ts).
   */
  create(rule: StoredRuleInput, maxInSet?: number): Promise<StoredRule>;
  /** Throws 'not_found' or 'etag_mismatch'. */
  replace(rule: StoredRuleInput, ifMatch: string): Promise<StoredRule>;
  /** Throws 'not_found' or 'etag_mismatch'. */
  delete(tenantId: string, id: string, ifMatch: string): Promise<void>;
  /**
   * Applies several writes in one tenant, all or nothing: a failed precondition (etag, existence, free id)
   * changes nothing. SQLite applies the writes in one transaction; Cosmos in one transactional batch when they
   * fit one (100 operations with the counter, 2 MB), else write by write, compensating a failure mid-way by
   * undoing the writes already made (best effort, see docs/API.md).
   * With `limit` the writes must all target `limit.set`, and a change that would leave the set above
   * `limit.max` (its creates minus its deletes counted) is refused whole with StoreError('limit_exceeded').
   * Cosmos guards the count with the set's counter item, as `create` does.
   */
  applyWrites(tenantId: string, writes: RuleWrite[], limit?: SetLimit): Promise<void>;
  /**
   * The tenant's change stamp: an opaque string, one point read, that differs after every successful rule write
   * of the tenant (any set, any of the methods above) and every settings put. Sync rounds compare it to decide
   * whether their cached rules and settings are still current (sync/store-rules-loader.ts). A tenant never
   * written reads as a fixed initial stamp. It moves in the write's transaction (SQLite; Cosmos batches) or right
   * after a single-item Cosmos write commits, so a reader that saw the old stamp may already have read the new
   * documents but never sees a new stamp with old documents. A Cosmos single-item write whose stamp update then
   * fails throws 'unavailable' although the document changed.
   */
  changeStamp(tenantId: string): Promise<string>;
}

export interface SyncWindow {
  past: number;
  future: number;
}

export interface TenantSettings {
  internalDomains: string[];
  enrolledMailboxes: 'all' | string[];
  /** Entra groups whose members (transitively, those with a mailbox) are enrolled too; absent in settings saved before. */
  enrolledGroups?: string[];
  syncWindowDays: SyncWindow;
  orgRulesLocked: boolean;
  /** An org category recoloured or deleted in a mailbox: restored (`enforce`, also when absent) or left (`allow`). */
  categoryPolicy?: 'enforce' | 'allow';
}

export interface StoredSettings extends TenantSettings {
  tenantId: string;
  updatedAt: string;
  updatedBy: string;
  etag: string;
}

export interface SettingsRepository {
  get(tenantId: string): Promise<StoredSettings | undefined>;
  /**
   * Writes the tenant's settings. `ifMatch` null = create only (throws 'etag_mismatch' when they exist);
   * otherwise the stored etag must match ('etag_mismatch' / 'not_found').
   */
  put(settings: Omit<StoredSettings, 'etag'>, ifMatch: string | null): Promise<StoredSettings>;
}

export type AuditAction = 'create' | 'update' | 'delete' | 'reorder' | 'import' | 'restore' | 'settings' | 'tenant';

export interface AuditEntry {
  tenantId: string;
  /** Sortable unique key: ISO time + random suffix. */
  key: string;
  at: string;
  actorId: string;
  /** The actor's display name when the change was made; absent on entries written before it was kept. */
  actorName?: string;
  action: AuditAction;
  /** 'settings' for settings changes; 'tenant' for an operator's change of the tenant record (not listed by the API). */
  scope: RuleScope | 'settings' | 'tenant';
  /** Owner of the personal rules touched; null otherwise. */
  ownerId: string | null;
  ruleId: string | null;
  before: unknown;
  after: unknown;
}

export interface AuditQuery {
  tenantId: string;
  /** Only these scopes. */
  scopes: AuditEntry['scope'][];
  /** Only entries about this owner's personal rules (for non-admin callers). */
  ownerId?: string;
}

export interface AuditRepository {
  append(entry: AuditEntry): Promise<void>;
  /** Newest first. */
  list(query: AuditQuery, page?: PageRequest): Promise<Page<AuditEntry>>;
}

export interface Stores {
  kind: 'sqlite' | 'cosmos';
  rules: RuleRepository;
  /** Copies of rule sets kept before bulk changes (rule-versions.ts). */
  ruleVersions: RuleVersionRepository;
  settings: SettingsRepository;
  audit: AuditRepository;
  syncState: SyncStateRepository;
  /** The same sync state read across a tenant, round records only (the operator page). */
  syncRounds: SyncRoundSummaries;
  /** Graph change-notification subscriptions, one per enrolled mailbox. */
  subscriptions: SubscriptionStore;
  /** Change notifications' rounds parked when the queue is slow (see notification-inbox.ts). */
  notificationInbox: NotificationInbox;
  /** Tenant records: who is a customer, their plan and term (tenants.ts). */
  tenants: TenantRepository;
  /** Everything else kept for one tenant, to count and erase (offboarding; tenant-data.ts). */
  tenantData: TenantDataStore;
  /** Throws when the store cannot be reached (readiness). */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export function clampLimit(limit: number | undefined, fallback = 100): number {
  if (limit === undefined || !Number.isFinite(limit)) return fallback;
  return Math.max(1, Math.min(1000, Math.floor(limit)));
}

/** The key that orders a rule set: order zero-padded, then id. Both stores sort on it. */
export function ruleSortKey(rule: { order: number; id: string }): string {
  return `${String(rule.order).padStart(7, '0')}|${rule.id}`;
}
