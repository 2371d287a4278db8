/**
 * `calsync sync` and `calsync undo`: the same mailbox round the workers run, for the named or enrolled
 * mailboxes, with rules and settings from the configured store and Graph access from env. Real rounds take
 * the mailbox's lease like a worker, so the CLI and running workers never work one mailbox at once; a dry
 * run takes none, because it writes nothing (not even sync state).
 */
import { randomBytes } from 'node:crypto';
import type { Command } from 'commander';
import type { Stores } from '../../store/types';
import { openGraphAccess } from '../../compose/graph';
import { GUID } from '../../config/fields';
import { loadGraphConfig } from '../../config/graph';
import { loadStoreConfig } from '../../config/store';
import { openStores } from '../../store/open-stores';
import { MailboxGates } from '../../sync/mailbox-gate';
import { acquireLease } from '../../sync/mailbox-lease';
import { runMailboxRound, type MailboxRoundDeps } from '../../sync/mailbox-round';
import type { RoundReport } from '../../sync/round-report';
import { graphOwnerIds } from '../../sync/owner-ids';
import { graphGroupMembership } from '../../sync/group-membership';
import { storeRulesLoader } from '../../sync/store-rules-loader';
import { CliError, type CliIo } from '../io';
import { resolveMailboxes } from '../mailboxes';
import { Progress, summaryLine } from '../progress';

export interface SyncCommandOptions {
  mailbox?: string[];
  dryRun?: boolean;
  /** Mailboxes worked at once. */
  concurrency?: number;
  /** A customer tenant's id (its own token, its settings); default the home tenant, AZURE_TENANT_ID. */
  tenant?: string;
}

const LEASE_TTL_MS = 5 * 60_000;

async function roundWithLease(deps: MailboxRoundDeps, mailbox: string, mode: 'sync' | 'undo', holder: string): Promise<RoundReport> {
  const lease = await acquireLease(deps.syncState, deps.tenantId, mailbox, { holder, ttlMs: LEASE_TTL_MS });
  if (!lease.acquired) {
    throw new Error(`being synced by a worker${lease.heldUntil ? ` (lease until ${lease.heldUntil.toISOString()})` : ''}; try again later`);
  }
  const leased = lease.lease;
  const renewal = setInterval(() => void leased.renew().catch(() => undefined), LEASE_TTL_MS / 3);
  renewal.unref();
  try {
    return await runMailboxRound({ ...deps, syncState: leased }, mailbox, { mode });
  } finally {
    clearInterval(renewal);
    await leased.release().catch(() => undefined);
  }
}

/** Runs every mailbox, `concurrency` at a time; returns the exit code (1 when any mailbox failed). */
export async function runSyncCommand(io: CliIo, mode: 'sync' | 'undo', options: SyncCommandOptions): Promise<number> {
  const config = loadGraphConfig(io.env);
  const dryRun = options.dryRun ?? false;
  const concurrency = Math.max(1, options.concurrency ?? 4);
  const tenantId = options.tenant?.trim().toLowerCase() || config.tenantId;
  if (!GUID.test(tenantId)) throw new CliError(`--tenant: a tenant id is a GUID, got "${options.tenant}"`);
  let stores: Stores | undefined;
  const access = openGraphAccess(config, concurrency);
  try {
    stores = await openStores(loadStoreConfig(io.env));
    const client = access.clientFor(tenantId);
    const mailboxes = await resolveMailboxes(options.mailbox, stores, tenantId, client);
    const deps: MailboxRoundDeps = {
      tenantId,
      client,
      syncState: stores.syncState,
      loadRules: storeRulesLoader(stores, { ownerIdFor: graphOwnerIds(client), memberOf: graphGroupMembership(client) }),
      gates: new MailboxGates(),
    };
    const holder = `calsync-cli-${randomBytes(6).toString('hex')}`;
    if (mailboxes.length === 0) io.stdout.write('no mailboxes: none named with --mailbox and none enrolled in the tenant settings\n');
    const progress = new Progress(io.stdout, mailboxes.length);
    const queue = [...mailboxes];
    const work = async (): Promise<void> => {
      for (let mailbox = queue.shift(); mailbox !== undefined; mailbox = queue.shift()) {
        try {
          const report = dryRun ? await runMailboxRound(deps, mailbox, { mode, dryRun: true }) : await roundWithLease(deps, mailbox, mode, holder);
          progress.finished(report);
        } catch (error) {
          progress.failed(mailbox, error);
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, mailboxes.length) }, work));
    progress.end();
    io.stdout.write(`${summaryLine(mode, dryRun, progress.totals)}\n`);
    return progress.totals.failed > 0 ? 1 : 0;
  } finally {
    await stores?.close();
    await access.close();
  }
}

export function registerSyncCommands(program: Command, io: CliIo, setExit: (code: number) => void): void {
  const collect = (value: string, previous: string[] = []): string[] => [...previous, value];
  for (const mode of ['sync', 'undo'] as const) {
    program
      .command(mode)
      .description(mode === 'sync' ? "stamp events with their rules' categories" : 'remove exactly the categories CalSync stamped')
      .option('--mailbox <upn>', 'a mailbox to work (repeatable; default: every enrolled mailbox)', collect)
      .option('--dry-run', 'read and plan, write nothing')
      .option('--tenant <id>', "a customer tenant's id (default: the home tenant, AZURE_TENANT_ID)")
      .action(async (opts: { mailbox?: string[]; dryRun?: boolean; tenant?: string }) => {
        setExit(await runSyncCommand(io, mode, opts));
      });
  }
}
