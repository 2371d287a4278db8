/** Lifecycle notifications from the sandbox: reauthorizationRequired → renew, missed → full round, subscriptionRemoved → recreate. */
import type { MailboxWorker } from '../../server/sync/mailbox-worker';
import { startNotificationEndpoint, type NotificationEndpoint } from './support/notification-endpoint';
import { startSyncStack, type SyncStack } from './support/sync-stack';
import { ADA } from './support/team';

const HOUR = 3_600_000;

describe('lifecycle notifications', () => {
  let s: SyncStack;
  let n: NotificationEndpoint;
  let worker: MailboxWorker;
  // The manager's clock: moved by the tests, so a renewal's new expiry is known exactly.
  let offset = 0;
  const now = () => new Date(base + offset);
  const base = Date.now();
  const graphSubscription = async (id: string) => (await s.harness.deps.client.api(`/subscriptions/${id}`).get()) as { id: string; expirationDateTime: string };
  const queued = async () => {
    const got = await s.queue.receive(10, 60_000);
    for (const m of got) await s.queue.complete(m);
    return got.map((m) => m.job);
  };

  beforeAll(async () => {
    s = await startSyncStack();
    n = await startNotificationEndpoint(s, { now, lifetimeMinutes: 600, renewBeforeMs: HOUR });
    worker = s.worker();
    await s.queue.enqueue({ tenantId: s.tenantId, mailboxId: ADA, reason: 'schedule' });
    await worker.runOnce();
  });
  afterAll(async () => {
    await n.close();
    await s.close();
  });

  test('reauthorizationRequired renews the subscription', async () => {
    const sub = await n.manager.ensure(s.tenantId, ADA);
    offset += HOUR;
    await s.harness.sandbox.triggerLifecycle(sub.subscriptionId, 'reauthorizationRequired');
    await n.handler.idle();
    const expected = new Date(base + offset + 600 * 60_000).toISOString();
    expect(await n.store.forMailbox(s.tenantId, ADA)).toEqual({ ...sub, expiresAt: expected });
    expect(Date.parse((await graphSubscription(sub.subscriptionId)).expirationDateTime)).toBe(Date.parse(expected));
    expect(await queued()).toEqual([]);
  });

  test('missed queues a full round: the deltaLink is dropped and the whole window is read, with no PATCH', async () => {
    const sub = (await n.store.forMailbox(s.tenantId, ADA))!;
    await s.harness.sandbox.triggerLifecycle(sub.subscriptionId, 'missed');
    const jobs = await s.queue.receive(10, 60_000);
    expect(jobs.map((m) => m.job)).toEqual([{ tenantId: s.tenantId, mailboxId: ADA, reason: 'missed', full: true }]);
    await s.queue.abandon(jobs[0]!);
    s.outcomes.length = 0;
    await worker.runOnce();
    expect(s.outcomes[0]).toMatchObject({ kind: 'done', report: { fullRound: true, patches: 0, committed: true } });
  });

  test('subscriptionRemoved creates a new subscription (new id, new clientState) and queues a catch-up round', async () => {
    const old = (await n.store.forMailbox(s.tenantId, ADA))!;
    await s.harness.sandbox.triggerLifecycle(old.subscriptionId, 'subscriptionRemoved');
    await n.handler.idle();
    const fresh = (await n.store.forMailbox(s.tenantId, ADA))!;
    expect(fresh.subscriptionId).not.toBe(old.subscriptionId);
    expect(fresh.clientState).not.toBe(old.clientState);
    expect(await n.store.bySubscriptionId(s.tenantId, old.subscriptionId)).toBeUndefined();
    const listed = (await s.harness.deps.client.api('/subscriptions').get()) as { value: { id: string }[] };
    expect(listed.value.map((x) => x.id)).toEqual([fresh.subscriptionId]);
    expect(await queued()).toEqual([{ tenantId: s.tenantId, mailboxId: ADA, reason: 'notification' }]);
  });

  test('renewDue renews a subscription once less than renewBeforeMs is left, and not before', async () => {
    const sub = (await n.store.forMailbox(s.tenantId, ADA))!;
    expect(await n.manager.renewDue()).toBe(0);
    offset = Date.parse(sub.expiresAt) - base - HOUR + 1;
    expect(await n.manager.renewDue()).toBe(1);
    const renewed = (await n.store.forMailbox(s.tenantId, ADA))!;
    expect(renewed).toEqual({ ...sub, expiresAt: new Date(base + offset + 600 * 60_000).toISOString() });
    expect(Date.parse((await graphSubscription(sub.subscriptionId)).expirationDateTime)).toBe(Date.parse(renewed.expiresAt));
  });
});
