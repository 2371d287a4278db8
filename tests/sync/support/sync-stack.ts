/**
 * The background sync as deployed, in one test process: the sandbox (through the sync harness), SQLite stores
 * holding the rules and settings, a queue, and workers built on them.
 */
import type { Rule } from '../../../shared';
import { openSqliteStores } from '../../../server/store/sqlite';
import type { Stores } from '../../../server/store/types';
import { InProcessMailboxQueue } from '../../../server/sync/in-process-queue';
import type { MailboxQueue } from '../../../server/sync/mailbox-queue';
import { MailboxWorker, type JobOutcome, type MailboxWorkerOptions } from '../../../server/sync/mailbox-worker';
import { storeRulesLoader } from '../../../server/sync/store-rules-loader';
import { tempSqliteDir } from '../../support/sqlite';
import { startSyncHarness, testBackoff, type SyncHarness, type SyncHarnessOptions } from './harness';
import { ADA, BO, teamDocument, teamRules } from './team';

export interface SyncStack {
  harness: SyncHarness;
  stores: Stores;
  queue: MailboxQueue;
  tenantId: string;
  /** Every job outcome of every worker made here, in order. */
  outcomes: JobOutcome[];
  worker(options?: Partial<MailboxWorkerOptions>): MailboxWorker;
  /** Stores a rule as the Rules API would (org, or personal for `ownerId`). */
  addRule(rule: Rule, ownerId?: string): Promise<void>;
  close(): Promise<void>;
}

export async function startSyncStack(
  options: { queue?: MailboxQueue; enrolled?: string[]; beforeSend?: SyncHarnessOptions['beforeSend'] } = {},
): Promise<SyncStack> {
  const harness = await startSyncHarness({ document: teamDocument(), rules: [], beforeSend: options.beforeSend });
  const temp = tempSqliteDir();
  const stores = openSqliteStores({ path: temp.dbPath() });
  const tenantId = harness.sandbox.tenantId;
  const at = new Date().toISOString();
  await stores.settings.put(
    {
      tenantId,
      internalDomains: ['contoso.com'],
      enrolledMailboxes: options.enrolled ?? [ADA, BO],
      syncWindowDays: { past: 30, future: 365 },
      orgRulesLocked: false,
      updatedAt: at,
      updatedBy: 'test',
    },
    null,
  );
  const queue = options.queue ?? new InProcessMailboxQueue();
  const workers: MailboxWorker[] = [];
  const stack: SyncStack = {
    harness,
    stores,
    queue,
    tenantId,
    outcomes: [],
    worker: (overrides = {}) => {
      const worker = new MailboxWorker({
        queue,
        syncState: stores.syncState,
        clientFor: () => harness.deps.client,
        round: { loadRules: storeRulesLoader(stores), gates: harness.gates, backoff: testBackoff },
        idlePollMs: 20,
        onJobDone: (o) => stack.outcomes.push(o),
        ...overrides,
      });
      workers.push(worker);
      return worker;
    },
    addRule: async (rule, ownerId) => {
      const scope = ownerId ? 'personal' : 'org';
      await stores.rules.create({ ...rule, scope, tenantId, ownerId: ownerId ?? null, createdAt: at, createdBy: 'test', updatedAt: at, updatedBy: 'test' });
    },
    close: async () => {
      for (const w of workers) await w.stop();
      await queue.close();
      await stores.close();
      temp.remove();
      await harness.close();
    },
  };
  for (const r of teamRules()) await stack.addRule(r);
  return stack;
}
