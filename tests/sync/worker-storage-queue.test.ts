/** The production path: a worker takes its jobs from Azure Storage Queues (Azurite, started here). */
import { StorageMailboxQueue } from '../../server/sync/storage-queue';
import { startAzurite, type TestAzurite } from './support/azurite';
import { startSyncStack, type SyncStack } from './support/sync-stack';
import { ADA, BO, categoriesOf } from './support/team';

describe('worker on Storage Queues', () => {
  let azurite: TestAzurite;
  let s: SyncStack;
  beforeAll(async () => {
    azurite = await startAzurite();
    s = await startSyncStack({ queue: await StorageMailboxQueue.open({ connectionString: azurite.connectionString, queueName: 'calsync-mailboxes' }) });
  }, 30_000);
  afterAll(async () => {
    await s.close();
    await azurite.close();
  });

  test('queued mailboxes are run and their messages deleted; a duplicate is a harmless second round', async () => {
    await s.queue.enqueue({ tenantId: s.tenantId, mailboxId: ADA, reason: 'schedule' });
    await s.queue.enqueue({ tenantId: s.tenantId, mailboxId: BO, reason: 'schedule' });
    await s.queue.enqueue({ tenantId: s.tenantId, mailboxId: ADA, reason: 'notification' });
    const worker = s.worker({ concurrency: 1 });
    while ((await worker.runOnce()) > 0);
    expect(s.outcomes.map((o) => (o.kind === 'done' ? `${o.message.job.mailboxId}:${o.report.patches > 0 ? 'wrote' : 'quiet'}` : o.kind))).toEqual([
      `${ADA}:wrote`,
      `${BO}:wrote`,
      `${ADA}:quiet`,
    ]);
    expect(categoriesOf(s.harness.sandbox, ADA, 'Customer kickoff')).toEqual(['Customer']);
    expect(await s.queue.receive(32, 30_000)).toEqual([]);
    expect(await s.queue.poisoned()).toEqual([]);
  });
});
