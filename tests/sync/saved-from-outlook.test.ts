/**
 * The promise the pane makes on the web's and new Outlook's compose forms (they refuse item categories while
 * composing): CalSync colours the event as soon as it is saved. Saving from Outlook is a write to the mailbox by
 * someone other than CalSync; Graph notifies the subscription, the mailbox is queued, and its round stamps the
 * event through Graph. Waits on the sandbox's deliveries and the queue, bounded by a count of rounds.
 */
import { createEvent } from '../../graph-sandbox/src/event-writes';
import type { MailboxWorker } from '../../server/sync/mailbox-worker';
import { startNotificationEndpoint, type NotificationEndpoint } from './support/notification-endpoint';
import { startSyncStack, type SyncStack } from './support/sync-stack';
import { ADA, at, categoriesOf, editEvent } from './support/team';

/** More rounds than an edit and the notification of CalSync's own write can need; a loop must end. */
const MAX_ROUNDS = 10;

describe('an event saved from Outlook without categories', () => {
  let s: SyncStack;
  let n: NotificationEndpoint;
  let worker: MailboxWorker;
  /** Runs queued rounds until the deliveries and the queue are quiet (at most MAX_ROUNDS); how many ran. */
  const drain = async (): Promise<number> => {
    for (let rounds = 0; rounds < MAX_ROUNDS; rounds++) {
      await s.harness.sandbox.notificationsSettled();
      if ((await worker.runOnce()) === 0) return rounds;
    }
    throw new Error(`still busy after ${MAX_ROUNDS} rounds`);
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

  test('a new meeting is stamped by the round its change notification queues', async () => {
    const accepted = n.handler.counts.accepted;
    const mailbox = s.harness.sandbox.store.mailbox(ADA);
    // As Outlook on the web saves it: the organizer's new meeting, with an external guest, no categories.
    createEvent(s.harness.sandbox.store, mailbox, {
      subject: 'Planning with Fabrikam',
      start: { dateTime: at(3, 10), timeZone: 'UTC' },
      end: { dateTime: at(3, 11), timeZone: 'UTC' },
      attendees: [{ type: 'required', emailAddress: { address: 'grace@fabrikam.com', name: 'Grace' } }],
    });
    expect(categoriesOf(s.harness.sandbox, ADA, 'Planning with Fabrikam')).toEqual([]);
    // No scheduled round is queued: only the notification can bring the mailbox to the worker.
    expect(await drain()).toBeGreaterThan(0);
    expect(n.handler.counts.accepted).toBeGreaterThan(accepted);
    expect(categoriesOf(s.harness.sandbox, ADA, 'Planning with Fabrikam')).toEqual(['External']);
  });

  test('an update saved later is stamped the same way', async () => {
    editEvent(s.harness.sandbox, ADA, 'Planning with Fabrikam', { subject: 'Planning with Fabrikam, a customer' });
    await drain();
    expect(categoriesOf(s.harness.sandbox, ADA, 'Planning with Fabrikam, a customer')).toEqual(['External', 'Customer']);
  });
});
