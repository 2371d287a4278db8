/** Sync state in the embedded store: one row per (tenant, mailbox), the state as JSON (table: migration 2). */
import type Database from 'better-sqlite3';
import { StoreError } from '../types';
import type {
  LastRoundRecord,
  MailboxRoundSummary,
  MailboxSyncState,
  StoredSyncState,
  SyncLease,
  SyncRoundSummaries,
  SyncStateRepository,
} from '../sync-state';
import { newEtag } from './util';

export const SYNC_STATE_DDL = `CREATE TABLE IF NOT EXISTS sync_state (
  tenant_id TEXT NOT NULL,
  mailbox_id TEXT NOT NULL,
  doc TEXT NOT NULL,
  etag TEXT NOT NULL,
  PRIMARY KEY (tenant_id, mailbox_id)
) WITHOUT ROWID;`;

interface Row {
  doc: string;
  etag: string;
}

export class SqliteSyncStateRepository implements SyncStateRepository, SyncRoundSummaries {
  private readonly stmt;

  constructor(db: Database.Database) {
    db.exec(SYNC_STATE_DDL); // a no-op once migrated; lets the repository stand alone in its tests
    this.stmt = {
      get: db.prepare<[string, string], Row>('SELECT doc, etag FROM sync_state WHERE tenant_id = ? AND mailbox_id = ?'),
      insert: db.prepare('INSERT INTO sync_state (tenant_id, mailbox_id, doc, etag) VALUES (?, ?, ?, ?) ON CONFLICT (tenant_id, mailbox_id) DO NOTHING'),
      update: db.prepare('UPDATE sync_state SET doc = ?, etag = ? WHERE tenant_id = ? AND mailbox_id = ? AND etag = ?'),
      delete: db.prepare('DELETE FROM sync_state WHERE tenant_id = ? AND mailbox_id = ?'),
      // The two fields only: a mailbox's records can be megabytes.
      summaries: db.prepare<[string], { lease: string | null; lastRound: string | null }>(
        "SELECT json_extract(doc, '$.lease') AS lease, json_extract(doc, '$.lastRound') AS lastRound FROM sync_state WHERE tenant_id = ?",
      ),
    };
  }

  async get(tenantId: string, mailboxId: string): Promise<StoredSyncState | undefined> {
    const row = this.stmt.get.get(tenantId, mailboxId);
    return row ? { ...(JSON.parse(row.doc) as MailboxSyncState), etag: row.etag } : undefined;
  }

  async put(state: MailboxSyncState, ifMatch: string | null): Promise<StoredSyncState> {
    const etag = newEtag();
    const doc = JSON.stringify(state);
    if (ifMatch === null) {
      if (this.stmt.insert.run(state.tenantId, state.mailboxId, doc, etag).changes === 0) throw new StoreError('etag_mismatch', 'sync state already exists');
    } else if (this.stmt.update.run(doc, etag, state.tenantId, state.mailboxId, ifMatch).changes === 0) {
      throw this.stmt.get.get(state.tenantId, state.mailboxId)
        ? new StoreError('etag_mismatch', 'etag mismatch')
        : new StoreError('not_found', 'no sync state');
    }
    // The row holds JSON, so nothing the caller does to `state` later can reach it; no copy needed.
    return { ...state, etag };
  }

  async delete(tenantId: string, mailboxId: string): Promise<void> {
    this.stmt.delete.run(tenantId, mailboxId);
  }

  async ofTenant(tenantId: string): Promise<MailboxRoundSummary[]> {
    return this.stmt.summaries.all(tenantId).map((row) => ({
      lease: row.lease ? (JSON.parse(row.lease) as SyncLease) : null,
      lastRound: row.lastRound ? (JSON.parse(row.lastRound) as LastRoundRecord) : null,
    }));
  }
}
