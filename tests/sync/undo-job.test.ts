/**
 * An admin's undo for a mailbox that left every enrolled group (issue #16: "their stamps stay unless the admin runs
 * undo for them", from the Admin tab as from `calsync undo --mailbox`): the scheduler queues it only for a mailbox
 * that is not enrolled, the queue carries it, and a worker removes exactly what CalSync stamped.
 */
import { openSqliteStores } from '../../server/store/sqlite';
import { putEnrolment } from '../support/settings';
import { InProcessMailboxQueue } from '../../server/sync/in-process-queue';
import { parseJob } from '../../server/sync/mailbox-queue';
import { SyncScheduler } from '../../server/sync/sync-scheduler';
import { startSyncStack, type SyncStack } from './support/sync-stack';
import { ADA, BO, categoriesOf } from './support/team';

const T = 'aaaaaaaa-0000-4000-8000-00000000000a';

test('the queue carries an undo', () => {
  const job = { tenantId: T, mailboxId: ADA, reason: 'resync' as const, undo: true };
  expect(parseJob(JSON.stringify(job))).toEqual(job);
  expect(parseJob(JSON.stringify({ ...job, undo: false }))).toEqual({ tenantId: T, mailboxId: ADA, reason: 'resync' });
});

test('the scheduler queues an undo only for a mailbox that is not enrolled', async () => {
  const stores = openSqliteStores({ path: ':memory:' });
  try {
    await putEnrolment(stores, T, [BO]);
    const queue = new InProcessMailboxQueue();
    const scheduler = new SyncScheduler({ queue, stores, tenants: () => [T], allMailboxes: async () => [] });
    expect(await scheduler.requestUndo(T, 'BO@contoso.com')).toBe(false);
    expect(queue.size).toBe(0);
    expect(await scheduler.requestUndo(T, ADA)).toBe(true);
    expect((await queue.receive(10, 60_000)).map((m) => m.job)).toEqual([{ tenantId: T, mailboxId: ADA, reason: 'resync', undo: true }]);
  } finally {
    await stores.close();
  }
});

describe('a worker runs the undo', () => {
  let s: SyncStack;
  const queue = new InProcessMailboxQueue();
  beforeAll(async () => {
    s = await startSyncStack({ queue });
  });
  afterAll(() => s.close());

  test("the mailbox's stamps go, the person's own categories stay", async () => {
    await queue.enqueue({ tenantId: s.tenantId, mailboxId: ADA, reason: 'schedule' });
    await s.worker().runOnce();
    expect(categoriesOf(s.harness.sandbox, ADA, 'Customer kickoff')).toEqual(['Customer']);
    expect(categoriesOf(s.harness.sandbox, ADA, 'Dentist')).toEqual(['Personal']);
    s.outcomes.length = 0;
    await queue.enqueue({ tenantId: s.tenantId, mailboxId: ADA, reason: 'resync', undo: true });
    await s.worker().runOnce();
    expect(s.outcomes).toEqual([expect.objectContaining({ kind: 'done', report: expect.objectContaining({ mode: 'undo' }) })]);
    expect(categoriesOf(s.harness.sandbox, ADA, 'Customer kickoff')).toEqual([]);
    expect(categoriesOf(s.harness.sandbox, ADA, 'Dentist')).toEqual(['Personal']);
  });
});
