import type Database from 'better-sqlite3';
import { StoreError, type SettingsRepository, type StoredSettings } from '../types';
import { newEtag } from './util';
import type { SqliteChangeStamps } from './change-stamp';

interface Row {
  doc: string;
  etag: string;
}

export class SqliteSettingsRepository implements SettingsRepository {
  private readonly stmt;

  constructor(
    private readonly db: Database.Database,
    private readonly stamps: SqliteChangeStamps,
  ) {
    this.stmt = {
      get: db.prepare<[string], Row>('SELECT doc, etag FROM settings WHERE tenant_id = ?'),
      insert: db.prepare('INSERT INTO settings (tenant_id, doc, etag) VALUES (?, ?, ?) ON CONFLICT (tenant_id) DO NOTHING'),
      update: db.prepare('UPDATE settings SET doc = ?, etag = ? WHERE tenant_id = ? AND etag = ?'),
    };
  }

  async get(tenantId: string): Promise<StoredSettings | undefined> {
    const row = this.stmt.get.get(tenantId);
    return row ? { ...(JSON.parse(row.doc) as Omit<StoredSettings, 'etag'>), etag: row.etag } : undefined;
  }

  async put(settings: Omit<StoredSettings, 'etag'>, ifMatch: string | null): Promise<StoredSettings> {
    const etag = newEtag();
    const doc = JSON.stringify(settings);
    this.db.transaction(() => {
      if (ifMatch === null) {
        if (this.stmt.insert.run(settings.tenantId, doc, etag).changes === 0) throw new StoreError('etag_mismatch', 'settings already exist');
      } else if (this.stmt.update.run(doc, etag, settings.tenantId, ifMatch).changes === 0) {
        throw this.stmt.get.get(settings.tenantId) ? new StoreError('etag_mismatch', 'etag mismatch') : new StoreError('not_found', 'no settings');
      }
      this.stamps.bump(settings.tenantId);
    })();
    return { ...settings, etag };
  }
}
