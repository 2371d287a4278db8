import type Database from 'better-sqlite3';
import { clampLimit, StoreError, type AuditEntry, type AuditQuery, type AuditRepository, type Page, type PageRequest } from '../types';
import { cursorScope, decodeCursor, encodeCursor } from './util';

interface Row {
  key: string;
  doc: string;
}

export class SqliteAuditRepository implements AuditRepository {
  private readonly insert;

  constructor(private readonly db: Database.Database) {
    this.insert = db.prepare('INSERT INTO audit (tenant_id, key, scope, owner_id, doc) VALUES (?, ?, ?, ?, ?)');
  }

  async append(entry: AuditEntry): Promise<void> {
    this.insert.run(entry.tenantId, entry.key, entry.scope, entry.ownerId ?? '', JSON.stringify(entry));
  }

  async list(query: AuditQuery, page: PageRequest = {}): Promise<Page<AuditEntry>> {
    const limit = clampLimit(page.limit);
    let before = '\uffff';
    const scope = cursorScope(['audit', query.tenantId, query.scopes, query.ownerId ?? null]);
    if (page.continuationToken !== undefined) {
      const k = decodeCursor(page.continuationToken, scope);
      if (k === undefined) throw new StoreError('invalid_continuation', 'invalid continuation token');
      before = k;
    }
    if (query.scopes.length === 0) return { items: [] };
    const params: unknown[] = [query.tenantId, before, ...query.scopes];
    let sql = `SELECT key, doc FROM audit WHERE tenant_id = ? AND key < ? AND scope IN (${query.scopes.map(() => '?').join(', ')})`;
    if (query.ownerId !== undefined) {
      sql += ' AND owner_id = ?';
      params.push(query.ownerId);
    }
    sql += ' ORDER BY key DESC LIMIT ?';
    params.push(limit + 1);
    const rows = this.db.prepare<unknown[], Row>(sql).all(...params);
    const items = rows.slice(0, limit).map((r) => JSON.parse(r.doc) as AuditEntry);
    const last = rows.length > limit ? rows[limit - 1] : undefined;
    return last ? { items, continuationToken: encodeCursor(last.key, scope) } : { items };
  }
}
