/**
 * The http section: where the API listens and what it lets through. PORT, CALSYNC_ADDIN_ORIGIN (CORS),
 * CALSYNC_RATE_LIMIT_PER_MINUTE, CALSYNC_ADDIN_DIR, CALSYNC_NOTIFICATIONS_PER_MINUTE, CALSYNC_TRUST_PROXY, and the
 * overload limits: CALSYNC_REQUEST_DEADLINE_MS, CALSYNC_MAX_IN_FLIGHT, CALSYNC_MAX_EVENT_LOOP_DELAY_MS.
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
    ctx.addIssue({
      code: 'custom',
      message: 'expected a hop count (e.g. 1) or proxy addresses (unset = trust none); "true" would let any caller choose its address',
    });
    return;
  }
  const bad = value
    .split(',')
    .map((t) => t.trim())
    .filter((t) => !/^(loopback|linklocal|uniquelocal|[0-9a-f:.]+(\/\d{1,3})?)$/i.test(t));
  if (bad.length > 0)
    ctx.addIssue({ code: 'custom', message: `expected a hop count or IP addresses/subnets, got ${bad.map((b) => JSON.stringify(b)).join(', ')}` });
}

/** When the API answers 503 rather than queue (server/http/admission.ts, server/http/deadline.ts). */
export interface OverloadLimits {
  /** Every /api request is answered by then: its own answer, or 503 deadline_exceeded. */
  requestDeadlineMs: number;
  /** /api requests being worked on at once; one more is refused 503 overloaded. */
  maxInFlight: number;
  /**
   * Event-loop delay (p99 over the last second) above which new /api requests are refused 503 overloaded; 0 = off.
   * Off by default: where the sync, the demo's sandbox or a GC pause share the process, one long task would shed
   * a whole second of requests; set it where the API runs alone.
   */
  maxEventLoopDelayMs: number;
}

/**
 * The deadline sits well under what clients wait (browsers minutes, App Service's front end 230 s, a person far
 * less); the API's p99 is ~0.1–0.3 s on a quiet 2-core machine (docs/BENCHMARKS.md), so 5 s is queueing, not work.
 */
export const DEFAULT_OVERLOAD_LIMITS: OverloadLimits = { requestDeadlineMs: 5000, maxInFlight: 256, maxEventLoopDelayMs: 0 };

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
  CALSYNC_REQUEST_DEADLINE_MS: z.coerce.number().int().min(100).max(600_000).default(DEFAULT_OVERLOAD_LIMITS.requestDeadlineMs),
  CALSYNC_MAX_IN_FLIGHT: z.coerce.number().int().min(1).default(DEFAULT_OVERLOAD_LIMITS.maxInFlight),
  CALSYNC_MAX_EVENT_LOOP_DELAY_MS: z.coerce.number().int().min(0).default(DEFAULT_OVERLOAD_LIMITS.maxEventLoopDelayMs),
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
  overload: OverloadLimits;
}

export function httpConfigFrom(e: z.output<z.ZodObject<typeof HttpEnvShape>>): HttpConfig {
  return {
    port: e.PORT,
    addinOrigin: e.CALSYNC_ADDIN_ORIGIN?.replace(/\/$/, ''),
    addinDir: e.CALSYNC_ADDIN_DIR,
    rateLimit: { perMinute: e.CALSYNC_RATE_LIMIT_PER_MINUTE },
    notificationsPerMinute: e.CALSYNC_NOTIFICATIONS_PER_MINUTE,
    trustProxy: trustProxyFrom(e.CALSYNC_TRUST_PROXY),
    overload: {
      requestDeadlineMs: e.CALSYNC_REQUEST_DEADLINE_MS,
      maxInFlight: e.CALSYNC_MAX_IN_FLIGHT,
      maxEventLoopDelayMs: e.CALSYNC_MAX_EVENT_LOOP_DELAY_MS,
    },
  };
}

function trustProxyFrom(value: string | undefined): false | number | string[] {
  if (value === undefined) return false;
  if (/^\d+$/.test(value)) return Number(value);
  return value
    .split(',')
    .map((t) => t.trim())
    .filter(Boolean);
}
