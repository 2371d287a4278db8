/**
 * The demo section: port, data directory and logging, from the environment for `npm start`, or passed
 * in by `calsync start`. And the one thing it refuses: to run where NODE_ENV is anything but a development value — the demo signs
 * anyone in as an admin, which must never happen next to real data.
 */
import { resolve } from 'node:path';
import { z } from 'zod';
import { ConfigError, frozen, LOG_LEVELS, logFormat, logLevel, optionalText, parseEnvFields, type LogFormat, type LogLevel } from './fields';

export const DEFAULT_DEMO_PORT = 3000;

/** Refused outright: exit code 2 from the command line. */
export class DemoRefusedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DemoRefusedError';
  }
}

/**
 * NODE_ENV values that say "not a deployment"; unset or blank counts as development too. An allow-list: `prod`,
 * `staging`, `Production ` or any spelling nobody foresaw is refused, as `production` is.
 */
export const DEVELOPMENT_NODE_ENVS = ['development', 'dev', 'test', 'local'] as const;

export function assertDemoAllowed(env: NodeJS.ProcessEnv): void {
  const value = env.NODE_ENV?.trim().toLowerCase() ?? '';
  if (value !== '' && !(DEVELOPMENT_NODE_ENVS as readonly string[]).includes(value)) {
    throw new DemoRefusedError(
      `refusing to start the local demo with NODE_ENV=${value}: it signs anyone in as a CalSync admin against a sandbox, ` +
        `so it runs only where NODE_ENV is unset or one of ${DEVELOPMENT_NODE_ENVS.join(', ')}. Run the API with \`npm run serve\` in production.`,
    );
  }
}

export interface DemoEnvOptions {
  port: number;
  dataDir: string;
  logLevel: LogLevel;
  /** Undefined: by whether stdout is a terminal (console-log.ts). */
  logFormat?: LogFormat;
  /** CALSYNC_DEMO_ADDIN_DIR: where the demo's add-in build is kept (default inside the data directory). */
  addinBuildDir?: string;
}

const demoPort = z
  .string()
  .refine((v) => v.trim() !== '' && Number.isInteger(Number(v)) && Number(v) >= 0 && Number(v) <= 65_535, {
    error: (issue) => `expected a port number 0–65535 (0 picks a free one), got "${String(issue.input)}"`,
  })
  .transform(Number);

const DemoEnvShape = {
  LOG_LEVEL: logLevel(`expected one of ${LOG_LEVELS.join(', ')}`),
  CALSYNC_LOG_FORMAT: logFormat,
  CALSYNC_DATA_DIR: z
    .string()
    .refine((s) => s.trim() !== '', 'must not be empty')
    .default('./data'),
  CALSYNC_DEMO_ADDIN_DIR: optionalText,
};

/** CALSYNC_DEMO_PORT, else PORT, else 3000; CALSYNC_DATA_DIR (default ./data, from the working directory); LOG_LEVEL; CALSYNC_LOG_FORMAT; CALSYNC_DEMO_ADDIN_DIR. */
export function demoOptionsFromEnv(env: NodeJS.ProcessEnv, cwd: string = process.cwd()): DemoEnvOptions {
  const portVariable = env.CALSYNC_DEMO_PORT !== undefined ? 'CALSYNC_DEMO_PORT' : 'PORT';
  const port = parseEnvFields({ [portVariable]: demoPort.default(DEFAULT_DEMO_PORT) }, env, 'value');
  const { data, problems } = parseEnvFields(DemoEnvShape, env, 'value');
  const all = [...port.problems, ...problems];
  if (all.length > 0) throw new ConfigError(all);
  return frozen({
    port: port.data[portVariable] as number,
    dataDir: resolve(cwd, data.CALSYNC_DATA_DIR as string),
    logLevel: data.LOG_LEVEL as LogLevel,
    logFormat: data.CALSYNC_LOG_FORMAT,
    addinBuildDir: data.CALSYNC_DEMO_ADDIN_DIR && resolve(cwd, data.CALSYNC_DEMO_ADDIN_DIR),
  });
}
