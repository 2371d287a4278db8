/**
 * The embedded store: one SQLite file (better-sqlite3, WAL). Each repository owns its table; the schema
 * version lives in `PRAGMA user_version`; each later table is one more migration step.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Stores } from '../types';
import { SqliteRuleRepository } from './rules';
import { SqliteSettingsRepository } from './settings';
import { SqliteAuditRepository } from './audit';
import { SqliteSyncStateRepository, SYNC_STATE_DDL } from './sync-state';
import { SqliteSubscriptionStore, SUBSCRIPTIONS_DDL } from './subscriptions';
import { NOTIFICATION_INBOX_DDL, SqliteNotificationInbox } from './notification-inbox';
import { RULE_VERSIONS_DDL, SqliteRuleVersionRepository } from './rule-versions';
import { CHANGE_STAMPS_DDL, SqliteChangeStamps } from './change-stamp';
import { SqliteTenantData } from './tenant-data';
import { SqliteTenantRepository, TENANTS_DDL } from './tenants';

export type SqliteDb = Database.Database;

const MIGRATIONS: string[] = [
  `CREATE TABLE rules (
     tenant_id TEXT NOT NULL,
     id TEXT NOT NULL,
     scope TEXT NOT NULL,
     owner_id TEXT NOT NULL DEFAULT '',
     sort_key TEXT NOT NULL,
     doc TEXT NOT NULL,
     etag TEXT NOT NULL,
     PRIMARY KEY (tenant_id, id)
   ) WITHOUT ROWID;
   CREATE INDEX rules_by_set ON rules (tenant_id, scope, owner_id, sort_key);
   CREATE TABLE settings (
     tenant_id TEXT PRIMARY KEY,
     doc TEXT NOT NULL,
     etag TEXT NOT NULL
   ) WITHOUT ROWID;
   CREATE TABLE audit (
     tenant_id TEXT NOT NULL,
     key TEXT NOT NULL,
     scope TEXT NOT NULL,
     owner_id TEXT NOT NULL DEFAULT '',
     doc TEXT NOT NULL,
     PRIMARY KEY (tenant_id, key)
   ) WITHOUT ROWID;`,
  SYNC_STATE_DDL,
  SUBSCRIPTIONS_DDL,
  NOTIFICATION_INBOX_DDL,
  RULE_VERSIONS_DDL,
  CHANGE_STAMPS_DDL,
  TENANTS_DDL,
];

export function migrate(db: SqliteDb): void {
  const version = db.pragma('user_version', { simple: true }) as number;
  for (let v = version; v < MIGRATIONS.length; v++) {
    db.transaction(() => {
      db.exec(MIGRATIONS[v]!);
      db.pragma(`user_version = ${v + 1}`);
    })();
  }
}

export interface SqliteStoreOptions {
  /** File path; ':memory:' for a throwaway database. */
  path: string;
  /**
   * Open an existing store for reading only (`calsync doctor`): no directory, file, schema or journal-mode change;
   * a missing file or an older schema is an error instead.
   */
  readOnly?: boolean;
}

export function openSqliteStores(options: SqliteStoreOptions): Stores {
  if (options.readOnly) return repositories(openExistingReadOnly(options.path));
  if (options.path !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(options.path)), { recursive: true });
  const db = new Database(options.path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 5000');
  migrate(db);
  return repositories(db);
}

function openExistingReadOnly(file: string): SqliteDb {
  if (!fs.existsSync(file)) throw new Error(`${file} does not exist`);
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version < MIGRATIONS.length)
      throw new Error(`${file} has schema version ${version}, this CalSync needs ${MIGRATIONS.length} (the API or a worker upgrades it at start)`);
    return db;
  } catch (err) {
    db.close();
    throw err;
  }
}

function repositories(db: SqliteDb): Stores {
  const ping = db.prepare('SELECT 1');
  const stamps = new SqliteChangeStamps(db);
  const syncState = new SqliteSyncStateRepository(db);
  return {
    kind: 'sqlite',
    rules: new SqliteRuleRepository(db, stamps),
    ruleVersions: new SqliteRuleVersionRepository(db),
    settings: new SqliteSettingsRepository(db, stamps),
    audit: new SqliteAuditRepository(db),
    syncState,
    syncRounds: syncState,
    subscriptions: new SqliteSubscriptionStore(db),
    notificationInbox: new SqliteNotificationInbox(db),
    tenants: new SqliteTenantRepository(db),
    tenantData: new SqliteTenantData(db),
    async ping() {
      ping.get();
    },
    async close() {
      if (db.open) db.close();
    },
  };
}
