/**
 * The store the API uses, from the same variables (CALSYNC_STORE, CALSYNC_SQLITE_PATH, COSMOS_*), without the
 * API's own required settings (audience, issuer): admin tooling needs only the store.
 */
import { z } from 'zod';
import { ConfigError } from '../config';
import { openCosmosStores, openSqliteStores, type Stores } from '../store';

const StoreEnvSchema = z.object({
  CALSYNC_STORE: z.enum(['sqlite', 'cosmos'], { message: 'expected sqlite or cosmos' }).default('sqlite'),
  CALSYNC_SQLITE_PATH: z.string().trim().min(1).default('./data/calsync.db'),
  COSMOS_ENDPOINT: z
    .string()
    .trim()
    .refine((s) => {
      try {
        return new URL(s).protocol === 'https:';
      } catch {
        return false;
      }
    }, 'expected an https URL')
    .optional(),
  COSMOS_KEY: z.string().trim().optional(),
  COSMOS_DATABASE: z.string().trim().min(1).default('calsync'),
});

export async function openStoresFromEnv(env: NodeJS.ProcessEnv): Promise<Stores> {
  const input = Object.fromEntries(Object.keys(StoreEnvSchema.shape).map((k) => [k, env[k] === '' ? undefined : env[k]]));
  const parsed = StoreEnvSchema.safeParse(input);
  if (!parsed.success) throw new ConfigError(parsed.error.issues.map((i) => ({ variable: String(i.path[0] ?? '?'), message: i.message })));
  const e = parsed.data;
  if (e.CALSYNC_STORE === 'cosmos') {
    if (!e.COSMOS_ENDPOINT) throw new ConfigError([{ variable: 'COSMOS_ENDPOINT', message: 'required when CALSYNC_STORE=cosmos' }]);
    return openCosmosStores({ endpoint: e.COSMOS_ENDPOINT, key: e.COSMOS_KEY || undefined, database: e.COSMOS_DATABASE });
  }
  return openSqliteStores({ path: e.CALSYNC_SQLITE_PATH });
}
