import type Database from 'better-sqlite3';
import {
  clampLimit,
  ruleSortKey,
  StoreError,
  type Page,
  type PageRequest,
  type RuleRepository,
  type RuleSet,
  ruleSetOf,
  type RuleWrite,
  type SetLimit,
  type StoredRule,
  type StoredRuleInput,
} from '../types';
import { cursorScope, decodeCursor, encodeCursor, newEtag } from './util';
import type { SqliteChangeStamps } from './change-stamp';

interface Row {
  doc: string;
  etag: string;
  sort_key: string;
}

const ownerOf = (set: RuleSet) => (set.scope === 'personal' ? set.ownerId : '');

function toRule(row: Row): StoredRule {
  return { ...(JSON.parse(row.doc) as StoredRuleInput), etag: row.etag };
}

export class SqliteRuleRepository implements RuleRepository {
  private readonly stmt;

  constructor(
    private readonly db: Database.Database,
    private readonly stamps: SqliteChangeStamps,
  ) {
    this.stmt = {
      get: db.prepare<[string, string], Row>('SELECT doc, etag, sort_key FROM rules WHERE tenant_id = ? AND id = ?'),
      page: db.prepare<[string, string, string, string, number], Row>(
        'SELECT doc, etag, sort_key FROM rules WHERE tenant_id = ? AND scope = ? AND owner_id = ? AND sort_key > ? ORDER BY sort_key LIMIT ?',
      ),
      all: db.prepare<[string, string, string], Row>(
        'SELECT doc, etag, sort_key FROM rules WHERE tenant_id = ? AND scope = ? AND owner_id = ? ORDER BY sort_key',
      ),
      tenant: db.prepare<[string], Row>('SELECT doc, etag, sort_key FROM rules WHERE tenant_id = ?'),
      count: db.prepare<[string, string, string], { n: number }>('SELECT COUNT(*) AS n FROM rules WHERE tenant_id = ? AND scope = ? AND owner_id = ?'),
      insert: db.prepare(
        'INSERT INTO rules (tenant_id, id, scope, owner_id, sort_key, doc, etag) VALUES (@tenantId, @id, @scope, @ownerId, @sortKey, @doc, @etag)',
      ),
      update: db.prepare(
        'UPDATE rules SET scope = @scope, owner_id = @ownerId, sort_key = @sortKey, doc = @doc, etag = @etag WHERE tenant_id = @tenantId AND id = @id AND etag = @ifMatch',
      ),
      remove: db.prepare('DELETE FROM rules WHERE tenant_id = ? AND id = ? AND etag = ?'),
    };
  }

  async get(tenantId: string, id: string): Promise<StoredRule | undefined> {
    const row = this.stmt.get.get(tenantId, id);
    return row ? toRule(row) : undefined;
  }

  async list(set: RuleSet, page: PageRequest = {}): Promise<Page<StoredRule>> {
    const limit = clampLimit(page.limit);
    let after = '';
    const scope = cursorScope(['rules', set.tenantId, set.scope, ownerOf(set)]);
    if (page.continuationToken !== undefined) {
      const k = decodeCursor(page.continuationToken, scope);
      if (k === undefined) throw new StoreError('invalid_continuation', 'invalid continuation token');
      after = k;
    }
    const rows = this.stmt.page.all(set.tenantId, set.scope, ownerOf(set), after, limit + 1);
    const items = rows.slice(0, limit).map(toRule);
    const last = rows.length > limit ? rows[limit - 1] : undefined;
    return last ? { items, continuationToken: encodeCursor(last.sort_key, scope) } : { items };
  }

  async listAll(set: RuleSet): Promise<StoredRule[]> {
    return this.stmt.all.all(set.tenantId, set.scope, ownerOf(set)).map(toRule);
  }

  async listTenant(tenantId: string): Promise<StoredRule[]> {
    return this.stmt.tenant.all(tenantId).map(toRule);
  }

  async count(set: RuleSet): Promise<number> {
    return this.stmt.count.get(set.tenantId, set.scope, ownerOf(set))!.n;
  }

  private params(rule: StoredRuleInput, etag: string) {
    return {
      tenantId: rule.tenantId,
      id: rule.id,
      scope: rule.scope,
      ownerId: rule.ownerId ?? '',
      sortKey: ruleSortKey(rule),
      doc: JSON.stringify(rule),
      etag,
    };
  }

  private insertSync(rule: StoredRuleInput): StoredRule {
    const etag = newEtag();
    try {
      this.stmt.insert.run(this.params(rule, etag));
    } catch (err) {
      if ((err as { code?: string }).code?.startsWith('SQLITE_CONSTRAINT')) throw new StoreError('conflict', `rule ${rule.id} already exists`);
      throw err;
    }
    return { ...rule, etag };
  }

  private replaceSync(rule: StoredRuleInput, ifMatch: string): StoredRule {
    const etag = newEtag();
    const result = this.stmt.update.run({ ...this.params(rule, etag), ifMatch });
    if (result.changes === 0) {
      const exists = this.stmt.get.get(rule.tenantId, rule.id);
      throw exists ? new StoreError('etag_mismatch', 'etag mismatch') : new StoreError('not_found', 'rule not found');
    }
    return { ...rule, etag };
  }

  private deleteSync(tenantId: string, id: string, ifMatch: string): void {
    const result = this.stmt.remove.run(tenantId, id, ifMatch);
    if (result.changes === 0) {
      const exists = this.stmt.get.get(tenantId, id);
      throw exists ? new StoreError('etag_mismatch', 'etag mismatch') : new StoreError('not_found', 'rule not found');
    }
  }

  /** With a cap, insert and count run in one transaction: a refused create leaves nothing behind. */
  async create(rule: StoredRuleInput, maxInSet?: number): Promise<StoredRule> {
    return this.db.transaction(() => {
      const created = this.insertSync(rule);
      if (maxInSet !== undefined) this.assertWithin({ set: ruleSetOf(rule), max: maxInSet });
      this.stamps.bump(rule.tenantId);
      return created;
    })();
  }

  private assertWithin(limit: SetLimit): void {
    const n = this.stmt.count.get(limit.set.tenantId, limit.set.scope, ownerOf(limit.set))!.n;
    if (n > limit.max) throw new StoreError('limit_exceeded', `the ${limit.set.scope} rule set would hold ${n} rules; at most ${limit.max}`);
  }

  async replace(rule: StoredRuleInput, ifMatch: string): Promise<StoredRule> {
    return this.db.transaction(() => {
      const replaced = this.replaceSync(rule, ifMatch);
      this.stamps.bump(rule.tenantId);
      return replaced;
    })();
  }

  async delete(tenantId: string, id: string, ifMatch: string): Promise<void> {
    this.db.transaction(() => {
      this.deleteSync(tenantId, id, ifMatch);
      this.stamps.bump(tenantId);
    })();
  }

  async changeStamp(tenantId: string): Promise<string> {
    return this.stamps.read(tenantId);
  }

  async applyWrites(tenantId: string, writes: RuleWrite[], limit?: SetLimit): Promise<void> {
    for (const w of writes) {
      if (w.kind !== 'delete' && w.rule.tenantId !== tenantId) throw new StoreError('conflict', 'a write targets another tenant');
    }
    // One transaction: any throw rolls every write back.
    this.db.transaction(() => {
      for (const w of writes) {
        if (w.kind === 'create') this.insertSync(w.rule);
        else if (w.kind === 'replace') this.replaceSync(w.rule, w.ifMatch);
        else this.deleteSync(tenantId, w.id, w.ifMatch);
      }
      if (limit) this.assertWithin(limit);
      this.stamps.bump(tenantId);
    })();
  }
}
