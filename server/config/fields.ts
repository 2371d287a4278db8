/**
 * What every configuration section shares: the error that names each bad variable, the field-by-field parse that
 * reports them all at once, and the value checks (GUIDs, https URLs, whole numbers, log levels) written once.
 */
import { z } from 'zod';
import { GUID } from '../../shared/guid';

export interface ConfigProblem {
  variable: string;
  message: string;
}

export class ConfigError extends Error {
  constructor(readonly problems: ConfigProblem[]) {
    super(`invalid configuration: ${problems.map((p) => `${p.variable}: ${p.message}`).join('; ')}`);
    this.name = 'ConfigError';
  }
}

/** A trimmed string; empty counts as unset. */
export const optionalText = z
  .string()
  .trim()
  .transform((s) => (s === '' ? undefined : s))
  .optional();

/** Entra tenant ids, app ids and Graph subscription ids are GUIDs. */
export { GUID };

/** An optional GUID variable; `message` says which GUID (people confuse a tenant's domain with its id). */
export const optionalGuid = (message: string) => optionalText.refine((s) => s === undefined || GUID.test(s), message);

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** A URL hostname on the loopback interface. */
export const isLoopbackHost = (hostname: string): boolean => LOOPBACK.has(hostname);

/** `value` parsed as a URL, or undefined when it is not one. */
export function parseUrl(value: string): URL | undefined {
  try {
    return new URL(value);
  } catch {
    return undefined;
  }
}

/** An https URL; plain http only on the loopback interface (local emulators and test issuers). */
export const secureUrl = () =>
  z
    .string()
    .trim()
    .refine((s) => {
      const u = parseUrl(s);
      return u?.protocol === 'https:' || (u?.protocol === 'http:' && isLoopbackHost(u.hostname));
    }, 'expected an https URL (http only on 127.0.0.1 / localhost)');

/** An https URL, loopback included (bearer tokens never travel over plain http); `message` names the expected one. */
export const httpsUrl = (message = 'expected an https URL') =>
  z
    .string()
    .trim()
    .refine((s) => parseUrl(s)?.protocol === 'https:', message);

/** A whole number in [min, max]; each failure says which bound, never echoing the value. */
export const wholeNumber = (unit: string, min: number, max: number, fallback: number) =>
  z.coerce
    .number({ message: `expected a whole number of ${unit}` })
    .int(`expected a whole number of ${unit}`)
    .min(min, `expected at least ${min}`)
    .max(max, `expected at most ${max}`)
    .default(fallback);

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];
export const logLevel = (message?: string) => z.enum(LOG_LEVELS, message ? { message } : undefined).default('info');

/**
 * CALSYNC_LOG_FORMAT: `json` for log collectors, `lines` for a person; unset (or blank), the console logger picks by
 * whether stdout is a terminal.
 */
export const LOG_FORMATS = ['json', 'lines'] as const;
export type LogFormat = (typeof LOG_FORMATS)[number];
export const logFormat = z
  .string()
  .trim()
  .toLowerCase()
  .transform((s) => (s === '' ? undefined : s))
  .refine((s) => s === undefined || (LOG_FORMATS as readonly string[]).includes(s), {
    error: (issue) => `expected json or lines, got "${String(issue.input)}"`,
  })
  .optional() as z.ZodType<LogFormat | undefined>;

/**
 * Variables parsed one at a time, so a bad value does not hide a missing one and every problem is reported at once,
 * each under its own variable. A required variable unset (or blank) is "is required". `blank`: whether an empty
 * value counts as unset (a blank line in an .env file; the sync's sections) or is checked as a value (the API's
 * and the store's: `PORT=` is an error, not port 8080).
 */
export function parseEnvFields<T extends Record<string, z.ZodType>>(
  shape: T,
  env: NodeJS.ProcessEnv,
  blank: 'unset' | 'value' = 'unset',
): { data: Partial<{ [K in keyof T]: z.output<T[K]> }>; problems: ConfigProblem[] } {
  const data: Record<string, unknown> = {};
  const problems: ConfigProblem[] = [];
  for (const [variable, schema] of Object.entries(shape)) {
    const value = env[variable];
    const isBlank = value?.trim() === '';
    const parsed = schema.safeParse(isBlank && blank === 'unset' ? undefined : value);
    if (parsed.success) data[variable] = parsed.data;
    else if ((value === undefined || isBlank) && !schema.safeParse(undefined).success) problems.push({ variable, message: 'is required' });
    else problems.push(...parsed.error.issues.map((i) => ({ variable, message: i.message })));
  }
  return { data: data as Partial<{ [K in keyof T]: z.output<T[K]> }>, problems };
}

/**
 * Runs one section's loader; its ConfigError problems join `problems` instead of stopping the check, so one start
 * names every bad variable of every section.
 */
export function configSection<T>(problems: ConfigProblem[], load: () => T): T | undefined {
  try {
    return load();
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    problems.push(...err.problems);
    return undefined;
  }
}

/** Deeply frozen: a configuration is read once per process and never changed after. */
export function frozen<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    for (const inner of Object.values(value)) frozen(inner);
    Object.freeze(value);
  }
  return value;
}
