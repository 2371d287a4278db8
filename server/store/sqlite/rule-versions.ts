/** Rule-set versions in the embedded store (table: migration 5); see ../rule-versions.ts. One row per version. */
import type Database from 'better-sqlite3';
import type { RuleSet } from '../types';
import { summaryOf, versionSetOf, type RuleVersion, type RuleVersionRepository, type RuleVersionSummary } from '../rule-versions';

export const RULE_VERSIONS_DDL = `CREATE TABLE IF NOT EXISTS rule_versions (
  tenant_id TEXT NOT NULL,
  id TEXT NOT NULL,
  scope TEXT NOT NULL,
  owner_id TEXT NOT NULL DEFAULT '',
  summary TEXT NOT NULL,
  rules TEXT NOT NULL,
  PRIMARY KEY (tenant_id, id)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS rule_versions_by_set ON rule_versions (tenant_id, scope, owner_id, id);`;

const ownerOf = (set: RuleSet) => (set.scope === 'personal' ? set.ownerId : '');

export class SqliteRuleVersionRepository implements RuleVersionRepository {
  private readonly stmt;
  private readonly putAndPrune: (version: RuleVersion, keep: number) => void;

  constructor(db: Database.Database) {
    this.stmt = {
      insert: db.prepare('INSERT INTO rule_versions (tenant_id, id, scope, owner_id, summary, rules) VALUES (?, ?, ?, ?, ?, ?)'),
      list: db.prepare<[string, string, string], { summary: string }>(
        'SELECT summary FROM rule_versions WHERE tenant_id = ? AND scope = ? AND owner_id = ? ORDER BY id DESC',
      ),
      get: db.prepare<[string, string], { summary: string; rules: string }>('SELECT summary, rules FROM rule_versions WHERE tenant_id = ? AND id = ?'),
      // Everything of the set older than its newest `keep`.
      prune: db.prepare(
        `DELETE FROM rule_versions WHERE tenant_id = @tenantId AND scope = @scope AND owner_id = @ownerId AND id NOT IN (
           SELECT id FROM rule_versions WHERE tenant_id = @tenantId AND scope = @scope AND owner_id = @ownerId ORDER BY id DESC LIMIT @keep)`,
      ),
    };
    this.putAndPrune = db.transaction((version: RuleVersion, keep: number) => {
      const set = versionSetOf(version);
      this.stmt.insert.run(version.tenantId, version.id, version.scope, ownerOf(set), JSON.stringify(summaryOf(version)), JSON.stringify(version.rules));
      this.stmt.prune.run({ tenantId: set.tenantId, scope: set.scope, ownerId: ownerOf(set), keep });
    });
  }

  async put(version: RuleVersion, keep: number): Promise<void> {
    this.putAndPrune(version, keep);
  }

  async list(set: RuleSet): Promise<RuleVersionSummary[]> {
    return this.stmt.list.all(set.tenantId, set.scope, ownerOf(set)).map((r) => JSON.parse(r.summary) as RuleVersionSummary);
  }

  async get(tenantId: string, id: string): Promise<RuleVersion | undefined> {
    const row = this.stmt.get.get(tenantId, id);
    return row ? { ...(JSON.parse(row.summary) as RuleVersionSummary), rules: JSON.parse(row.rules) as RuleVersion['rules'] } : undefined;
  }
}
