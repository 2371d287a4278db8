/** Opens the configured store (config/store.ts says which): SQLite or Cosmos behind one contract. */
import type { StoreConfig } from '../config/store';
import { openCosmosStores } from './cosmos';
import { openSqliteStores } from './sqlite';
import type { Stores } from './types';

/** `existingOnly`: open what exists and create nothing (no file, database or container) — for checks. */
export async function openStores(config: StoreConfig, options: { existingOnly?: boolean } = {}): Promise<Stores> {
  const existingOnly = options.existingOnly ?? false;
  return config.kind === 'cosmos'
    ? openCosmosStores({
        endpoint: config.endpoint,
        key: config.key,
        database: config.database,
        createIfMissing: !existingOnly,
        ...(config.auditRetentionDays !== undefined ? { auditRetentionDays: config.auditRetentionDays } : {}),
      })
    : openSqliteStores({ path: config.path, readOnly: existingOnly });
}
