/**
 * One seed of the fault suite: the generated team in a sandbox answering 20% of Graph requests with a 503 or a
 * connection reset (seeded) and throttling bursts with 429s (a tight request budget, top level and inside
 * $batch); rules in a SQLite file; two real worker processes on an Azurite queue. Every mailbox is queued; at
 * seeded points a worker is SIGKILLed and a new one started. When the queue has drained, faults go off, every
 * mailbox is queued once more (the final clean round), and the workers are stopped with SIGTERM.
 *
 * The seed fixes the generated events, the sandbox's fault sequence and the kill schedule. Two processes share
 * the sandbox, so which request meets which fault varies between runs of one seed; the outcome must not.
 */
import { openSqliteStores } from '../../../server/store/sqlite';
import type { Stores } from '../../../server/store/types';
import { StorageMailboxQueue } from '../../../server/sync/storage-queue';
import { tempSqliteDir } from '../../support/sqlite';
import type { TestAzurite } from '../../sync/support/azurite';
import { patchesByKey, patchTotal, seedRulesStore, startFaultSandbox, tenantState, type EventState } from './fault-tenant';
import { killSchedule } from './kill-schedule';
import { killAtPoint, type KillRecord } from './kill-at-point';
import type { PerEvent } from './patch-bound';
import { queueDepth } from './queue-depth';
import { waitFor } from './wait-for';
import { workerEnv } from './worker-env';
import { WorkerProcess } from './worker-process';

export interface FaultyRunOptions {
  seed: number;
  kills: number;
  azurite: TestAzurite;
  /** The fault-free run's PATCH total: kill points are drawn below it. */
  cleanPatches: number;
  leaseTtlMs: number;
  visibilityTimeoutMs: number;
  /** MailboxWorkers per process. */
  workersPerProcess: number;
}

export interface FaultyRun {
  /** Before the first round: the generator's and the hand-set categories. */
  initial: Record<string, Record<string, EventState>>;
  state: Record<string, Record<string, EventState>>;
  patches: PerEvent;
  pendingAtKills: PerEvent;
  kills: KillRecord[];
  /** From queueing every mailbox to the queue drained (faults on, kills included). */
  convergeMs: number;
  finalRoundPatches: number;
  faults: { serviceUnavailable: number; resets: number; throttled: number; requests: number };
  poisoned: number;
  /** Exit codes of the workers stopped with SIGTERM at the end (graceful: 0). */
  sigtermExitCodes: (number | null)[];
  /** Every mailbox's sync state after the run: committed (a deltaLink), nothing pending, no lease held. */
  settled: boolean;
}

export async function faultyRun(options: FaultyRunOptions): Promise<FaultyRun> {
  const { seed } = options;
  const sandbox = await startFaultSandbox(seed);
  // A schedule by count, not by chance or by clock: about one top-level request in seven fails (503 or a dropped
  // connection) and a few inner PATCHes are throttled or refused, for the whole run. A run sends well over 100
  // top-level requests and as many inner PATCHes as the clean run (160+), so each kind is certain to occur.
  sandbox.faults.script(
    { kind: 'status', status: 503, retryAfterSeconds: 0, match: { level: 'top' }, every: 13 },
    { kind: 'reset', match: { level: 'top' }, every: 17 },
    { kind: 'status', status: 429, retryAfterSeconds: 0, match: { level: 'inner', method: 'PATCH' }, every: 45 },
    { kind: 'status', status: 503, match: { level: 'inner', method: 'PATCH' }, every: 70 },
  );
  const initial = tenantState(sandbox);
  const temp = tempSqliteDir('calsync-faults-');
  const workers: WorkerProcess[] = [];
  let stores: Stores | undefined;
  let queue: StorageMailboxQueue | undefined;
  try {
    const dbPath = temp.dbPath('calsync.db');
    await seedRulesStore(dbPath, sandbox);
    stores = openSqliteStores({ path: dbPath });
    const queueName = `faults-${seed}`;
    queue = await StorageMailboxQueue.open({ connectionString: options.azurite.connectionString, queueName });
    const depth = queueDepth(options.azurite.connectionString, queueName);
    const env = workerEnv(
      { sandbox, dir: temp.dir, dbPath, connectionString: options.azurite.connectionString, queueName },
      {
        CALSYNC_WORKER_CONCURRENCY: String(options.workersPerProcess),
        CALSYNC_LEASE_TTL_MS: String(options.leaseTtlMs),
        CALSYNC_VISIBILITY_TIMEOUT_MS: String(options.visibilityTimeoutMs),
      },
    );
    const mailboxes = sandbox.store.mailboxes().map((m) => m.userPrincipalName.toLowerCase());
    const queueAll = async (): Promise<void> => {
      for (const mailboxId of mailboxes) await queue!.enqueue({ tenantId: sandbox.tenantId, mailboxId, reason: 'schedule' });
    };

    const started = Date.now();
    await queueAll();
    workers.push(new WorkerProcess(env), new WorkerProcess(env));

    const schedule = killSchedule(seed, options.kills, options.cleanPatches);
    const kills: KillRecord[] = [];
    const pendingAtKills: PerEvent = {};
    for (const threshold of schedule.thresholds) {
      const { record, victim } = await killAtPoint({ sandbox, stores, mailboxes, depth, workers, pick: schedule.pick, pendingAtKills }, threshold);
      kills.push(record);
      workers[workers.indexOf(victim)] = new WorkerProcess(env);
    }
    await waitFor('the queue to drain', async () => (await depth.jobs()) === 0, 240_000, 100);
    const convergeMs = Date.now() - started;

    const snap = sandbox.accounting.snapshot();
    sandbox.faults.clearScript();
    const beforeFinal = patchTotal(sandbox);
    await queueAll();
    await waitFor('the final clean round', async () => (await depth.jobs()) === 0, 120_000, 100);
    const finalRoundPatches = patchTotal(sandbox) - beforeFinal;

    // A worker restarted near the end may still be loading; SIGTERM tests the graceful stop of a running one.
    await Promise.all(workers.map((w) => w.ready()));
    const sigtermExitCodes = (await Promise.all(workers.map((w) => w.kill('SIGTERM')))).map((e) => e.code);
    let settled = true;
    for (const upn of mailboxes) {
      const state = await stores.syncState.get(sandbox.tenantId, upn);
      settled &&= !!state?.deltaLink && state.pending.length === 0 && !state.lease;
    }
    return {
      initial,
      state: tenantState(sandbox),
      patches: patchesByKey(sandbox),
      pendingAtKills,
      kills,
      convergeMs,
      finalRoundPatches,
      faults: { serviceUnavailable: snap.faults503, resets: snap.connectionResets, throttled: snap.throttled429, requests: snap.totalRequests },
      poisoned: await depth.poisoned(),
      sigtermExitCodes,
      settled,
    };
  } catch (error) {
    // The workers' last words explain most failures here (they log at warn and above).
    const logs = workers.map((w) => `--- worker ${w.pid}\n${w.log.slice(-4_000)}`).join('\n');
    throw new Error(`${(error as Error).message}\n${logs}`, { cause: error });
  } finally {
    await Promise.all(workers.map((w) => w.kill('SIGKILL')));
    await queue?.close();
    await stores?.close();
    await sandbox.stop();
    temp.remove();
  }
}
