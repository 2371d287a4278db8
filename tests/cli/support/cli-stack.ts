/**
 * What the CLI runs against in tests: a Graph sandbox seeded with the sync tests' team, its CA in a temp PEM
 * file, and a temp SQLite store holding the team's org rules and settings enrolling both mailboxes. `env` is
 * the configuration a deployment would set; `run` runs one command in-process.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Rule } from '../../../shared';
import { startGraphSandbox, type GraphSandbox } from '../../../graph-sandbox/src/index';
import { openSqliteStores } from '../../../server/store/sqlite';
import type { Stores } from '../../../server/store/types';
import { tempSqliteDir, type TempDir } from '../../support/sqlite';
import { seedCustomerTenants } from '../../support/tenants';
import { ADA, BO, teamDocument, teamRules } from '../../sync/support/team';
import { runCaptured, type CliResult } from './cli-run';

export interface CliStack {
  sandbox: GraphSandbox;
  temp: TempDir;
  env: NodeJS.ProcessEnv;
  dbPath: string;
  run(argv: string[], extraEnv?: NodeJS.ProcessEnv, options?: { tty?: boolean }): Promise<CliResult>;
  /** Opens the store for a look (callers close it). */
  openStores(): Stores;
  close(): Promise<void>;
}

export async function seedStore(dbPath: string, tenantId: string, rules: Rule[], enrolled: string[] | 'all'): Promise<void> {
  const stores = openSqliteStores({ path: dbPath });
  try {
    // The sandbox's tenant is a customer: the API serves active tenants only (issue #15).
    await seedCustomerTenants(stores, [tenantId]);
    const at = new Date().toISOString();
    await stores.settings.put(
      {
        tenantId,
        internalDomains: ['contoso.com'],
        enrolledMailboxes: enrolled,
        syncWindowDays: { past: 30, future: 365 },
        orgRulesLocked: false,
        updatedAt: at,
        updatedBy: 'test',
      },
      null,
    );
    for (const r of rules)
      await stores.rules.create({ ...r, scope: 'org', tenantId, ownerId: null, createdAt: at, createdBy: 'test', updatedAt: at, updatedBy: 'test' });
  } finally {
    await stores.close();
  }
}

/** The Graph section of the environment for the sandbox, its CA written into `dir` (what a deployment would set). */
export function sandboxGraphEnv(sandbox: GraphSandbox, dir: string): NodeJS.ProcessEnv {
  const caFile = path.join(dir, 'sandbox-ca.pem');
  fs.writeFileSync(caFile, sandbox.caPem);
  return {
    CALSYNC_TENANT_ID: sandbox.tenantId,
    CALSYNC_CLIENT_ID: sandbox.app.clientId,
    CALSYNC_CLIENT_SECRET: sandbox.app.clientSecret,
    CALSYNC_GRAPH_BASE_URL: sandbox.baseUrl,
    CALSYNC_AUTHORITY_HOST: sandbox.authorityHost,
    CALSYNC_GRAPH_CA_FILE: caFile,
  };
}

export async function startCliStack(options: { enrolled?: string[] | 'all'; rules?: Rule[] } = {}): Promise<CliStack> {
  const sandbox = await startGraphSandbox({ scenario: { document: teamDocument() } });
  const temp = tempSqliteDir('calsync-cli-');
  const dbPath = temp.dbPath('calsync.db');
  await seedStore(dbPath, sandbox.tenantId, options.rules ?? teamRules(), options.enrolled ?? [ADA, BO]);
  const env: NodeJS.ProcessEnv = {
    ...sandboxGraphEnv(sandbox, temp.dir),
    CALSYNC_STORE: 'sqlite',
    CALSYNC_SQLITE_PATH: dbPath,
  };
  return {
    sandbox,
    temp,
    env,
    dbPath,
    run: (argv, extraEnv = {}, runOptions) => runCaptured(argv, { ...env, ...extraEnv }, runOptions),
    openStores: () => openSqliteStores({ path: dbPath }),
    close: async () => {
      await sandbox.stop();
      temp.remove();
    },
  };
}
