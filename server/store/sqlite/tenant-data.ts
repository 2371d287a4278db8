/** A tenant's rows in every embedded-store table but `tenants` (see ../tenant-data.ts). */
import type Database from 'better-sqlite3';
import type { TenantDataCounts, TenantDataStore } from '../tenant-data';

/** Each table and how its rows name their tenant. The inbox has no tenant column: its key starts with the tenant id. */
const TENANT_TABLES: Array<{ table: string; where: string; args?: (tenantId: string) => string[] }> = [
  { table: 'rules', where: 'tenant_id = ?' },
  { table: 'rule_versions', where: 'tenant_id = ?' },
  { table: 'settings', where: 'tenant_id = ?' },
  { table: 'change_stamps', where: 'tenant_id = ?' },
  { table: 'audit', where: 'tenant_id = ?' },
  { table: 'sync_state', where: 'tenant_id = ?' },
  { table: 'subscriptions', where: 'tenant_id = ?' },
  // inboxKey: `${tenantId}\n${mailbox}\n${kind}`; the range [tenant + '\n', tenant + '\u000b') is exactly that prefix.
  { table: 'notification_inbox', where: 'entry_key >= ? AND entry_key < ?', args: (t) => [`${t}\n`, `${t}\u000b`] },
];

export class SqliteTenantData implements TenantDataStore {
  private readonly counts;
  private readonly deletes;
  private readonly eraseAll: (tenantId: string) => TenantDataCounts;

  constructor(db: Database.Database) {
    const prepare = (verb: 'SELECT COUNT(*) AS n FROM' | 'DELETE FROM') =>
      TENANT_TABLES.map(({ table, where, args }) => ({ table, args: args ?? ((t: string) => [t]), stmt: db.prepare(`${verb} ${table} WHERE ${where}`) }));
    this.counts = prepare('SELECT COUNT(*) AS n FROM');
    this.deletes = prepare('DELETE FROM');
    // One transaction: the tenant's rows go together or not at all.
    this.eraseAll = db.transaction((tenantId: string) =>
      Object.fromEntries(this.deletes.map(({ table, args, stmt }) => [table, stmt.run(...args(tenantId)).changes])),
    );
  }

  async count(tenantId: string): Promise<TenantDataCounts> {
    return Object.fromEntries(this.counts.map(({ table, args, stmt }) => [table, (stmt.get(...args(tenantId)) as { n: number }).n]));
  }

  async erase(tenantId: string): Promise<TenantDataCounts> {
    return this.eraseAll(tenantId);
  }
}
