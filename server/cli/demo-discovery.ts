/**
 * Where the CLI's configuration comes from: the environment when it configures CalSync, else a running demo's
 * `demo.json` (server/demo-connection.ts) in CALSYNC_DATA_DIR or ./data, as `npm start` would use them.
 * The CLI says which one it used, on stderr, so stdout stays the command's own output.
 */
import { resolve } from 'node:path';
import { DEMO_CONNECTION_FILE, runningDemoConnection, type DemoConnection } from '../demo-connection';

/** Any of these set means the environment configures CalSync itself; a demo is then never looked for. */
const CONFIG_VARIABLES = [
  'CALSYNC_TENANT_ID',
  'CALSYNC_CLIENT_ID',
  'CALSYNC_API_AUDIENCE',
  'CALSYNC_STORE',
  'CALSYNC_SQLITE_PATH',
  'COSMOS_ENDPOINT',
  'CALSYNC_QUEUE',
  'CALSYNC_QUEUE_CONNECTION_STRING',
  'CALSYNC_QUEUE_ACCOUNT_URL',
];

export interface CliConfigSource {
  env: NodeJS.ProcessEnv;
  /** The demo whose configuration is used, when the environment configures nothing. */
  demo?: { file: string; connection: DemoConnection };
  /** The data directory looked in (also when no demo was running there). */
  dataDir?: string;
}

/** The variables a deployment would set, for the running demo. */
export function demoEnvironment(connection: DemoConnection): NodeJS.ProcessEnv {
  return {
    CALSYNC_TENANT_ID: connection.tenantId,
    CALSYNC_CLIENT_ID: connection.graph.clientId,
    CALSYNC_CLIENT_SECRET: connection.graph.clientSecret,
    CALSYNC_GRAPH_BASE_URL: connection.graph.baseUrl,
    CALSYNC_AUTHORITY_HOST: connection.graph.authorityHost,
    CALSYNC_GRAPH_CA_FILE: connection.graph.caFile,
    CALSYNC_STORE: 'sqlite',
    CALSYNC_SQLITE_PATH: connection.store.path,
    CALSYNC_API_AUDIENCE: connection.api.audience,
    CALSYNC_JWKS_URL: connection.api.jwksUrl,
    CALSYNC_TOKEN_ISSUER: connection.api.issuerTemplate,
    // The demo's queue lives in its process; rounds reach it through the store (see rules import).
    CALSYNC_QUEUE: 'memory',
  };
}

export function cliConfigSource(env: NodeJS.ProcessEnv, cwd: string = process.cwd()): CliConfigSource {
  if (CONFIG_VARIABLES.some((name) => (env[name] ?? '').trim() !== '')) return { env };
  const dataDir = resolve(cwd, env.CALSYNC_DATA_DIR?.trim() || './data');
  const connection = runningDemoConnection(dataDir);
  if (!connection) return { env, dataDir };
  // Set variables still win (LOG_LEVEL, a CA file of one's own...).
  const merged: NodeJS.ProcessEnv = { ...demoEnvironment(connection) };
  for (const [name, value] of Object.entries(env)) if (value !== undefined && value.trim() !== '') merged[name] = value;
  return { env: merged, dataDir, demo: { file: resolve(dataDir, DEMO_CONNECTION_FILE), connection } };
}
