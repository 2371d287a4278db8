/**
 * The API's sections: auth (who may call), http (port, CORS, rate limits, proxies) and logging, with the store.
 * `loadConfig` fails fast, naming every bad variable, so a misconfigured deployment never starts half-working.
 */
import { z } from 'zod';
import { ConfigError, configSection, frozen, GUID, isLoopbackHost, LOG_LEVELS, optionalText, parseUrl, secureUrl, type LogLevel } from './fields';
import { loadStoreConfig, StoreEnvSchema, storeConfigFrom, type StoreConfig } from './store';

export const DEFAULT_JWKS_URL = 'https://login.microsoftonline.com/common/discovery/v2.0/keys';
export const DEFAULT_TOKEN_ISSUER = 'https://login.microsoftonline.com/{tid}/v2.0';

const originUrl = () =>
  z
    .string()
    .trim()
    .refine((s) => {
      const u = parseUrl(s);
      return (u?.protocol === 'https:' || u?.protocol === 'http:') && u.origin === s.replace(/\/$/, '');
    }, 'expected an origin like https://addin.example.com (scheme, host and port only)')
    // An http origin anyone on the path can impersonate would be let through CORS with the user's token.
    // An unparsable value is reported by the check above.
    .refine((s) => {
      const u = parseUrl(s);
      return u?.protocol !== 'http:' || isLoopbackHost(u.hostname);
    }, 'expected an https origin (http only on 127.0.0.1 / localhost)');

const SAMPLE_TID = '00000000-0000-0000-0000-000000000000';

/** An https issuer URL with `{tid}` (also allowed in the host, e.g. https://{tid}.ciamlogin.com/{tid}/v2.0). */
function issuerTemplate(value: string, ctx: z.RefinementCtx): void {
  if (!value.includes('{tid}')) ctx.addIssue({ code: 'custom', message: 'must contain the {tid} placeholder' });
  const url = parseUrl(value.replaceAll('{tid}', SAMPLE_TID));
  if (url?.protocol !== 'https:') ctx.addIssue({ code: 'custom', message: 'expected an https URL like https://login.microsoftonline.com/{tid}/v2.0' });
}

/** Entra tenant ids are GUIDs; anything else would only ever refuse every user with 403. */
function tenantList(value: string | undefined, ctx: z.RefinementCtx): void {
  if (value === undefined) return;
  const entries = value.split(',').map((t) => t.trim()).filter(Boolean);
  if (entries.length === 0) ctx.addIssue({ code: 'custom', message: 'lists no tenant ids (unset it to allow any tenant)' });
  const bad = entries.filter((t) => !GUID.test(t));
  if (bad.length > 0) ctx.addIssue({ code: 'custom', message: `expected tenant ids (GUIDs), got ${bad.map((b) => JSON.stringify(b)).join(', ')}` });
}

/**
 * Which proxies' X-Forwarded-For to believe: a hop count (Azure App Service / Front Door: 1 per front end), or
 * addresses/subnets (or Express's names: loopback, linklocal, uniquelocal). Never "true": then any caller could
 * choose the address the rate limits see.
 */
function trustProxyValue(value: string | undefined, ctx: z.RefinementCtx): void {
  if (value === undefined || /^\d{1,2}$/.test(value)) return;
  if (/^(true|false)$/i.test(value)) {
    ctx.addIssue({ code: 'custom', message: 'expected a hop count (e.g. 1) or proxy addresses (unset = trust none); "true" would let any caller choose its address' });
    return;
  }
  const bad = value.split(',').map((t) => t.trim()).filter((t) => !/^(loopback|linklocal|uniquelocal|[0-9a-f:.]+(\/\d{1,3})?)$/i.test(t));
  if (bad.length > 0) ctx.addIssue({ code: 'custom', message: `expected a hop count or IP addresses/subnets, got ${bad.map((b) => JSON.stringify(b)).join(', ')}` });
}

const EnvSchema = StoreEnvSchema.extend({
  // Digits only: Number() would read '' as 0, '0x50' as 80 and '1e3' as 1000.
  PORT: z
    .string()
    .trim()
    .regex(/^\d{1,5}$/, 'expected a port number 0–65535')
    .transform(Number)
    .refine((n) => n <= 65535, 'expected a port number 0–65535')
    .default(8080),
  LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
  CALSYNC_API_AUDIENCE: z.string().trim().min(1, 'required: the API application ID URI or client id'),
  CALSYNC_JWKS_URL: secureUrl().default(DEFAULT_JWKS_URL),
  CALSYNC_TOKEN_ISSUER: z.string().trim().default(DEFAULT_TOKEN_ISSUER).superRefine(issuerTemplate),
  CALSYNC_ALLOWED_TENANTS: optionalText.superRefine(tenantList),
  CALSYNC_ADDIN_ORIGIN: originUrl().optional(),
  CALSYNC_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(600),
  CALSYNC_ADDIN_DIR: optionalText,
  CALSYNC_NOTIFICATIONS_PER_MINUTE: z.coerce.number().int().min(1).default(600),
  CALSYNC_TRUST_PROXY: optionalText.superRefine(trustProxyValue),
});

export interface ApiConfig {
  port: number;
  logLevel: LogLevel;
  store: StoreConfig;
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
  /** Notification deliveries per client address per minute (`CALSYNC_NOTIFICATIONS_PER_MINUTE`). */
  notificationsPerMinute: number;
  /** `CALSYNC_TRUST_PROXY`: false (default), a hop count, or trusted proxy addresses. */
  trustProxy: false | number | string[];
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): ApiConfig {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => {
      const variable = String(i.path[0] ?? '?');
      // Blank counts as unset for a required variable; a blank PORT is just a bad value (it has a default).
      const unset = env[variable] === undefined || env[variable]?.trim() === '';
      const required = variable in EnvSchema.shape && !EnvSchema.shape[variable as keyof typeof EnvSchema.shape].safeParse(undefined).success;
      return { variable, message: unset && (required || env[variable] === undefined) ? 'is required' : i.message };
    });
    // The store's cross-variable rule (cosmos needs an endpoint) is reported with the rest, not after a fix.
    const storeProblems: ConfigError['problems'] = [];
    configSection(storeProblems, () => loadStoreConfig(env));
    for (const p of storeProblems) if (!problems.some((q) => q.variable === p.variable)) problems.push(p);
    throw new ConfigError(problems);
  }
  const e = parsed.data;
  const store = storeConfigFrom(e);
  const allowedTenants = e.CALSYNC_ALLOWED_TENANTS?.split(',')
    .map((t) => t.trim().toLowerCase())
    .filter(Boolean);
  return frozen({
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
    notificationsPerMinute: e.CALSYNC_NOTIFICATIONS_PER_MINUTE,
    trustProxy: trustProxyFrom(e.CALSYNC_TRUST_PROXY),
  });
}

function trustProxyFrom(value: string | undefined): false | number | string[] {
  if (value === undefined) return false;
  if (/^\d+$/.test(value)) return Number(value);
  return value.split(',').map((t) => t.trim()).filter(Boolean);
}
