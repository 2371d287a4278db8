/**
 * Environment variables parsed one at a time, so a bad value does not hide a missing one and every problem is
 * reported at once, each under its own variable. An empty value counts as unset (a blank line in an .env file).
 */
import type { z } from 'zod';
import { ConfigError } from '../env';

export interface ConfigProblem {
  variable: string;
  message: string;
}

export function parseEnvFields<T extends Record<string, z.ZodType>>(
  shape: T,
  env: NodeJS.ProcessEnv,
): { data: Partial<{ [K in keyof T]: z.output<T[K]> }>; problems: ConfigProblem[] } {
  const data: Record<string, unknown> = {};
  const problems: ConfigProblem[] = [];
  for (const [variable, schema] of Object.entries(shape)) {
    const raw = env[variable]?.trim() === '' ? undefined : env[variable];
    const parsed = schema.safeParse(raw);
    if (parsed.success) data[variable] = parsed.data;
    else problems.push(...parsed.error.issues.map((i) => ({ variable, message: i.message })));
  }
  return { data: data as Partial<{ [K in keyof T]: z.output<T[K]> }>, problems };
}

/**
 * Runs one section's loader (a whole config of its own); its ConfigError problems join `problems` instead of
 * stopping the check, so one start names every bad variable of every section.
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
