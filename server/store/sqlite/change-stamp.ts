/**
 * The tenant's change stamp on SQLite (RuleRepository.changeStamp): a counter row per tenant, moved in the same
 * transaction as the rule or settings write it stands for, so stamp and documents never disagree.
 */
import type Database from 'better-sqlite3';

export const CHANGE_STAMPS_DDL = `CREATE TABLE change_stamps (
  tenant_id TEXT PRIMARY KEY,
  stamp INTEGER NOT NULL
) WITHOUT ROWID;`;

/** What a tenant never written reads as. */
const INITIAL_STAMP = '0';

export class SqliteChangeStamps {
  private readonly stmt;

  constructor(db: Database.Database) {
    this.stmt = {
      get: db.prepare<[string], { stamp: number }>('SELECT stamp FROM change_stamps WHERE tenant_id = ?'),
      // A tenant's first stamp is the clock in ms, not 1: a tenant offboarded (its row erased) and onboarded again must
      // not repeat a stamp a reader cached from before (sync/store-rules-loader.ts would serve the old rules).
      bump: db.prepare('INSERT INTO change_stamps (tenant_id, stamp) VALUES (?, ?) ON CONFLICT (tenant_id) DO UPDATE SET stamp = stamp + 1'),
    };
  }

  read(tenantId: string): string {
    const row = this.stmt.get.get(tenantId);
    return row ? String(row.stamp) : INITIAL_STAMP;
  }

  /** Call inside the write's transaction. */
  bump(tenantId: string): void {
    this.stmt.bump.run(tenantId, Date.now());
  }
}
