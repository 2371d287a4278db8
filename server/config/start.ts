/**
 * What `npm start` runs. Without configuration: the local demo. Once configured — in the environment or in a
 * `.env` file — the service itself: the API with the sync in its process and the built add-in beside it.
 * CALSYNC_MODE=demo|service says so explicitly. Read before any other section: `.env` may set them.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseEnv } from 'node:util';
import { ConfigError } from './fields';

export type StartMode = 'demo' | 'service';

/** Variables only a real deployment sets: any of them means "run for real". */
const SERVICE_MARKERS = ['CALSYNC_API_AUDIENCE', 'CALSYNC_TENANT_ID', 'CALSYNC_CLIENT_ID', 'COSMOS_ENDPOINT', 'CALSYNC_QUEUE_CONNECTION_STRING'];

/**
 * Loads `.env` (or CALSYNC_ENV_FILE) into `env` without overriding what is already set: the environment wins,
 * as with every .env loader people know. Returns the file read, if any.
 */
export function loadDotEnv(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): string | undefined {
  const file = resolve(cwd, env.CALSYNC_ENV_FILE ?? '.env');
  if (!existsSync(file)) {
    if (env.CALSYNC_ENV_FILE) throw new ConfigError([{ variable: 'CALSYNC_ENV_FILE', message: `${file} does not exist` }]);
    return undefined;
  }
  // Node's own .env parser (20.12+).
  const parsed = parseEnv(readFileSync(file, 'utf8'));
  for (const [k, v] of Object.entries(parsed)) if (env[k] === undefined && v !== undefined) env[k] = v;
  return file;
}

export function startMode(env: NodeJS.ProcessEnv): StartMode {
  const explicit = env.CALSYNC_MODE?.trim().toLowerCase();
  if (explicit === 'demo' || explicit === 'service') return explicit;
  if (explicit) throw new ConfigError([{ variable: 'CALSYNC_MODE', message: `expected demo or service, got "${env.CALSYNC_MODE}"` }]);
  return SERVICE_MARKERS.some((v) => (env[v] ?? '').trim() !== '') ? 'service' : 'demo';
}

/** The service's start defaults: the sync on, the built add-in served when there is one. Set values win. */
export function serviceDefaults(env: NodeJS.ProcessEnv, root: string): void {
  env.CALSYNC_SYNC ??= 'on';
  const built = resolve(root, 'addin/dist');
  if (env.CALSYNC_ADDIN_DIR === undefined && existsSync(resolve(built, 'taskpane/taskpane.html'))) env.CALSYNC_ADDIN_DIR = built;
}
