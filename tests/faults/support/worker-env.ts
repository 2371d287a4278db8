/** The environment a deployment would give a worker, pointed at the test's sandbox, SQLite file and Azurite queue. */
import fs from 'node:fs';
import path from 'node:path';
import type { GraphSandbox } from '../../../graph-sandbox/src/index';

export interface WorkerEnvOptions {
  sandbox: GraphSandbox;
  /** Where to write the sandbox's CA (CALSYNC_GRAPH_CA_FILE). */
  dir: string;
  dbPath: string;
  connectionString: string;
  queueName: string;
}

export function workerEnv(o: WorkerEnvOptions, knobs: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const caFile = path.join(o.dir, 'sandbox-ca.pem');
  fs.writeFileSync(caFile, o.sandbox.caPem);
  return {
    CALSYNC_TENANT_ID: o.sandbox.tenantId,
    CALSYNC_CLIENT_ID: o.sandbox.app.clientId,
    CALSYNC_CLIENT_SECRET: o.sandbox.app.clientSecret,
    CALSYNC_GRAPH_BASE_URL: o.sandbox.baseUrl,
    CALSYNC_AUTHORITY_HOST: o.sandbox.authorityHost,
    CALSYNC_GRAPH_CA_FILE: caFile,
    CALSYNC_STORE: 'sqlite',
    CALSYNC_SQLITE_PATH: o.dbPath,
    CALSYNC_QUEUE: 'storage',
    CALSYNC_QUEUE_CONNECTION_STRING: o.connectionString,
    CALSYNC_QUEUE_NAME: o.queueName,
    // info: the worker's start line tells the test its signal handlers are in place (worker-process.ts ready()).
    LOG_LEVEL: 'info',
    ...knobs,
  };
}
