/** Tenant records in the embedded store (table: migration 8); see ../tenants.ts. One row per tenant. */
import type Database from 'better-sqlite3';
import { StoreError } from '../types';
import type { StoredTenant, TenantRecord, TenantRepository } from '../tenants';
import { newEtag } from './util';

export const TENANTS_DDL = `CREATE TABLE IF NOT EXISTS tenants (
  tenant_id TEXT PRIMARY KEY,
  doc TEXT NOT NULL,
  etag TEXT NOT NULL
) WITHOUT ROWID;`;

interface Row {
  doc: string;
  etag: string;
}

const fromRow = (row: Row): StoredTenant => ({ ...(JSON.parse(row.doc) as TenantRecord), etag: row.etag });

export class SqliteTenantRepository implements TenantRepository {
  private readonly stmt;

  constructor(db: Database.Database) {
    this.stmt = {
      get: db.prepare<[string], Row>('SELECT doc, etag FROM tenants WHERE tenant_id = ?'),
      list: db.prepare<[], Row>('SELECT doc, etag FROM tenants ORDER BY tenant_id'),
      insert: db.prepare('INSERT INTO tenants (tenant_id, doc, etag) VALUES (?, ?, ?) ON CONFLICT (tenant_id) DO NOTHING'),
      update: db.prepare('UPDATE tenants SET doc = ?, etag = ? WHERE tenant_id = ? AND etag = ?'),
      delete: db.prepare('DELETE FROM tenants WHERE tenant_id = ? AND etag = ?'),
    };
  }

  async get(tenantId: string): Promise<StoredTenant | undefined> {
    const row = this.stmt.get.get(tenantId);
    return row ? fromRow(row) : undefined;
  }

  async listAll(): Promise<StoredTenant[]> {
    return this.stmt.list.all().map(fromRow);
  }

  async create(tenant: TenantRecord): Promise<StoredTenant> {
    const etag = newEtag();
    if (this.stmt.insert.run(tenant.tenantId, JSON.stringify(tenant), etag).changes === 0) throw new StoreError('conflict', 'tenant already exists');
    return { ...tenant, etag };
  }

  async replace(tenant: TenantRecord, ifMatch: string): Promise<StoredTenant> {
    const etag = newEtag();
    if (this.stmt.update.run(JSON.stringify(tenant), etag, tenant.tenantId, ifMatch).changes === 0) throw this.missOrStale(tenant.tenantId);
    return { ...tenant, etag };
  }

  async delete(tenantId: string, ifMatch: string): Promise<void> {
    if (this.stmt.delete.run(tenantId, ifMatch).changes === 0) throw this.missOrStale(tenantId);
  }

  private missOrStale(tenantId: string): StoreError {
    return this.stmt.get.get(tenantId) ? new StoreError('etag_mismatch', 'etag mismatch') : new StoreError('not_found', 'tenant not found');
  }
}
