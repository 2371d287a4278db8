/**
 * Change notifications for a mailbox whose round is queued and not started ride on that round (the round reads
 * delta when it starts, which covers them): one round, not one per delivery. A notification that arrives once the
 * round has started still gets a round after it — the change may come after the round's delta read.
 */
import type { MailboxSyncState, StoredSyncState } from '../../server/store/sync-state';
import type { MailboxWorker } from '../../server/sync/mailbox-worker';
import { QueuedRounds } from '../../server/sync/queued-rounds';
import { startNotificationEndpoint, type NotificationEndpoint } from './support/notification-endpoint';
import { startSyncStack, type SyncStack } from './support/sync-stack';
import { ADA, categoriesOf, editEvent } from './support/team';

describe('notifications for a mailbox whose round is queued', () => {
  let s: SyncStack;
  let n: NotificationEndpoint;
  let queuedRounds: QueuedRounds;
  /** Set by a test: runs after the round's first durable put (its pending ids: delta was read, PATCHes not sent). */
  let duringRound: (() => Promise<void>) | undefined;
  let worker: MailboxWorker;
  const rounds = () => s.outcomes.filter((o) => o.kind === 'done').length;
  /** Runs queued jobs until the queue and the sandbox's deliveries are quiet. */
  const drain = async () => {
    for (;;) {
      await s.harness.sandbox.notificationsSettled();
      if ((await worker.runOnce()) === 0) break;
    }
  };

  beforeEach(async () => {
    s = await startSyncStack();
    queuedRounds = new QueuedRounds();
    n = await startNotificationEndpoint(s, { queuedRounds });
    const repo = s.stores.syncState;
    duringRound = undefined;
    worker = s.worker({
      queuedRounds,
      syncState: {
        get: (t, m) => repo.get(t, m),
        delete: (t, m) => repo.delete(t, m),
        put: async (state: MailboxSyncState, ifMatch: string | null): Promise<StoredSyncState> => {
          const saved = await repo.put(state, ifMatch);
          const hook = state.pending.length > 0 ? duringRound : undefined;
          duringRound = undefined;
          await hook?.();
          return saved;
        },
      },
    });
    await n.manager.ensure(s.tenantId, ADA);
    await s.queue.enqueue({ tenantId: s.tenantId, mailboxId: ADA, reason: 'schedule' });
    await drain(); // the first sweep, and the rounds its own writes' notifications cause
  });
  afterEach(async () => {
    await n.close();
    await s.close();
  });

  test('two deliveries before the round starts queue one round, which applies both changes', async () => {
    const before = rounds();
    const coalesced = n.handler.counts.coalesced;
    editEvent(s.harness.sandbox, ADA, 'Lunch', { subject: 'Lunch with a customer' });
    await s.harness.sandbox.notificationsSettled();
    editEvent(s.harness.sandbox, ADA, 'Dentist', { subject: 'Dentist, then focus' });
    await s.harness.sandbox.notificationsSettled();
    expect(n.handler.counts.coalesced - coalesced).toBe(1);
    expect(await worker.runOnce()).toBe(1);
    expect(categoriesOf(s.harness.sandbox, ADA, 'Lunch with a customer')).toEqual(['Customer']);
    expect(categoriesOf(s.harness.sandbox, ADA, 'Dentist, then focus')).toEqual(['Personal', 'Focus']);
    await drain();
    // The round's own writes come back as notifications (no OwnWrites here): one more round for them, no more.
    expect(rounds() - before).toBeLessThanOrEqual(2);
  });

  test('a change notified while the round runs, after its delta read, gets a round of its own', async () => {
    editEvent(s.harness.sandbox, ADA, 'Lunch', { subject: 'Lunch with a customer' });
    await s.harness.sandbox.notificationsSettled();
    duringRound = async () => {
      editEvent(s.harness.sandbox, ADA, 'Dentist', { subject: 'Dentist, then focus' });
      await s.harness.sandbox.notificationsSettled();
    };
    expect(await worker.runOnce()).toBe(1);
    expect(duringRound).toBeUndefined(); // the hook ran inside the round
    expect(categoriesOf(s.harness.sandbox, ADA, 'Lunch with a customer')).toEqual(['Customer']);
    // The round read delta before the edit: only a round after it can stamp it.
    expect(categoriesOf(s.harness.sandbox, ADA, 'Dentist, then focus')).toEqual(['Personal']);
    await drain();
    expect(categoriesOf(s.harness.sandbox, ADA, 'Dentist, then focus')).toEqual(['Personal', 'Focus']);
  });

  test('a job that finds its mailbox busy is queued again once: later copies and notifications ride on it', async () => {
    const inRound = new Set([`${s.tenantId}\n${ADA.toLowerCase()}`]);
    const busyWorker = s.worker({ queuedRounds, roundsInProcess: inRound, busyRetryMs: 0 });
    const coalesced = n.handler.counts.coalesced;
    editEvent(s.harness.sandbox, ADA, 'Lunch', { subject: 'Lunch with a customer' });
    await s.harness.sandbox.notificationsSettled();
    await s.queue.enqueue({ tenantId: s.tenantId, mailboxId: ADA, reason: 'schedule' });
    // Both jobs meet the round in hand: one copy comes back, not two.
    expect(await busyWorker.runOnce()).toBe(2);
    expect(s.outcomes.slice(-2).map((o) => o.kind)).toEqual(['busy', 'busy']);
    editEvent(s.harness.sandbox, ADA, 'Dentist', { subject: 'Dentist, then focus' });
    await s.harness.sandbox.notificationsSettled();
    expect(n.handler.counts.coalesced - coalesced).toBe(1);
    inRound.clear(); // the round in hand ends
    const before = rounds();
    expect(await worker.runOnce()).toBe(1);
    expect(rounds() - before).toBe(1);
    expect(categoriesOf(s.harness.sandbox, ADA, 'Lunch with a customer')).toEqual(['Customer']);
    expect(categoriesOf(s.harness.sandbox, ADA, 'Dentist, then focus')).toEqual(['Personal', 'Focus']);
  });
});
