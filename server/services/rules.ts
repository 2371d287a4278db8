/**
 * Rules: visibility, permissions, limits, ordering, the effective set, reorder and import/export.
 * Tenant and user always come from the Principal. A rule the caller may not see is reported exactly
 * like a missing one. Every check runs before the first write, so a refused request changes nothing; the one
 * check repeated after a write is the count limit (concurrent creates), which the store enforces by undoing it.
 */
import { appliesToUser, effectiveRules, enabledInOrder, parseRule, parseRuleDraft, type Rule, type RuleScope } from '../../shared';
import type { ApiImportPreview } from '../../shared/api-types';
import type { Principal } from '../domain/principal';
import { DomainError, badRequest, forbidden, notFound, type ErrorDetail } from '../domain/errors';
import type { Page, PageRequest, RuleSet, RuleWrite, StoredRule, StoredRuleInput, Stores } from '../store/types';
import { StoreError } from '../store/types';
import { AuditLog } from './audit';
import { checkIfMatch } from './etag';
import { importDiff, matchImport, parseImportFile, placeImported, type ImportFile } from './import-plan';
import { RuleVersionKeeper } from './rule-versions';
import { EffectiveRulesCache, type EffectiveEntry } from './effective-cache';
import { KeyedCache, type Cached } from './keyed-cache';
import { issuesToDetails, parseBody, requireObject, withoutEtag } from './request-bodies';
import { MAX_ORDER, newRuleId, ReorderSchema, RULE_COUNT_LIMITS, toApiRule, toDocument, type ExportFile, type ImportResult } from './rule-documents';

export interface RuleServiceOptions {
  now?: () => Date;
  limits?: Record<RuleScope, number>;
  /** How long another instance's writes may take to show in the effective set (default 2 s; 0 = no cache). */
  effectiveCacheTtlMs?: number;
  /** The caches' clock, epoch ms (default Date.now); tests move it instead of sleeping through the TTL. */
  cacheClock?: () => number;
  /** Called after each successful write (the background sync re-runs the affected mailboxes); must not throw (createApp guards it). */
  onChanged?: (change: RulesChange) => void;
  /**
   * A user's Entra groups, transitively (the sync's Graph reader, SyncControl.memberOf), asked only while the
   * tenant has an enabled org rule for a team. Absent, team rules are in no one's effective set.
   */
  memberOf?: (tenantId: string, userId: string) => Promise<ReadonlySet<string>>;
}

/** Which mailboxes a rule write affects: every mailbox of the tenant (org rules) or the owner's (personal rules). */
export interface RulesChange {
  tenantId: string;
  scope: RuleScope;
  /** The owner of the personal rules written; null for org rules. */
  ownerId: string | null;
}

const hasTeamRules = (rules: readonly Rule[]) => rules.some((r) => r.enabled && r.scope === 'org' && r.appliesTo);

/** An effective set with one personal rule as stored now: the old version out, the new one in (when enabled), re-sorted. */
function withRule(set: StoredRule[], rule: StoredRule): StoredRule[] {
  return enabledInOrder([...set.filter((r) => r.id !== rule.id), rule]);
}

export class RuleService {
  private readonly audit: AuditLog;
  private readonly now: () => Date;
  private readonly limits: Record<RuleScope, number>;
  private readonly cache: EffectiveRulesCache<StoredRule[]>;
  /** Each tenant's org rules as stored: shared by every user's effective set, so a personal write re-reads only the personal rules. */
  private readonly orgSets: KeyedCache<StoredRule[]>;
  private readonly onChanged: RuleServiceOptions['onChanged'];
  private readonly memberOf: RuleServiceOptions['memberOf'];
  /** Keeps a copy of a set before each bulk change (reorder, import, restore). */
  readonly versions: RuleVersionKeeper;

  constructor(
    private readonly stores: Stores,
    options: RuleServiceOptions = {},
  ) {
    this.now = options.now ?? (() => new Date());
    this.limits = options.limits ?? RULE_COUNT_LIMITS;
    const ttlMs = options.effectiveCacheTtlMs ?? 2000;
    this.cache = new EffectiveRulesCache(ttlMs, undefined, options.cacheClock);
    this.orgSets = new KeyedCache(ttlMs, undefined, options.cacheClock);
    this.audit = new AuditLog(stores.audit, this.now);
    this.onChanged = options.onChanged;
    this.memberOf = options.memberOf;
    this.versions = new RuleVersionKeeper(stores, this.now);
  }

  setFor(p: Principal, scope: RuleScope): RuleSet {
    return scope === 'org' ? { tenantId: p.tenantId, scope } : { tenantId: p.tenantId, scope, ownerId: p.userId };
  }

  private canSee(p: Principal, r: StoredRule): boolean {
    return r.tenantId === p.tenantId && (r.scope === 'org' || r.ownerId === p.userId);
  }

  /** Org rules: admins only, and not while an admin has locked them in settings (a guard against stray edits). */
  async assertCanWrite(p: Principal, scope: RuleScope): Promise<void> {
    if (scope !== 'org') return;
    if (!p.isAdmin) throw forbidden('only CalSync admins can change org rules');
    if ((await this.stores.settings.get(p.tenantId))?.orgRulesLocked) {
      throw new DomainError('org_rules_locked', 'org rules are locked; an admin unlocks them in settings (orgRulesLocked) to change them');
    }
  }

  private ownerFor(p: Principal, scope: RuleScope): string | null {
    return scope === 'personal' ? p.userId : null;
  }

  /** A page of one scope. A user who is not an admin sees the team rules for their own teams only. */
  async list(p: Principal, scope: RuleScope, page: PageRequest): Promise<Page<StoredRule>> {
    const found = await this.stores.rules.list(this.setFor(p, scope), page);
    if (scope !== 'org' || p.isAdmin || !found.items.some((r) => r.appliesTo)) return found;
    const memberOf = await this.groupsOf(p);
    return { ...found, items: found.items.filter((r) => appliesToUser(r, memberOf)) };
  }

  /** What the engine evaluates for this user: enabled org rules, then enabled personal rules, in order. */
  async effective(p: Principal): Promise<StoredRule[]> {
    return (await this.effectiveEntry(p)).value;
  }

  /**
   * The effective set with a slot for its serialized body; cached per user, dropped on an org write in the
   * tenant or a personal write of that user. The org part comes from the per-tenant org cache.
   */
  async effectiveEntry(p: Principal): Promise<EffectiveEntry<StoredRule[]>> {
    const hit = this.cache.get(p.tenantId, p.userId);
    if (hit) return hit;
    const gen = this.cache.generation(p.tenantId, p.userId);
    const [org, personal] = await Promise.all([this.orgRules(p.tenantId), this.stores.rules.listAll(this.setFor(p, 'personal'))]);
    return this.cacheEffective(p, gen, org, personal, await this.memberOfFor(p, org.value));
  }

  /** The merged set must not outlive the org rules it was built from (the TTL bounds other instances' writes). */
  private cacheEffective(
    p: Principal,
    gen: number,
    org: Cached<StoredRule[]>,
    personal: StoredRule[],
    memberOf?: ReadonlySet<string>,
  ): EffectiveEntry<StoredRule[]> {
    return this.cache.set(p.tenantId, p.userId, gen, effectiveRules({ org: org.value, personal, memberOf }), org.until);
  }

  /** The caller's groups among those the tenant's enabled org rules name (GET /api/me), sorted. */
  async teamsOf(p: Principal): Promise<string[]> {
    if (!this.memberOf) return [];
    const org = (await this.orgRules(p.tenantId)).value;
    const memberOf = await this.memberOfFor(p, org);
    if (!memberOf) return [];
    const named = new Set(org.flatMap((r) => (r.enabled && r.appliesTo ? r.appliesTo.groups : [])));
    return [...named].filter((id) => memberOf.has(id)).sort();
  }

  /**
   * The caller's groups when `rules` hold an enabled team rule (else undefined: no directory call). A directory that
   * does not answer fails the request rather than leave the caller's team rules out.
   */
  async memberOfFor(p: Principal, rules: readonly Rule[]): Promise<ReadonlySet<string> | undefined> {
    if (!hasTeamRules(rules)) return undefined;
    return this.groupsOf(p);
  }

  /** The caller's groups; undefined without a directory (then no team rule is theirs). */
  private async groupsOf(p: Principal): Promise<ReadonlySet<string> | undefined> {
    if (!this.memberOf) return undefined;
    try {
      return await this.memberOf(p.tenantId, p.userId);
    } catch {
      throw new DomainError('unavailable', 'your groups could not be read from the directory, so the rules for your teams are not known; try again shortly');
    }
  }

  /**
   * The caller's personal rules straight from the store (a create needs a fresh count for the limit). That read
   * is exactly what an effective-set miss reads, so when the org part is cached it refreshes the caller's
   * cached set too, at no extra store cost — and the create then updates that set in place (see write).
   */
  private async freshPersonalRules(p: Principal): Promise<StoredRule[]> {
    const gen = this.cache.generation(p.tenantId, p.userId);
    const personal = await this.stores.rules.listAll(this.setFor(p, 'personal'));
    const org = this.orgSets.get(p.tenantId);
    // With team rules the set also needs the caller's groups: a create does not wait on the directory for it.
    if (org && !hasTeamRules(org.value)) this.cacheEffective(p, gen, org, personal);
    return personal;
  }

  /** Unfiltered: which of them a user gets is effectiveRules' decision, made per user. */
  private orgRules(tenantId: string): Promise<Cached<StoredRule[]>> {
    return this.orgSets.getOrLoad(tenantId, () => this.stores.rules.listAll({ tenantId, scope: 'org' }));
  }

  /** Drops what a write of this rule set can change: org rules are in every user's set, personal ones only in their owner's. */
  private invalidate(p: Principal, scope: RuleScope): void {
    if (scope === 'org') {
      this.cache.invalidateTenant(p.tenantId);
      this.orgSets.invalidate(p.tenantId);
    } else {
      this.cache.invalidateUser(p.tenantId, p.userId);
    }
  }

  /**
   * Runs a store write; the cache generations move before and after it, so no reader caches a set that
   * straddles it. A successful write is reported to onChanged.
   */
  private async write<T>(p: Principal, scope: RuleScope, fn: () => Promise<T>, apply?: (effective: StoredRule[], result: T) => StoredRule[]): Promise<T> {
    let result: T;
    if (scope === 'personal' && apply) {
      // The owner usually reads the effective set right after a save (the add-in reloads it): update it in place.
      result = await this.cache.writeUser(p.tenantId, p.userId, fn, apply);
    } else {
      this.invalidate(p, scope);
      try {
        result = await fn();
      } finally {
        this.invalidate(p, scope);
      }
    }
    this.onChanged?.({ tenantId: p.tenantId, scope, ownerId: this.ownerFor(p, scope) });
    return result;
  }

  async get(p: Principal, id: string): Promise<StoredRule> {
    const r = await this.stores.rules.get(p.tenantId, id);
    if (!r || !this.canSee(p, r)) throw notFound();
    // Another team's rule is not shown to a user outside it (admins see every rule).
    if (r.appliesTo && !p.isAdmin && !appliesToUser(r, await this.groupsOf(p))) throw notFound();
    return r;
  }

  /** Server-side metadata for a rule this caller writes now (`created`: the rule it replaces). */
  metaFor(p: Principal, scope: RuleScope, created?: StoredRule) {
    const at = this.now().toISOString();
    return {
      tenantId: p.tenantId,
      ownerId: this.ownerFor(p, scope),
      createdAt: created?.createdAt ?? at,
      createdBy: created?.createdBy ?? p.userId,
      updatedAt: at,
      updatedBy: p.userId,
    };
  }

  private limitError(scope: RuleScope): DomainError {
    const limit = this.limits[scope];
    return new DomainError('limit_exceeded', `at most ${limit} ${scope} rules ${scope === 'org' ? 'per tenant' : 'per user'}`, [
      { path: 'scope', message: `the ${scope} rule set is full (${limit})` },
    ]);
  }

  private importLimitError(scope: RuleScope, message: string): DomainError {
    return new DomainError('limit_exceeded', message, [{ path: 'rules', message: `at most ${this.limits[scope]} ${scope} rules` }]);
  }

  /**
   * The server always picks the id: a client-chosen one could only be refused when taken, and a refusal for an
   * id another user holds would tell the caller it exists (ids of others must look missing). `id` in the body
   * is ignored; `options.id` is for trusted in-process callers (the demo seed's fixed ids), never a request.
   */
  async create(p: Principal, body: unknown, options: { id?: string } = {}): Promise<StoredRule> {
    const { id: _clientId, ...raw } = requireObject(withoutEtag(body), 'a rule');
    const parsed = parseRuleDraft(options.id === undefined ? raw : { ...raw, id: options.id });
    if (!parsed.ok) throw badRequest('the rule is invalid', issuesToDetails(parsed.issues));
    const draft = parsed.value;
    await this.assertCanWrite(p, draft.scope);
    const set = draft.scope === 'personal' ? await this.freshPersonalRules(p) : await this.stores.rules.listAll(this.setFor(p, 'org'));
    // The usual refusal, before any write; the store re-checks after its write for concurrent creates.
    if (set.length >= this.limits[draft.scope]) throw this.limitError(draft.scope);
    const order =
      'order' in raw
        ? draft.order
        : Math.min(
            MAX_ORDER,
            set.reduce((m, r) => Math.max(m, r.order + 1), 0),
          );
    const id = draft.id ?? newRuleId();
    const rule: StoredRuleInput = { ...draft, id, order, ...this.metaFor(p, draft.scope) };
    let created: StoredRule;
    try {
      created = await this.write(
        p,
        rule.scope,
        () => this.stores.rules.create(rule, this.limits[rule.scope]),
        (set, saved) => withRule(set, saved),
      );
    } catch (err) {
      if (err instanceof StoreError && err.code === 'limit_exceeded') throw this.limitError(rule.scope);
      // Only a trusted caller's fixed id (options.id) can collide: server ids are 96 random bits.
      if (err instanceof StoreError && err.code === 'conflict') throw new DomainError('conflict', `a rule with id ${id} exists`);
      throw err;
    }
    // Only now: a create the store refused (and removed) leaves no audit entry.
    await this.audit.record(p, { action: 'create', scope: rule.scope, ownerId: rule.ownerId, ruleId: id, before: null, after: toDocument(rule) });
    return created;
  }

  async replace(p: Principal, id: string, body: unknown, ifMatch: string | undefined): Promise<StoredRule> {
    const raw = { ...requireObject(withoutEtag(body), 'a rule') };
    if (raw.id === undefined) raw.id = id;
    else if (raw.id !== id) throw badRequest('the id in the body differs from the URL', [{ path: 'id', message: 'must equal the id in the URL' }]);
    const parsed = parseRule(raw);
    if (!parsed.ok) throw badRequest('the rule is invalid', issuesToDetails(parsed.issues));
    const current = await this.get(p, id);
    await this.assertCanWrite(p, current.scope);
    if (parsed.value.scope !== current.scope) {
      throw badRequest('a rule cannot change scope', [{ path: 'scope', message: `must stay "${current.scope}"; create a new rule instead` }]);
    }
    checkIfMatch(ifMatch, current.etag);
    const next: StoredRuleInput = { ...parsed.value, ...this.metaFor(p, current.scope, current) };
    const saved = await this.write(
      p,
      current.scope,
      () => this.stores.rules.replace(next, current.etag),
      (set, result) => withRule(set, result),
    );
    await this.audit.record(p, {
      action: 'update',
      scope: next.scope,
      ownerId: next.ownerId,
      ruleId: id,
      before: toDocument(current),
      after: toDocument(next),
    });
    return saved;
  }

  async remove(p: Principal, id: string, ifMatch: string | undefined): Promise<void> {
    const current = await this.get(p, id);
    await this.assertCanWrite(p, current.scope);
    checkIfMatch(ifMatch, current.etag);
    await this.write(
      p,
      current.scope,
      () => this.stores.rules.delete(p.tenantId, id, current.etag),
      (set) => set.filter((r) => r.id !== id),
    );
    await this.audit.record(p, { action: 'delete', scope: current.scope, ownerId: current.ownerId, ruleId: id, before: toDocument(current), after: null });
  }

  /** Sets `order` from the position in `ids`, which must list exactly the rule set. */
  async reorder(p: Principal, body: unknown): Promise<StoredRule[]> {
    const { scope, ids } = parseBody(ReorderSchema, body, 'reorder request');
    await this.assertCanWrite(p, scope);
    const seen = new Set<string>();
    const dupes: ErrorDetail[] = [];
    ids.forEach((id, i) => {
      if (seen.has(id)) dupes.push({ path: `ids[${i}]`, message: `"${id}" is listed twice` });
      seen.add(id);
    });
    if (dupes.length > 0) throw badRequest('each rule appears once', dupes);
    const current = await this.stores.rules.listAll(this.setFor(p, scope));
    const byId = new Map(current.map((r) => [r.id, r]));
    const problems: ErrorDetail[] = [];
    ids.forEach((id, i) => {
      if (!byId.has(id)) problems.push({ path: `ids[${i}]`, message: `"${id}" is not in the ${scope} rule set` });
    });
    for (const r of current) if (!seen.has(r.id)) problems.push({ path: 'ids', message: `"${r.id}" is missing` });
    if (problems.length > 0) throw new DomainError('rule_set_changed', 'ids must list exactly the current rules of the set; reload and try again', problems);
    const writes: RuleWrite[] = [];
    const result: StoredRuleInput[] = [];
    ids.forEach((id, i) => {
      const r = byId.get(id)!;
      const order = i * 10;
      const { etag, ...doc } = r;
      if (r.order === order) {
        result.push(doc);
        return;
      }
      const next = { ...doc, order, updatedAt: this.now().toISOString(), updatedBy: p.userId };
      writes.push({ kind: 'replace', rule: next, ifMatch: etag });
      result.push(next);
    });
    if (writes.length > 0) {
      await this.versions.keep(p, this.setFor(p, scope), current, { kind: 'reorder' });
      await this.write(p, scope, () => this.stores.rules.applyWrites(p.tenantId, writes));
      await this.audit.record(p, {
        action: 'reorder',
        scope,
        ownerId: this.ownerFor(p, scope),
        ruleId: null,
        before: current.map((r) => r.id),
        after: ids,
      });
    }
    return this.stores.rules.listAll(this.setFor(p, scope));
  }

  /**
   * Several writes to one set at once (import, restore), under the set's cap. Concurrent creates may fill the
   * set while they run; the store then undoes them all (limit_exceeded).
   */
  async writeSet(p: Principal, scope: RuleScope, writes: RuleWrite[]): Promise<void> {
    const limit = { set: this.setFor(p, scope), max: this.limits[scope] };
    try {
      await this.write(p, scope, () => this.stores.rules.applyWrites(p.tenantId, writes, limit));
    } catch (err) {
      if (err instanceof StoreError && err.code === 'limit_exceeded')
        throw this.importLimitError(scope, `the ${scope} rule set would be over its limit; at most ${this.limits[scope]}`);
      throw err;
    }
  }

  async exportSet(p: Principal, scope: RuleScope): Promise<ExportFile> {
    const rules = await this.stores.rules.listAll(this.setFor(p, scope));
    return { version: 1, scope, exportedAt: this.now().toISOString(), rules: rules.map(toDocument) };
  }

  /** The file checked whole, and the caller's right to write its scope. */
  private async parseImport(p: Principal, body: unknown): Promise<ImportFile> {
    const file = parseImportFile(body);
    await this.assertCanWrite(p, file.scope);
    return file;
  }

  /** What the file would do in each mode, by rule name; checked exactly as an import is, and writes nothing. */
  async previewImport(p: Principal, body: unknown): Promise<ApiImportPreview> {
    const file = await this.parseImport(p, body);
    const current = await this.stores.rules.listAll(this.setFor(p, file.scope));
    const diff = (mode: 'merge' | 'replace') => importDiff(matchImport(current, placeImported(current, file, mode)), mode);
    return { scope: file.scope, merge: diff('merge'), replace: diff('replace') };
  }

  /** Validates the whole file, then writes; `replace` makes the set exactly the file, `merge` upserts by id. */
  async importSet(p: Principal, body: unknown): Promise<ImportResult> {
    const file = await this.parseImport(p, body);
    const { scope, mode } = file;
    const current = await this.stores.rules.listAll(this.setFor(p, scope));
    const match = matchImport(current, placeImported(current, file, mode));
    // A file id is kept only when it names a rule of this very set; every other rule gets a fresh id. Whether
    // an id is used elsewhere (another user, the other scope) must not show, so it is never looked up.
    const renamed: Record<string, string> = {};
    const creates: RuleWrite[] = [];
    const replaces: RuleWrite[] = [];
    const incoming = new Set<string>();
    for (const { draft: d, existing } of match.pairs) {
      const id = existing?.id ?? newRuleId();
      if (d.id !== undefined && !existing) renamed[d.id] = id;
      incoming.add(id);
      const rule: StoredRuleInput = { ...d, id, ...this.metaFor(p, scope, existing) };
      if (existing) replaces.push({ kind: 'replace', rule, ifMatch: existing.etag });
      else creates.push({ kind: 'create', rule });
    }
    const deletes: RuleWrite[] = mode === 'replace' ? match.leftOut.map((r) => ({ kind: 'delete', id: r.id, ifMatch: r.etag })) : [];
    const [created, replaced, deleted] = [creates.length, replaces.length, deletes.length];
    const finalCount = current.length - deleted + created;
    if (finalCount > this.limits[scope])
      throw this.importLimitError(scope, `the import would leave ${finalCount} ${scope} rules; at most ${this.limits[scope]}`);
    const versionId = await this.versions.keep(p, this.setFor(p, scope), current, { kind: 'import', mode, fileName: file.fileName });
    await this.writeSet(p, scope, [...creates, ...replaces, ...deletes]);
    await this.audit.record(p, {
      action: 'import',
      scope,
      ownerId: this.ownerFor(p, scope),
      ruleId: null,
      // The prior set by ids and the version that holds it whole: a 500-rule set as documents can pass Cosmos's
      // 2 MB item limit, and the version already keeps them.
      before: { versionId, ids: current.map((r) => r.id) },
      after: { mode, created, replaced, deleted, ids: [...incoming] },
    });
    const rules = await this.stores.rules.listAll(this.setFor(p, scope));
    return { scope, mode, created, replaced, deleted, renamed, rules: rules.map(toApiRule) };
  }
}
