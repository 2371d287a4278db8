/**
 * The schedule as a safety net (issue 17): a mailbox whose change notifications are live gets its scheduled round
 * at the long interval; one that loses them (missed, removed, renewal failed, expired, never subscribed) is back
 * on the short interval at the very next tick. Subscriptions and lifecycle notifications come from the sandbox.
 */
import { loadSyncHostConfig } from '../../server/config/sync';
import { SubscriptionHealth } from '../../server/sync/subscription-health';
import { SyncScheduler } from '../../server/sync/sync-scheduler';
import { startNotificationEndpoint, type NotificationEndpoint } from './support/notification-endpoint';
import { startSyncStack, type SyncStack } from './support/sync-stack';
import { ADA, BO } from './support/team';

const MINUTE = 60_000;
const SHORT = 15 * MINUTE;
const LONG = 360 * MINUTE;

describe('live subscriptions put the schedule on the long interval', () => {
  let s: SyncStack;
  let n: NotificationEndpoint;
  let health: SubscriptionHealth;
  let scheduler: SyncScheduler;
  // One clock for the scheduler and the manager, moved by the tests (it starts at the real time: the sandbox checks
  // a subscription's expiry against its own clock).
  const base = Date.now();
  let offset = 0;
  const now = () => new Date(base + offset);
  /** The mailboxes the next tick queues (drained from the queue). */
  const tick = async (): Promise<string[]> => {
    await scheduler.tick();
    const got = await s.queue.receive(10, MINUTE);
    for (const m of got) await s.queue.complete(m);
    return got.map((m) => m.job.mailboxId).sort();
  };
  const subscriptionOf = async (mailbox: string) => (await n.store.forMailbox(s.tenantId, mailbox))!;

  beforeEach(async () => {
    offset = 0;
    s = await startSyncStack();
    health = new SubscriptionHealth();
    n = await startNotificationEndpoint(s, { now, lifetimeMinutes: 600, renewBeforeMs: 60 * MINUTE, health });
    scheduler = new SyncScheduler({
      queue: s.queue,
      stores: s.stores,
      tenants: () => [s.tenantId],
      allMailboxes: async () => [],
      subscriptions: n.manager,
      intervalMs: SHORT,
      liveIntervalMs: LONG,
      health,
      now,
    });
    // The first tick queues both mailboxes and creates their subscriptions (Graph validates the endpoint first).
    expect(await tick()).toEqual([ADA, BO]);
  });
  afterEach(async () => {
    await scheduler.stop();
    await n.close();
    await s.close();
  });

  test('with a live subscription the next scheduled round is liveIntervalMs away, not intervalMs', async () => {
    expect(health.isLive(s.tenantId, ADA, now().getTime())).toBe(true);
    offset += SHORT;
    expect(await tick()).toEqual([]);
    offset = LONG - 1;
    expect(await tick()).toEqual([]);
    offset = LONG;
    expect(await tick()).toEqual([ADA, BO]);
  });

  test('live interval equal to the short one: a round every interval, as before', async () => {
    const everyInterval = new SyncScheduler({
      queue: s.queue,
      stores: s.stores,
      tenants: () => [s.tenantId],
      allMailboxes: async () => [],
      subscriptions: n.manager,
      intervalMs: SHORT,
      liveIntervalMs: SHORT,
      health,
      now,
    });
    await everyInterval.tick();
    await tick();
    offset += SHORT;
    await everyInterval.tick();
    const got = await s.queue.receive(10, MINUTE);
    expect(got.map((m) => m.job.mailboxId).sort()).toEqual([ADA, BO]);
  });

  test('missed: short at the next tick, and long again once a full round has run', async () => {
    await s.harness.sandbox.triggerLifecycle((await subscriptionOf(ADA)).subscriptionId, 'missed');
    // The handler queued Ada's full round.
    const missed = await s.queue.receive(10, MINUTE);
    expect(missed.map((m) => m.job)).toEqual([{ tenantId: s.tenantId, mailboxId: ADA, reason: 'missed', full: true }]);
    await s.queue.complete(missed[0]!);
    offset += SHORT;
    expect(await tick()).toEqual([ADA]);
    offset += SHORT;
    expect(await tick()).toEqual([ADA]);
    health.fullRoundDone(s.tenantId, ADA);
    offset += SHORT;
    expect(await tick()).toEqual([]);
  });

  test('subscriptionRemoved with a failed recreation: short until a subscription exists again', async () => {
    s.harness.sandbox.faults.script({ kind: 'status', status: 503, retryAfterSeconds: 0, match: { method: 'POST', path: /^\/subscriptions$/ }, every: 1 });
    await s.harness.sandbox.triggerLifecycle((await subscriptionOf(ADA)).subscriptionId, 'subscriptionRemoved');
    await n.handler.idle();
    await s.queue.receive(10, MINUTE).then((got) => Promise.all(got.map((m) => s.queue.complete(m))));
    offset += SHORT;
    // Ada is due on the short interval; her tick's ensure fails too (Graph still refuses), so she stays short.
    expect(await tick()).toEqual([ADA]);
    s.harness.sandbox.faults.clearScript();
    offset += SHORT;
    // This tick's ensure creates her subscription: from now on she is live.
    expect(await tick()).toEqual([ADA]);
    expect(health.isLive(s.tenantId, ADA, now().getTime())).toBe(true);
    offset += SHORT;
    expect(await tick()).toEqual([]);
  });

  test('a failed renewal puts the mailbox on the short interval at once; a successful one brings it back', async () => {
    s.harness.sandbox.faults.script({ kind: 'status', status: 503, retryAfterSeconds: 0, match: { method: 'PATCH', path: /^\/subscriptions\// }, every: 1 });
    await expect(n.manager.renew(await subscriptionOf(ADA))).rejects.toThrow();
    offset += SHORT;
    expect(await tick()).toEqual([ADA]);
    s.harness.sandbox.faults.clearScript();
    await n.manager.renew(await subscriptionOf(ADA));
    offset += SHORT;
    expect(await tick()).toEqual([]);
  });

  test('a subscription that expired without renewal is not live', async () => {
    offset = Date.parse((await subscriptionOf(ADA)).expiresAt) - base;
    // Both due long ago; ensure creates new subscriptions for them as they are queued.
    expect(await tick()).toEqual([ADA, BO]);
    expect(health.isLive(s.tenantId, ADA, now().getTime())).toBe(true);
    expect(health.isLive(s.tenantId, ADA, Date.parse((await subscriptionOf(ADA)).expiresAt))).toBe(false);
  });

  test('without subscriptions (no public URL) every mailbox stays on the short interval', async () => {
    const scheduleOnly = new SyncScheduler({
      queue: s.queue,
      stores: s.stores,
      tenants: () => [s.tenantId],
      allMailboxes: async () => [],
      intervalMs: SHORT,
      liveIntervalMs: LONG,
      health: new SubscriptionHealth(),
      now,
    });
    await scheduleOnly.tick();
    await s.queue.receive(10, MINUTE).then((got) => Promise.all(got.map((m) => s.queue.complete(m))));
    offset += SHORT;
    expect(await scheduleOnly.tick()).toBe(2);
  });
});

describe('CALSYNC_SYNC_LIVE_INTERVAL_MINUTES', () => {
  test('default 360 minutes; equal to the short interval is allowed (a round every interval); shorter is refused', () => {
    expect(loadSyncHostConfig({})).toMatchObject({ intervalMs: SHORT, liveIntervalMs: LONG });
    expect(loadSyncHostConfig({ CALSYNC_SYNC_INTERVAL_MINUTES: '15', CALSYNC_SYNC_LIVE_INTERVAL_MINUTES: '15' })).toMatchObject({
      intervalMs: SHORT,
      liveIntervalMs: SHORT,
    });
    expect(() => loadSyncHostConfig({ CALSYNC_SYNC_INTERVAL_MINUTES: '30', CALSYNC_SYNC_LIVE_INTERVAL_MINUTES: '15' })).toThrow(
      /CALSYNC_SYNC_LIVE_INTERVAL_MINUTES: expected at least/,
    );
  });
});
