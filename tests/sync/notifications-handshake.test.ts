/** POST /api/notifications: the validation handshake, and forged or unknown notifications dropped with a 202. */
import request from 'supertest';
import { MAX_SUBSCRIPTION_MINUTES } from '../../server/sync/subscription-manager';
import { clientStateMatches } from '../../server/sync/notification-handler';
import { startNotificationEndpoint, type NotificationEndpoint } from './support/notification-endpoint';
import { startSyncStack, type SyncStack } from './support/sync-stack';
import { ADA } from './support/team';

/** The genuine state with its last character changed — never equal to it, whatever that character was. */
function forgeOneCharacter(state: string): string {
  return `${state.slice(0, -1)}${state.endsWith('x') ? 'y' : 'x'}`;
}

describe('notification endpoint', () => {
  let s: SyncStack;
  let n: NotificationEndpoint;
  beforeAll(async () => {
    s = await startSyncStack();
    n = await startNotificationEndpoint(s);
  });
  afterAll(async () => {
    await n.close();
    await s.close();
  });

  test('the validation token is echoed as text/plain, without a bearer token', async () => {
    const token = 'Validation: Testing client application reachability <b>&</b>';
    const res = await request(n.server)
      .post(`/api/notifications?validationToken=${encodeURIComponent(token)}`)
      .set('Content-Type', 'text/plain')
      .send('')
      .expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain/);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.text).toBe(token);
  });

  test('a subscription is created through the sandbox handshake, with a random clientState and a bounded expiry', async () => {
    const sub = await n.manager.ensure(s.tenantId, ADA);
    const listed = (await s.harness.deps.client.api('/subscriptions').get()) as {
      value: { id: string; resource: string; changeType: string; clientState: string; expirationDateTime: string }[];
    };
    expect(listed.value).toEqual([
      expect.objectContaining({
        id: sub.subscriptionId,
        resource: `/users/${encodeURIComponent(ADA)}/events`,
        changeType: 'created,updated,deleted',
        clientState: sub.clientState,
      }),
    ]);
    expect(sub.clientState.length).toBeGreaterThanOrEqual(32);
    expect(sub.clientState.length).toBeLessThanOrEqual(128);
    expect(Date.parse(sub.expiresAt) - Date.now()).toBeLessThanOrEqual(MAX_SUBSCRIPTION_MINUTES * 60_000);
    // ensure is idempotent while the subscription lives.
    expect((await n.manager.ensure(s.tenantId, ADA)).subscriptionId).toBe(sub.subscriptionId);
    const other = await n.manager.ensure(s.tenantId, 'bo@contoso.com');
    expect(other.clientState).not.toBe(sub.clientState);
  });

  test('forged clientState, unknown subscription and junk items are ignored with a 202; the genuine one is queued', async () => {
    const sub = (await n.store.forMailbox(s.tenantId, ADA))!;
    const forged = {
      subscriptionId: sub.subscriptionId,
      tenantId: s.tenantId,
      clientState: forgeOneCharacter(sub.clientState),
      changeType: 'updated',
      resource: 'Users/x/Events/y',
    };
    const items = [
      forged,
      { ...forged, clientState: 'short' },
      { ...forged, clientState: undefined },
      { ...forged, subscriptionId: 'not-ours', clientState: sub.clientState },
      { ...forged, clientState: sub.clientState, lifecycleEvent: 'missed', subscriptionId: 'not-ours' },
      // The genuine subscription and clientState, but another tenant (or none) named: looked up there, not found.
      { ...forged, clientState: sub.clientState, tenantId: 'bbbbbbbb-0000-4000-8000-00000000000b' },
      { ...forged, clientState: sub.clientState, tenantId: undefined },
      42,
      null,
    ];
    await request(n.server).post('/api/notifications').send({ value: items }).expect(202);
    expect(n.handler.counts).toMatchObject({ accepted: 0, forged: items.length });
    expect(await s.queue.receive(10, 60_000)).toEqual([]);

    await request(n.server)
      .post('/api/notifications')
      .send({
        value: [
          { ...forged, clientState: sub.clientState },
          { ...forged, clientState: sub.clientState },
        ],
      })
      .expect(202);
    const queued = await s.queue.receive(10, 60_000);
    // Two notifications for one mailbox in one delivery: one round reads both changes.
    expect(queued.map((m) => m.job)).toEqual([{ tenantId: s.tenantId, mailboxId: ADA, reason: 'notification' }]);
    await s.queue.complete(queued[0]!);
  });

  test('a body that is not a notification batch is a 400; the API behind bearer auth is unaffected', async () => {
    await request(n.server).post('/api/notifications').send({ nope: true }).expect(400);
    await request(n.server).get('/api/rules').expect(401);
  });

  test('clientState comparison: equal strings only, any length, any type', () => {
    expect(clientStateMatches('abc', 'abc')).toBe(true);
    expect(clientStateMatches('abc', 'abd')).toBe(false);
    expect(clientStateMatches('abc', 'abcd')).toBe(false);
    expect(clientStateMatches('abc', ['abc'])).toBe(false);
    expect(clientStateMatches('é', 'e\u0301')).toBe(false);
  });
});
