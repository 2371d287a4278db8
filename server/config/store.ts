/**
 * The store section: which store to open, from the same variables wherever CalSync runs (the API, the CLI,
 * workers): CALSYNC_STORE, CALSYNC_SQLITE_PATH, COSMOS_ENDPOINT, COSMOS_KEY (absent → DefaultAzureCredential),
 * COSMOS_DATABASE, CALSYNC_AUDIT_RETENTION_DAYS (Cosmos: audit entries expire by TTL after that many days). A new variable is one line in the schema and one in `storeConfigFrom`.
 */
import { z } from 'zod';
import { ConfigError, frozen, optionalText, parseEnvFields, secureUrl } from './fields';

/** Audit retention when CALSYNC_AUDIT_RETENTION_DAYS is not set: a year and a month, so a yearly review finds a full year. */
export const DEFAULT_AUDIT_RETENTION_DAYS = 400;

export const StoreEnvShape = {
  CALSYNC_STORE: z.enum(['sqlite', 'cosmos'], { message: 'expected sqlite or cosmos' }).default('sqlite'),
  CALSYNC_SQLITE_PATH: z.string().trim().min(1).default('./data/calsync.db'),
  COSMOS_ENDPOINT: secureUrl().optional(),
  COSMOS_KEY: optionalText,
  COSMOS_DATABASE: z.string().trim().min(1).default('calsync'),
  CALSYNC_AUDIT_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(DEFAULT_AUDIT_RETENTION_DAYS),
};

export type StoreConfig = { kind: 'sqlite'; path: string } | { kind: 'cosmos'; endpoint: string; key?: string; database: string; auditRetentionDays?: number };

export function storeConfigFrom(e: Partial<z.output<z.ZodObject<typeof StoreEnvShape>>>): StoreConfig {
  if (e.CALSYNC_STORE === 'sqlite') return { kind: 'sqlite', path: e.CALSYNC_SQLITE_PATH as string };
  if (!e.COSMOS_ENDPOINT) throw new ConfigError([{ variable: 'COSMOS_ENDPOINT', message: 'required when CALSYNC_STORE=cosmos' }]);
  return {
    kind: 'cosmos',
    endpoint: e.COSMOS_ENDPOINT,
    key: e.COSMOS_KEY,
    database: e.COSMOS_DATABASE as string,
    ...(e.CALSYNC_AUDIT_RETENTION_DAYS !== undefined ? { auditRetentionDays: e.CALSYNC_AUDIT_RETENTION_DAYS } : {}),
  };
}

/** The store variables alone, every problem named (for processes and tools that read no API config). */
export function loadStoreConfig(env: NodeJS.ProcessEnv): StoreConfig {
  const { data, problems } = parseEnvFields(StoreEnvShape, env, 'value');
  if (problems.length > 0) throw new ConfigError(problems);
  return frozen(storeConfigFrom(data));
}

/** Where a store lives, for people: the SQLite file or the Cosmos account and database (no key). */
export function describeStore(config: StoreConfig): string {
  return config.kind === 'sqlite' ? config.path : `${config.endpoint} database ${config.database}`;
}
