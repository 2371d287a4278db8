/** Opens the configured store (config/store.ts says which): SQLite or Cosmos behind one contract. */
import type { Logger } from 'pino';
import type { StoreConfig } from '../config/store';
import { openCosmosStores, provisionCosmos, type CosmosRetryProfile } from './cosmos';
import { openSqliteStores } from './sqlite';
import type { Stores } from './types';

export interface OpenStoresOptions {
  /** Open what exists and create nothing (no file, database or container) — for checks. */
  existingOnly?: boolean;
  /** Cosmos throttling retries: 'api' (bounded, default) or 'worker' (the SDK's default). */
  retries?: CosmosRetryProfile;
  /** Cosmos: each request's charge at debug level. */
  logger?: Logger;
}

/**
 * Opens the configured store. Cosmos with an account key (emulator, local, dev) is provisioned first — the
 * infrastructure step; without a key (an Entra identity, production) it is only checked: infra/cosmos.json
 * creates it, and opening fails naming what is missing.
 */
export async function openStores(config: StoreConfig, options: OpenStoresOptions = {}): Promise<Stores> {
  const existingOnly = options.existingOnly ?? false;
  if (config.kind === 'sqlite') return openSqliteStores({ path: config.path, readOnly: existingOnly });
  if (config.key && !existingOnly) await provisionCosmos({ endpoint: config.endpoint, key: config.key, database: config.database });
  return openCosmosStores({
    endpoint: config.endpoint,
    key: config.key,
    database: config.database,
    retries: options.retries,
    logger: options.logger,
    ...(config.auditRetentionDays !== undefined ? { auditRetentionDays: config.auditRetentionDays } : {}),
  });
}
