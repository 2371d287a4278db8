/**
 * SIGTERM in the middle of a round is a graceful stop: the worker process finishes the round in hand (its writes,
 * the commit, the queue message, the lease), then exits 0. The sandbox answers slowly so the signal lands early.
 */
import { startGraphSandbox, type GraphSandbox } from '../../graph-sandbox/src/index';
import { openSqliteStores } from '../../server/store/sqlite';
import type { Stores } from '../../server/store/types';
import { StorageMailboxQueue } from '../../server/sync/storage-queue';
import { tempSqliteDir, type TempDir } from '../support/sqlite';
import { startAzurite, type TestAzurite } from '../sync/support/azurite';
import { ADA, BO, categoriesOf, teamDocument, teamRules } from '../sync/support/team';
import { queueDepth } from './support/queue-depth';
import { waitFor } from './support/wait-for';
import { workerEnv } from './support/worker-env';
import { killAllWorkers, WorkerProcess } from './support/worker-process';

const eventsPatched = (sandbox: GraphSandbox): number =>
  Object.values(sandbox.accounting.snapshot().byMailbox).reduce((n, m) => n + Object.keys(m.patchesByEventId).length, 0);

describe('worker process stop', () => {
  let azurite: TestAzurite;
  let sandbox: GraphSandbox;
  let temp: TempDir;
  let stores: Stores;

  beforeAll(async () => {
    azurite = await startAzurite();
    // 400 ms per Graph request: a round takes a few seconds, so the signal arrives before its first write.
    sandbox = await startGraphSandbox({ scenario: { document: teamDocument() }, faults: { latencyMs: 400 } });
    temp = tempSqliteDir('calsync-worker-stop-');
    stores = openSqliteStores({ path: temp.dbPath('calsync.db') });
    const at = new Date().toISOString();
    const tenantId = sandbox.tenantId;
    await stores.settings.put(
      {
        tenantId,
        internalDomains: ['contoso.com'],
        enrolledMailboxes: [ADA, BO],
        syncWindowDays: { past: 30, future: 365 },
        orgRulesLocked: false,
        updatedAt: at,
        updatedBy: 'test',
      },
      null,
    );
    for (const r of teamRules())
      await stores.rules.create({ ...r, scope: 'org', tenantId, ownerId: null, createdAt: at, createdBy: 'test', updatedAt: at, updatedBy: 'test' });
  }, 30_000);

  afterAll(async () => {
    await killAllWorkers();
    await stores?.close();
    await sandbox?.stop();
    await azurite?.close();
    temp?.remove();
  });

  test('SIGTERM mid-round: the round finishes and commits, the job is completed, the lease released, exit 0', async () => {
    const queueName = 'worker-stop';
    const queue = await StorageMailboxQueue.open({ connectionString: azurite.connectionString, queueName });
    await queue.enqueue({ tenantId: sandbox.tenantId, mailboxId: ADA, reason: 'schedule' });
    const worker = new WorkerProcess(
      workerEnv(
        { sandbox, dir: temp.dir, dbPath: temp.dbPath('calsync.db'), connectionString: azurite.connectionString, queueName },
        { CALSYNC_WORKER_CONCURRENCY: '1' },
      ),
    );

    await waitFor('the worker to lease the mailbox', async () => !!(await stores.syncState.get(sandbox.tenantId, ADA))?.lease, 20_000, 20);
    const patchedAtSignal = eventsPatched(sandbox);
    expect(await worker.kill('SIGTERM')).toEqual({ code: 0, signal: null });

    // The round went on after the signal: its writes happened, it committed and gave the lease back.
    expect(eventsPatched(sandbox)).toBeGreaterThan(patchedAtSignal);
    expect(categoriesOf(sandbox, ADA, 'Customer kickoff')).toEqual(['Customer']);
    const state = await stores.syncState.get(sandbox.tenantId, ADA);
    expect(state?.deltaLink).toBeTruthy();
    expect(state?.pending).toEqual([]);
    expect(state?.lease).toBeNull();
    expect(await queueDepth(azurite.connectionString, queueName).jobs()).toBe(0);
  }, 30_000);
});
