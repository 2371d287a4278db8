/**
 * Change notifications from the sandbox drive rounds: a person's edit → notification → mailbox queued →
 * round → stamp; the stamp comes back as a notification, and that round writes nothing.
 */
import type { MailboxWorker } from '../../server/sync/mailbox-worker';
import { startNotificationEndpoint, type NotificationEndpoint } from './support/notification-endpoint';
import { startSyncStack, type SyncStack } from './support/sync-stack';
import { ADA, categoriesOf, editEvent, eventsOf } from './support/team';

describe('change notifications', () => {
  let s: SyncStack;
  let n: NotificationEndpoint;
  let worker: MailboxWorker;
  /** Runs queued jobs until the queue and the sandbox's deliveries are quiet; the rounds' reports. */
  const drain = async () => {
    const before = s.outcomes.length;
    for (;;) {
      await s.harness.sandbox.notificationsSettled();
      if ((await worker.runOnce()) === 0) break;
    }
    return s.outcomes.slice(before).map((o) => (o.kind === 'done' ? o.report : o.kind));
  };

  beforeAll(async () => {
    s = await startSyncStack();
    n = await startNotificationEndpoint(s);
    worker = s.worker();
    await n.manager.ensure(s.tenantId, ADA);
    await s.queue.enqueue({ tenantId: s.tenantId, mailboxId: ADA, reason: 'schedule' });
    await drain(); // the first sweep, and the rounds its own writes' notifications cause
  });
  afterAll(async () => {
    await n.close();
    await s.close();
  });

  test("a person's edit is delivered, queues the mailbox, and its round stamps the event", async () => {
    s.harness.sandbox.accounting.reset();
    editEvent(s.harness.sandbox, ADA, 'Lunch', { subject: 'Lunch with a customer' });
    await s.harness.sandbox.notificationsSettled();
    expect(n.handler.counts.accepted).toBeGreaterThan(0);
    const reports = await drain();
    expect(reports[0]).toMatchObject({ fullRound: false, patches: 1, committed: true });
    expect(categoriesOf(s.harness.sandbox, ADA, 'Lunch with a customer')).toEqual(['Customer']);
  });

  test('the round’s own write comes back as a notification; the round it queues makes no PATCH', async () => {
    const id = eventsOf(s.harness.sandbox, ADA).get('Lunch with a customer')!.id;
    s.harness.sandbox.accounting.reset();
    editEvent(s.harness.sandbox, ADA, 'Lunch with a customer', { subject: 'Lunch with a customer, then focus' });
    const reports = await drain();
    // One round for the edit (1 PATCH), one for the notification of that PATCH (none), then quiet.
    expect(reports).toEqual([expect.objectContaining({ patches: 1 }), expect.objectContaining({ patches: 0, changed: 0 })]);
    const counts = s.harness.sandbox.accounting.snapshot();
    expect(counts.byMailbox[ADA]!.patchesByEventId).toEqual({ [id]: 1 });
    expect(counts.notificationsDelivered).toBe(2);
    expect(categoriesOf(s.harness.sandbox, ADA, 'Lunch with a customer, then focus')).toEqual(['Customer', 'Focus']);
  });
});
