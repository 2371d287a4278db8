/**
 * A process that answered 202 and parked the rounds, then died before draining them: the next process to start the
 * sync runtime queues them at start (and removes them from the inbox), without waiting for the drain interval —
 * with change notifications or without.
 */
import pino from 'pino';
import { InProcessMailboxQueue } from '../../server/sync/in-process-queue';
import { createSyncRuntime } from '../../server/sync/sync-runtime';
import { startSyncStack, type SyncStack } from './support/sync-stack';
import { ADA, BO } from './support/team';

describe('notification inbox across a restart', () => {
  let s: SyncStack;
  const queue = new InProcessMailboxQueue();
  beforeAll(async () => {
    // Nothing enrolled: the first schedule tick queues nothing, so every job seen came from the inbox.
    s = await startSyncStack({ queue, enrolled: [] });
  });
  afterAll(() => s.close());

  test('rounds parked by an earlier process are queued when the runtime starts', async () => {
    await s.stores.notificationInbox.add([
      { tenantId: s.tenantId, mailboxId: ADA, full: false },
      { tenantId: s.tenantId, mailboxId: BO, full: true },
    ]);
    const runtime = createSyncRuntime({
      stores: s.stores,
      queue,
      tenants: () => [s.tenantId],
      clientFor: () => s.harness.deps.client,
      workers: 0,
      drainInboxEveryMs: 3_600_000,
      logger: pino({ level: 'silent' }),
    });
    runtime.start({ notificationUrl: 'http://127.0.0.1:9/api/notifications' });
    // stop() waits for the drain started at start.
    await runtime.stop();
    const jobs = (await queue.receive(10, 60_000)).map((m) => m.job);
    expect(jobs).toEqual(
      expect.arrayContaining([
        { tenantId: s.tenantId, mailboxId: ADA, reason: 'notification' },
        { tenantId: s.tenantId, mailboxId: BO, reason: 'missed', full: true },
      ]),
    );
    expect(jobs).toHaveLength(2);
    expect(await s.stores.notificationInbox.pending(10)).toEqual([]);
  });

  test('a runtime without change notifications drains the inbox too (where `calsync rules import` parks its re-runs)', async () => {
    await s.stores.notificationInbox.add([{ tenantId: s.tenantId, mailboxId: ADA, full: false }]);
    const runtime = createSyncRuntime({
      stores: s.stores,
      queue,
      tenants: () => [s.tenantId],
      clientFor: () => s.harness.deps.client,
      workers: 0,
      drainInboxEveryMs: 3_600_000,
      logger: pino({ level: 'silent' }),
    });
    runtime.start();
    await runtime.stop();
    expect((await queue.receive(10, 60_000)).map((m) => m.job)).toEqual([{ tenantId: s.tenantId, mailboxId: ADA, reason: 'notification' }]);
    expect(await s.stores.notificationInbox.pending(10)).toEqual([]);
  });
});
