/**
 * `calsync doctor`: is this deployment able to run? Config, the API's sign-in keys, the store (and stored rules
 * the validation now refuses), Graph token
 * and permissions, a mailbox actually readable, and the queue: one PASS / FAIL / SKIP line each, with the
 * fix under every failure. Exit code 1 when anything failed.
 */
import type { Command } from 'commander';
import { openGraphAccess } from '../../compose/graph';
import { ConfigError } from '../../config';
import { loadGraphConfig, type GraphConfig } from '../../config/graph';
import type { Stores } from '../../store/types';
import type { GraphAccess } from '../../sync/graph-client';
import { fail, formatCheck, pass, skip, type CheckResult } from '../doctor/check';
import { checkGraphRoles, checkGraphToken, checkMailboxAccess } from '../doctor/graph-checks';
import { checkApiConfig, checkSigningKeys, checkStore, configProblems } from '../doctor/local-checks';
import { checkQueue } from '../doctor/queue-check';
import { checkStoredRules } from '../doctor/stored-rules-check';
import type { CliIo } from '../io';

function checkSyncConfig(env: NodeJS.ProcessEnv): { result: CheckResult; config?: GraphConfig } {
  try {
    const config = loadGraphConfig(env);
    return { result: pass('graph config', `tenant ${config.tenantId}, ${config.credential.kind} credential, ${config.graphBaseUrl}`), config };
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    return { result: fail('graph config', configProblems(err), 'set the named variables (README, "Configuration")') };
  }
}

async function mailboxToProbe(named: string | undefined, stores: Stores | undefined, tenantId: string): Promise<string | undefined> {
  if (named) return named;
  const enrolled = (await stores?.settings.get(tenantId).catch(() => undefined))?.enrolledMailboxes;
  return Array.isArray(enrolled) ? enrolled[0] : undefined;
}

export async function runDoctor(io: CliIo, options: { mailbox?: string } = {}): Promise<number> {
  const results: CheckResult[] = [];
  const emit = (result: CheckResult): void => {
    results.push(result);
    io.stdout.write(`${formatCheck(result)}\n`);
  };
  let stores: Stores | undefined;
  let access: GraphAccess | undefined;
  try {
    const api = checkApiConfig(io.env);
    emit(api.result);
    emit(await checkSigningKeys(api.config));
    const store = await checkStore(io.env);
    stores = store.stores;
    emit(store.result);

    const sync = checkSyncConfig(io.env);
    emit(sync.result);
    emit(await checkStoredRules(stores, sync.config?.tenantId));
    if (sync.config) {
      const graph = openGraphAccess(sync.config, 0);
      access = graph;
      const token = await checkGraphToken(graph.credential);
      emit(token.result);
      emit(checkGraphRoles(token.token));
      emit(await checkMailboxAccess(token.token ? graph.client : undefined, await mailboxToProbe(options.mailbox, stores, sync.config.tenantId)));
    } else {
      for (const name of ['graph token', 'graph permissions', 'mailbox access']) emit(skip(name, 'needs the graph config'));
    }
    emit(await checkQueue(io.env));
  } finally {
    await access?.close();
    await stores?.close();
  }
  const count = (status: CheckResult['status']) => results.filter((r) => r.status === status).length;
  io.stdout.write(`\n${count('pass')} passed, ${count('fail')} failed, ${count('skip')} skipped\n`);
  return count('fail') > 0 ? 1 : 0;
}

export function registerDoctorCommand(program: Command, io: CliIo, setExit: (code: number) => void): void {
  program
    .command('doctor')
    .description('check config, sign-in keys, store, stored rules, Graph token and permissions, mailbox access and the queue')
    .option('--mailbox <upn>', 'the mailbox to probe (default: the first enrolled one)')
    .action(async (opts: { mailbox?: string }) => {
      setExit(await runDoctor(io, opts));
    });
}
