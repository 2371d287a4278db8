/** A temp SQLite store for the rules commands (they need no Graph), and the env pointing at it. */
import type { Rule } from '../../../shared';
import { openSqliteStores } from '../../../server/store/sqlite';
import type { StoredRule } from '../../../server/store/types';
import type { TempDir } from '../../support/sqlite';

export const TENANT = 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee';

export interface RulesStore {
  temp: TempDir;
  env: NodeJS.ProcessEnv;
  seed(rules: Rule[], ownerId?: string): Promise<void>;
  list(scope: 'org' | 'personal', ownerId?: string): Promise<StoredRule[]>;
}

export function rulesStore(temp: TempDir, name: string): RulesStore {
  const dbPath = temp.dbPath(name);
  const withStores = async <T>(fn: (s: ReturnType<typeof openSqliteStores>) => Promise<T>): Promise<T> => {
    const stores = openSqliteStores({ path: dbPath });
    try {
      return await fn(stores);
    } finally {
      await stores.close();
    }
  };
  return {
    temp,
    env: { CALSYNC_TENANT_ID: TENANT, CALSYNC_SQLITE_PATH: dbPath },
    seed: (rules, ownerId) =>
      withStores(async (stores) => {
        const at = new Date().toISOString();
        for (const r of rules) {
          await stores.rules.create({
            ...r,
            scope: ownerId ? 'personal' : 'org',
            tenantId: TENANT,
            ownerId: ownerId ?? null,
            createdAt: at,
            createdBy: 'test',
            updatedAt: at,
            updatedBy: 'test',
          });
        }
      }),
    list: (scope, ownerId) =>
      withStores((stores) => stores.rules.listAll(scope === 'org' ? { tenantId: TENANT, scope } : { tenantId: TENANT, scope, ownerId: ownerId as string })),
  };
}

/** The rule documents alone (what an export carries), in order. */
export const documents = (rules: StoredRule[]): Rule[] =>
  rules.map(({ id, name, scope, enabled, order, when, then }) => ({ id, name, scope, enabled, order, when, then }));
