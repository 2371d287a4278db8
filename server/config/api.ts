/**
 * What the API process reads: the auth, http and logging sections with the store. `loadConfig` fails fast,
 * naming every bad variable, so a misconfigured deployment never starts half-working.
 */
import { z } from 'zod';
import { authConfigFrom, AuthEnvShape, type AuthConfig } from './auth';
import { ConfigError, configSection, frozen, LOG_LEVELS, type ConfigProblem, type LogLevel } from './fields';
import { httpConfigFrom, HttpEnvShape, type HttpConfig } from './http';
import { loadStoreConfig, StoreEnvSchema, storeConfigFrom, type StoreConfig } from './store';

export { DEFAULT_JWKS_URL, DEFAULT_TOKEN_ISSUER } from './auth';

const { PORT, ...httpRest } = HttpEnvShape;
// In this order, so problems are listed as they always were: port, logging, auth, the rest of http.
const EnvSchema = StoreEnvSchema.extend({ PORT, LOG_LEVEL: z.enum(LOG_LEVELS).default('info'), ...AuthEnvShape, ...httpRest });

export interface ApiConfig extends HttpConfig {
  logLevel: LogLevel;
  store: StoreConfig;
  auth: AuthConfig;
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
    const storeProblems: ConfigProblem[] = [];
    configSection(storeProblems, () => loadStoreConfig(env));
    for (const p of storeProblems) if (!problems.some((q) => q.variable === p.variable)) problems.push(p);
    throw new ConfigError(problems);
  }
  const e = parsed.data;
  return frozen({ ...httpConfigFrom(e), logLevel: e.LOG_LEVEL, store: storeConfigFrom(e), auth: authConfigFrom(e) });
}
