/**
 * Typed service configuration from the environment. `loadConfig` fails fast, naming every bad variable,
 * so a misconfigured deployment never starts half-working.
 */
import { z } from 'zod';

export const DEFAULT_JWKS_URL = 'https://login.microsoftonline.com/common/discovery/v2.0/keys';
export const DEFAULT_TOKEN_ISSUER = 'https://login.microsoftonline.com/{tid}/v2.0';

const optionalText = z
  .string()
  .trim()
  .transform((s) => (s === '' ? undefined : s))
  .optional();

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** An https URL; plain http only on the loopback interface (local emulators and test issuers). */
const secureUrl = () =>
  z
    .string()
    .trim()
    .refine((s) => {
      try {
        const u = new URL(s);
        return u.protocol === 'https:' || (u.protocol === 'http:' && LOOPBACK.has(u.hostname));
      } catch {
        return false;
      }
    }, 'expected an https URL (http only on 127.0.0.1 / localhost)');

const originUrl = () =>
  z
    .string()
    .trim()
    .refine((s) => {
      try {
        const u = new URL(s);
        return (u.protocol === 'https:' || u.protocol === 'http:') && u.origin === s.replace(/\/$/, '');
      } catch {
        return false;
      }
    }, 'expected an origin like https://addin.example.com (scheme, host and port only)');

const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  CALSYNC_STORE: z.enum(['sqlite', 'cosmos']).default('sqlite'),
  CALSYNC_SQLITE_PATH: z.string().trim().min(1).default('./data/calsync.db'),
  COSMOS_ENDPOINT: secureUrl().optional(),
  COSMOS_KEY: optionalText,
  COSMOS_DATABASE: z.string().trim().min(1).default('calsync'),
  CALSYNC_API_AUDIENCE: z.string().trim().min(1, 'required: the API application ID URI or client id'),
  CALSYNC_JWKS_URL: secureUrl().default(DEFAULT_JWKS_URL),
  CALSYNC_TOKEN_ISSUER: z
    .string()
    .trim()
    .default(DEFAULT_TOKEN_ISSUER)
    .refine((s) => s.includes('{tid}'), 'must contain the {tid} placeholder'),
  CALSYNC_ALLOWED_TENANTS: optionalText,
  CALSYNC_ADDIN_ORIGIN: originUrl().optional(),
  CALSYNC_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(600),
  CALSYNC_ADDIN_DIR: optionalText,
});

export interface Config {
  port: number;
  logLevel: z.infer<typeof EnvSchema>['LOG_LEVEL'];
  store: { kind: 'sqlite'; path: string } | { kind: 'cosmos'; endpoint: string; key?: string; database: string };
  auth: {
    audience: string;
    jwksUrl: string;
    issuerTemplate: string;
    /** Lower-cased tenant ids; undefined = any tenant. */
    allowedTenants?: string[];
  };
  /** CORS is enabled for this origin only; undefined = no CORS at all. */
  addinOrigin?: string;
  /** Built add-in to serve beside the API (`CALSYNC_ADDIN_DIR`); undefined = the API alone. */
  addinDir?: string;
  rateLimit: { perMinute: number };
}

export class ConfigError extends Error {
  constructor(readonly problems: { variable: string; message: string }[]) {
    super(`invalid configuration: ${problems.map((p) => `${p.variable}: ${p.message}`).join('; ')}`);
    this.name = 'ConfigError';
  }
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((i) => {
        const variable = String(i.path[0] ?? '?');
        const missing = env[variable] === undefined || env[variable] === '';
        return { variable, message: missing ? 'is required' : i.message };
      }),
    );
  }
  const e = parsed.data;
  let store: Config['store'];
  if (e.CALSYNC_STORE === 'cosmos') {
    if (!e.COSMOS_ENDPOINT) throw new ConfigError([{ variable: 'COSMOS_ENDPOINT', message: 'required when CALSYNC_STORE=cosmos' }]);
    store = { kind: 'cosmos', endpoint: e.COSMOS_ENDPOINT, key: e.COSMOS_KEY, database: e.COSMOS_DATABASE };
  } else {
    store = { kind: 'sqlite', path: e.CALSYNC_SQLITE_PATH };
  }
  const allowedTenants = e.CALSYNC_ALLOWED_TENANTS?.split(',')
    .map((t) => t.trim().toLowerCase())
    .filter(Boolean);
  return {
    port: e.PORT,
    logLevel: e.LOG_LEVEL,
    store,
    auth: {
      audience: e.CALSYNC_API_AUDIENCE,
      jwksUrl: e.CALSYNC_JWKS_URL,
      issuerTemplate: e.CALSYNC_TOKEN_ISSUER,
      allowedTenants: allowedTenants && allowedTenants.length > 0 ? allowedTenants : undefined,
    },
    addinOrigin: e.CALSYNC_ADDIN_ORIGIN?.replace(/\/$/, ''),
    addinDir: e.CALSYNC_ADDIN_DIR,
    rateLimit: { perMinute: e.CALSYNC_RATE_LIMIT_PER_MINUTE },
  };
}
