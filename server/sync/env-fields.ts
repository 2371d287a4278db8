/**
 * Environment variables parsed one at a time, so a bad value does not hide a missing one and every problem is
 * reported at once, each under its own variable. An empty value counts as unset (a blank line in an .env file).
 */
import type { z } from 'zod';

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
