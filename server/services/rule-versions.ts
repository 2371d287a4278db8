/**
 * Rule-set versions: a copy of a set is kept before every bulk change (import, reorder, restore), the newest
 * RULE_VERSIONS_KEPT per set; an admin (org) or the owner (personal) lists them and restores one. A restore
 * makes the set exactly the version (rules keep their ids), is itself a bulk change (so it keeps a version and
 * can be undone), is audited, and requires If-Match with the set's current ETag (ruleSetEtag).
 */
import { randomBytes } from 'node:crypto';
import type { Rule, RuleScope } from '../../shared';
import type { ApiRestoreResult, ApiRuleVersion, ApiRuleVersionDetail, ApiRuleVersionList } from '../../shared/api-types';
import type { Principal } from '../domain/principal';
import { DomainError, forbidden, notFound } from '../domain/errors';
import { RULE_VERSIONS_KEPT, type RuleVersionReason, type RuleVersionSummary } from '../store/rule-versions';
import type { RuleSet, RuleWrite, StoredRule, Stores } from '../store/types';
import { StoreError } from '../store/types';
import { AuditLog } from './audit';
import { checkIfMatch, ruleSetEtag } from './etag';
import { importDiff, matchImport, sameRule } from './import-plan';
import { toApiRule, toDocument } from './rule-documents';
import type { RuleService } from './rules';

/** Version ids: the time to the millisecond, then random; they sort by time as strings. */
export const RULE_VERSION_ID = /^v\d{17}_[0-9a-f]{8}$/;

/** Keeps versions; RuleService calls it before each bulk write. */
export class RuleVersionKeeper {
  constructor(
    private readonly stores: Stores,
    private readonly now: () => Date,
    private readonly keepPerSet = RULE_VERSIONS_KEPT,
  ) {}

  /** Stores the set as it is (`current`) before `reason` changes it; returns the version's id. */
  async keep(actor: Principal, set: RuleSet, current: readonly StoredRule[], reason: RuleVersionReason): Promise<string> {
    const at = this.now().toISOString();
    const id = `v${at.replace(/\D/g, '')}_${randomBytes(4).toString('hex')}`;
    await this.stores.ruleVersions.put(
      {
        tenantId: set.tenantId,
        id,
        scope: set.scope,
        ownerId: set.scope === 'personal' ? set.ownerId : null,
        at,
        actorId: actor.userId,
        reason,
        ruleCount: current.length,
        names: current.map((r) => r.name),
        rules: current.map(toDocument),
      },
      this.keepPerSet,
    );
    return id;
  }
}

function toApiVersion(v: RuleVersionSummary): ApiRuleVersion {
  return { id: v.id, at: v.at, actorId: v.actorId, scope: v.scope, reason: v.reason, ruleCount: v.ruleCount, names: v.names };
}

export class RuleVersionService {
  private readonly audit: AuditLog;

  constructor(
    private readonly stores: Stores,
    private readonly rules: RuleService,
    now: () => Date = () => new Date(),
  ) {
    this.audit = new AuditLog(stores.audit, now);
  }

  /** Org versions are the admins' (they hold every org rule, enabled or not); personal ones their owner's. */
  private assertCanRead(p: Principal, scope: RuleScope): void {
    if (scope === 'org' && !p.isAdmin) throw forbidden("only CalSync admins can see the org rule set's versions");
  }

  async list(p: Principal, scope: RuleScope): Promise<ApiRuleVersionList> {
    this.assertCanRead(p, scope);
    const set = this.rules.setFor(p, scope);
    const [versions, current] = await Promise.all([this.stores.ruleVersions.list(set), this.stores.rules.listAll(set)]);
    return { scope, setEtag: ruleSetEtag(current), items: versions.map(toApiVersion) };
  }

  /** A version the caller may see; another user's personal version is reported like a missing one. */
  private async version(p: Principal, id: string) {
    const v = RULE_VERSION_ID.test(id) ? await this.stores.ruleVersions.get(p.tenantId, id) : undefined;
    if (!v || (v.scope === 'personal' && v.ownerId !== p.userId)) throw notFound('version');
    this.assertCanRead(p, v.scope);
    return v;
  }

  async get(p: Principal, id: string): Promise<ApiRuleVersionDetail> {
    const v = await this.version(p, id);
    const current = await this.stores.rules.listAll(this.rules.setFor(p, v.scope));
    return { version: toApiVersion(v), rules: v.rules, diff: importDiff(matchImport(current, v.rules), 'replace'), setEtag: ruleSetEtag(current) };
  }

  /** Makes the set exactly the version: rules missing now are re-created with their ids, the others replaced or deleted. */
  async restore(p: Principal, id: string, ifMatch: string | undefined): Promise<ApiRestoreResult> {
    const v = await this.version(p, id);
    const scope = v.scope;
    await this.rules.assertCanWrite(p, scope);
    const set = this.rules.setFor(p, scope);
    const current = await this.stores.rules.listAll(set);
    checkIfMatch(ifMatch, ruleSetEtag(current));
    const match = matchImport(current, v.rules);
    const writes: RuleWrite[] = [];
    for (const { draft, existing } of match.pairs) {
      const rule = draft as Rule;
      if (!existing) writes.push({ kind: 'create', rule: { ...rule, ...this.rules.metaFor(p, scope) } });
      else if (!sameRule(existing, rule))
        writes.push({ kind: 'replace', rule: { ...rule, ...this.rules.metaFor(p, scope, existing) }, ifMatch: existing.etag });
    }
    for (const r of match.leftOut) writes.push({ kind: 'delete', id: r.id, ifMatch: r.etag });
    const diff = importDiff(match, 'replace');
    const keptVersionId = await this.rules.versions.keep(p, set, current, { kind: 'restore', versionId: v.id });
    try {
      if (writes.length > 0) await this.rules.writeSet(p, scope, writes);
    } catch (err) {
      // The set changed between the read and the writes (the store checked every etag first; nothing was written).
      if (err instanceof StoreError && (err.code === 'etag_mismatch' || err.code === 'not_found' || err.code === 'conflict')) {
        throw new DomainError('rule_set_changed', 'the rule set changed during the restore; nothing was restored — reload and try again');
      }
      throw err;
    }
    await this.audit.record(p, {
      action: 'restore',
      scope,
      ownerId: set.scope === 'personal' ? set.ownerId : null,
      ruleId: null,
      before: current.map(toDocument),
      after: { versionId: v.id, keptVersionId, ids: v.rules.map((r) => r.id), ...diff },
    });
    const rules = await this.stores.rules.listAll(set);
    return { scope, versionId: v.id, keptVersionId, diff, rules: rules.map(toApiRule), setEtag: ruleSetEtag(rules) };
  }
}
