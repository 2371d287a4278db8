/**
 * The http section: where the API listens and what it lets through. PORT, CALSYNC_ADDIN_ORIGIN (CORS),
 * CALSYNC_RATE_LIMIT_PER_MINUTE, CALSYNC_ADDIN_DIR, CALSYNC_NOTIFICATIONS_PER_MINUTE, CALSYNC_TRUST_PROXY.
 */
import { z } from 'zod';
import { isLoopbackHost, optionalText, parseUrl } from './fields';

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

export const HttpEnvShape = {
  // Digits only: Number() would read '' as 0, '0x50' as 80 and '1e3' as 1000.
  PORT: z
    .string()
    .trim()
    .regex(/^\d{1,5}$/, 'expected a port number 0–65535')
    .transform(Number)
    .refine((n) => n <= 65535, 'expected a port number 0–65535')
    .default(8080),
  CALSYNC_ADDIN_ORIGIN: originUrl().optional(),
  CALSYNC_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(600),
  CALSYNC_ADDIN_DIR: optionalText,
  CALSYNC_NOTIFICATIONS_PER_MINUTE: z.coerce.number().int().min(1).default(600),
  CALSYNC_TRUST_PROXY: optionalText.superRefine(trustProxyValue),
};

export interface HttpConfig {
  port: number;
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

export function httpConfigFrom(e: z.output<z.ZodObject<typeof HttpEnvShape>>): HttpConfig {
  return {
    port: e.PORT,
    addinOrigin: e.CALSYNC_ADDIN_ORIGIN?.replace(/\/$/, ''),
    addinDir: e.CALSYNC_ADDIN_DIR,
    rateLimit: { perMinute: e.CALSYNC_RATE_LIMIT_PER_MINUTE },
    notificationsPerMinute: e.CALSYNC_NOTIFICATIONS_PER_MINUTE,
    trustProxy: trustProxyFrom(e.CALSYNC_TRUST_PROXY),
  };
}

function trustProxyFrom(value: string | undefined): false | number | string[] {
  if (value === undefined) return false;
  if (/^\d+$/.test(value)) return Number(value);
  return value.split(',').map((t) => t.trim()).filter(Boolean);
}
