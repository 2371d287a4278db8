/** Graph subscriptions in the embedded store (table: migration 3); one row per (tenant, mailbox). */
import type Database from 'better-sqlite3';
import type { MailboxSubscription, SubscriptionStore } from '../subscriptions';

export const SUBSCRIPTIONS_DDL = `CREATE TABLE IF NOT EXISTS subscriptions (
  subscription_id TEXT PRIMARY KEY,
  tenant_id TEXT NOT NULL,
  mailbox_key TEXT NOT NULL,
  expires_at INTEGER NOT NULL,
  doc TEXT NOT NULL
) WITHOUT ROWID;
CREATE UNIQUE INDEX IF NOT EXISTS subscriptions_by_mailbox ON subscriptions (tenant_id, mailbox_key);
CREATE INDEX IF NOT EXISTS subscriptions_by_expiry ON subscriptions (expires_at);`;

interface Row {
  doc: string;
}

const parse = (row: Row | undefined): MailboxSubscription | undefined => (row ? (JSON.parse(row.doc) as MailboxSubscription) : undefined);

export class SqliteSubscriptionStore implements SubscriptionStore {
  private readonly stmt;
  private readonly replace: (s: MailboxSubscription) => void;

  constructor(db: Database.Database) {
    db.exec(SUBSCRIPTIONS_DDL); // a no-op once migrated; lets the repository stand alone in its tests
    this.stmt = {
      byId: db.prepare<[string, string], Row>('SELECT doc FROM subscriptions WHERE tenant_id = ? AND subscription_id = ?'),
      forMailbox: db.prepare<[string, string], Row>('SELECT doc FROM subscriptions WHERE tenant_id = ? AND mailbox_key = ?'),
      forTenant: db.prepare<[string], Row>('SELECT doc FROM subscriptions WHERE tenant_id = ? ORDER BY mailbox_key'),
      expiring: db.prepare<[number], Row>('SELECT doc FROM subscriptions WHERE expires_at < ? ORDER BY expires_at'),
      deleteMailbox: db.prepare('DELETE FROM subscriptions WHERE tenant_id = ? AND mailbox_key = ?'),
      insert: db.prepare('INSERT OR REPLACE INTO subscriptions (subscription_id, tenant_id, mailbox_key, expires_at, doc) VALUES (?, ?, ?, ?, ?)'),
      delete: db.prepare('DELETE FROM subscriptions WHERE tenant_id = ? AND subscription_id = ?'),
    };
    this.replace = db.transaction((s: MailboxSubscription) => {
      const mailboxKey = s.mailboxId.toLowerCase();
      this.stmt.deleteMailbox.run(s.tenantId, mailboxKey);
      this.stmt.insert.run(s.subscriptionId, s.tenantId, mailboxKey, Date.parse(s.expiresAt), JSON.stringify(s));
    });
  }

  async bySubscriptionId(tenantId: string, subscriptionId: string): Promise<MailboxSubscription | undefined> {
    return parse(this.stmt.byId.get(tenantId, subscriptionId));
  }

  async forMailbox(tenantId: string, mailboxId: string): Promise<MailboxSubscription | undefined> {
    return parse(this.stmt.forMailbox.get(tenantId, mailboxId.toLowerCase()));
  }

  async forTenant(tenantId: string): Promise<MailboxSubscription[]> {
    return this.stmt.forTenant.all(tenantId).map((r) => JSON.parse(r.doc) as MailboxSubscription);
  }

  async expiringBefore(before: Date): Promise<MailboxSubscription[]> {
    return this.stmt.expiring.all(before.getTime()).map((r) => JSON.parse(r.doc) as MailboxSubscription);
  }

  async put(subscription: MailboxSubscription): Promise<void> {
    this.replace({ ...subscription });
  }

  async delete(tenantId: string, subscriptionId: string): Promise<void> {
    this.stmt.delete.run(tenantId, subscriptionId);
  }
}
