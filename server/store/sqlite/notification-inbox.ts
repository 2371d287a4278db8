/** The notification inbox in the embedded store (table: migration 4); see ../notification-inbox.ts. */
import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import { inboxKey, type InboxEntry, type NotificationInbox, type ParkedEntry } from '../notification-inbox';

export const NOTIFICATION_INBOX_DDL = `CREATE TABLE IF NOT EXISTS notification_inbox (
  entry_key TEXT PRIMARY KEY,
  parked_at INTEGER NOT NULL,
  version TEXT NOT NULL,
  doc TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS notification_inbox_by_age ON notification_inbox (parked_at);`;

export class SqliteNotificationInbox implements NotificationInbox {
  private readonly insertAll: (entries: InboxEntry[]) => void;
  private readonly stmt;

  constructor(
    db: Database.Database,
    private readonly now: () => number = Date.now,
  ) {
    db.exec(NOTIFICATION_INBOX_DDL);
    this.stmt = {
      // An entry already parked keeps its place in line (its age) but takes a new version.
      insert: db.prepare(
        'INSERT INTO notification_inbox (entry_key, parked_at, version, doc) VALUES (?, ?, ?, ?) ON CONFLICT (entry_key) DO UPDATE SET version = excluded.version',
      ),
      pending: db.prepare<[number], { doc: string; version: string }>('SELECT doc, version FROM notification_inbox ORDER BY parked_at, entry_key LIMIT ?'),
      remove: db.prepare('DELETE FROM notification_inbox WHERE entry_key = ? AND version = ?'),
    };
    this.insertAll = db.transaction((entries: InboxEntry[]) => {
      const at = this.now();
      for (const e of entries)
        this.stmt.insert.run(inboxKey(e), at, randomUUID(), JSON.stringify({ tenantId: e.tenantId, mailboxId: e.mailboxId, full: e.full }));
    });
  }

  async add(entries: InboxEntry[]): Promise<void> {
    this.insertAll(entries);
  }

  async pending(limit: number): Promise<ParkedEntry[]> {
    return this.stmt.pending.all(limit).map((r) => ({ ...(JSON.parse(r.doc) as InboxEntry), version: r.version }));
  }

  async remove(entry: ParkedEntry): Promise<void> {
    this.stmt.remove.run(inboxKey(entry), entry.version);
  }
}
