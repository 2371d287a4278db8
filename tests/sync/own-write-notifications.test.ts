/**
 * The notification Graph sends for CalSync's own PATCH carries the change key that PATCH produced: it queues no
 * round (counted as ownWrites). Any other change to the same event gives it a new change key, and its notification
 * queues a round as always. Notifications come from the sandbox, as Graph shapes them (resourceData id + etag).
 */
import type { MailboxWorker } from '../../server/sync/mailbox-worker';
import { OwnWrites } from '../../server/sync/own-writes';
import { storeRulesLoader } from '../../server/sync/store-rules-loader';
import { testBackoff } from './support/harness';
import { startNotificationEndpoint, type NotificationEndpoint } from './support/notification-endpoint';
import { startSyncStack, type SyncStack } from './support/sync-stack';
import { ADA, categoriesOf, editEvent, eventsOf } from './support/team';

describe('notifications of CalSync’s own writes', () => {
  let s: SyncStack;
  let n: NotificationEndpoint;
  let worker: MailboxWorker;
  let ownWrites: OwnWrites;
  /** The jobs the deliveries so far queued (taken off the queue). */
  const queued = async () => {
    await s.harness.sandbox.notificationsSettled();
    const got = await s.queue.receive(10, 60_000);
    for (const m of got) await s.queue.complete(m);
    return got.map((m) => m.job);
  };
  const runRound = async () => {
    await s.queue.enqueue({ tenantId: s.tenantId, mailboxId: ADA, reason: 'schedule' });
    await worker.runOnce();
    const outcome = s.outcomes.at(-1)!;
    if (outcome.kind !== 'done') throw new Error(`round ended ${outcome.kind}`);
    return outcome.report;
  };

  beforeEach(async () => {
    s = await startSyncStack();
    ownWrites = new OwnWrites();
    ownWrites.enabled = true;
    n = await startNotificationEndpoint(s, { ownWrites });
    worker = s.worker({ round: { loadRules: storeRulesLoader(s.stores), gates: s.harness.gates, backoff: testBackoff, ownWrites } });
    await n.manager.ensure(s.tenantId, ADA);
  });
  afterEach(async () => {
    await n.close();
    await s.close();
  });

  test('the first sweep’s PATCHes come back as notifications that queue no round', async () => {
    const report = await runRound();
    expect(report.patches).toBeGreaterThan(0);
    expect(await queued()).toEqual([]);
    expect(n.handler.counts).toMatchObject({ ownWrites: report.patches, accepted: 0 });
    expect(s.harness.sandbox.accounting.snapshot().notificationsDelivered).toBeGreaterThan(0);
  });

  test('a person’s change to an event CalSync just wrote has a new change key: its notification queues a round', async () => {
    await runRound();
    await queued();
    const echoes = n.handler.counts.ownWrites;
    editEvent(s.harness.sandbox, ADA, 'Customer kickoff', { subject: 'Customer kickoff and focus' });
    expect(await queued()).toEqual([{ tenantId: s.tenantId, mailboxId: ADA, reason: 'notification' }]);
    expect(n.handler.counts).toMatchObject({ ownWrites: echoes, accepted: 1 });
    // That round stamps the edit; its own PATCH's notification again queues nothing.
    expect(await runRound()).toMatchObject({ patches: 1, committed: true });
    expect(categoriesOf(s.harness.sandbox, ADA, 'Customer kickoff and focus')).toEqual(['Customer', 'Focus']);
    expect(await queued()).toEqual([]);
    expect(n.handler.counts.ownWrites).toBe(echoes + 1);
  });

  test('the change key is remembered per event: an echo naming another event of the mailbox is not ours', async () => {
    await runRound();
    await queued();
    const stored = [...s.harness.sandbox.store.mailbox(ADA).events.values()];
    const kickoff = stored.find((e) => e.subject === 'Customer kickoff')!;
    const lunch = eventsOf(s.harness.sandbox, ADA).get('Lunch')!;
    const etag = `W/"${kickoff.changeKey}"`;
    expect(ownWrites.isEcho(s.tenantId, ADA, { id: kickoff.id, '@odata.etag': etag })).toBe(true);
    expect(ownWrites.isEcho(s.tenantId, ADA, { id: lunch.id, '@odata.etag': etag })).toBe(false);
    expect(ownWrites.isEcho(s.tenantId, ADA, { id: kickoff.id })).toBe(false);
  });
});
