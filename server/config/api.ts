/**
 * What the API process reads: the auth, http and logging sections with the store. `loadConfig` fails fast,
 * naming every bad variable, so a misconfigured deployment never starts half-working.
 */
import { z } from 'zod';
import { authConfigFrom, AuthEnvShape, type AuthConfig } from './auth';
import { ConfigError, configSection, frozen, LOG_LEVELS, logFormat, parseEnvFields, type LogFormat, type LogLevel } from './fields';
import { httpConfigFrom, HttpEnvShape, type HttpConfig } from './http';
import { storeConfigFrom, StoreEnvShape, type StoreConfig } from './store';

export { DEFAULT_JWKS_URL, DEFAULT_TOKEN_ISSUER } from './auth';

const { PORT, ...httpRest } = HttpEnvShape;
// In this order, so problems are listed as they always were: store, port, logging, auth, the rest of http.
const ApiEnvShape = { ...StoreEnvShape, PORT, LOG_LEVEL: z.enum(LOG_LEVELS).default('info'), CALSYNC_LOG_FORMAT: logFormat, ...AuthEnvShape, ...httpRest };

export interface ApiConfig extends HttpConfig {
  logLevel: LogLevel;
  /** Undefined: by whether stdout is a terminal (console-log.ts). */
  logFormat?: LogFormat;
  store: StoreConfig;
  auth: AuthConfig;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): ApiConfig {
  const { data, problems } = parseEnvFields(ApiEnvShape, env, 'value');
  // The store's cross-variable rule (cosmos needs an endpoint) is reported with the rest, not after a fix.
  const storeOk = !problems.some((p) => p.variable in StoreEnvShape);
  const store = storeOk ? configSection(problems, () => storeConfigFrom(data)) : undefined;
  if (problems.length > 0) throw new ConfigError(problems);
  const e = data as z.output<z.ZodObject<typeof ApiEnvShape>>;
  return frozen({ ...httpConfigFrom(e), logLevel: e.LOG_LEVEL, logFormat: e.CALSYNC_LOG_FORMAT, store: store as StoreConfig, auth: authConfigFrom(e) });
}
