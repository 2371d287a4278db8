/**
 * Graph's rules for a webhook endpoint, as the sandbox models them (issue #14 item 4):
 * - validation succeeds only on 200 with Content-Type text/plain and the token as decoded from the query string
 *   (concepts/includes/change-notifications-delivery-notificationurl-validation.md);
 * - a delivery not answered within the timeout is slow; after 100 notifications, 10 % slow responses flag the
 *   endpoint slow (its notifications are held back) and 15 % drop them
 *   (concepts/change-notifications-delivery-webhooks.md, "Throttling").
 * Slowness is scripted per delivery: the receiver never answers the n-th POST on a path, so the sandbox's timeout
 * ends it — a timed-out delivery is slow whatever the machine's load.
 */
import { graphEndpointThrottling } from '../src/endpoint-health';
import { singleEvent, smallTenant } from './support/factories';
import { NotificationReceiver } from './support/notification-receiver';
import { startHarness, type SandboxHarness } from './support/sandbox-client';

const inMinutes = (minutes: number): string => new Date(Date.now() + minutes * 60_000).toISOString();

describe('graph sandbox: notification endpoint rules', () => {
  let h: SandboxHarness;
  const receiver = new NotificationReceiver();
  let hook = '';
  beforeAll(async () => {
    h = await startHarness({
      scenario: { document: smallTenant() },
      subscriptions: {
        validationTimeoutMs: 2_000,
        notificationBatchDelayMs: 5,
        maxNotificationsPerPost: 1,
        deliveryAttempts: 1,
        deliveryTimeoutMs: 1_000,
        // A held-back delivery must not arrive during the test: an hour, not Graph's 10 minutes.
        throttling: { ...graphEndpointThrottling, slowResponseMs: 900, delayMs: 3_600_000 },
      },
    });
    hook = await receiver.start();
  });
  afterAll(async () => {
    await h.close();
    await receiver.stop();
  });

  const subscribe = (path: string) =>
    h.raw('POST', '/v1.0/subscriptions', {
      body: {
        changeType: 'created',
        notificationUrl: `${hook}${path}`,
        resource: '/users/ada@contoso.com/events',
        expirationDateTime: inMinutes(60),
        clientState: 'secret',
      },
    });

  it('validation needs 200, text/plain and the decoded token', async () => {
    receiver.validationContentType = 'application/json';
    const json = await subscribe('/validation');
    expect(json.status).toBe(400);
    expect(json.body.error.code).toBe('ValidationError');
    receiver.validationContentType = 'text/plain; charset=utf-8';
    receiver.echoEncoded = true;
    expect((await subscribe('/validation')).status).toBe(400);
    receiver.echoEncoded = false;
    const ok = await subscribe('/validation');
    expect(ok.status).toBe(201);
    await h.raw('DELETE', `/v1.0/subscriptions/${ok.body.id}`);
  });

  it('10 % slow responses over 100 notifications flag the endpoint slow (held back); 15 % drop its notifications', async () => {
    // Every 10th POST to /slow and every 6th to /drop goes unanswered: 10 and 16 of the first 100.
    receiver.holdNotification = (path, nth) => (path === '/slow' && nth % 10 === 0) || (path === '/drop' && nth % 6 === 0);
    const slow = await subscribe('/slow');
    const drop = await subscribe('/drop');
    expect([slow.status, drop.status]).toEqual([201, 201]);
    for (let i = 0; i < 100; i++) {
      await h.client.api('/users/ada@contoso.com/events').post(singleEvent(`Change ${i}`, 30 + i));
      // One change at a time, so each is its own POST and the counts are exact.
      await h.sandbox.notificationsSettled();
    }
    const slowUrl = `${hook}/slow`;
    const dropUrl = `${hook}/drop`;
    expect(h.sandbox.endpointReport(slowUrl)).toMatchObject({ state: 'slow', notifications: 100, responses: 100, slowResponses: 10 });
    expect(h.sandbox.endpointReport(dropUrl)).toMatchObject({ state: 'drop', notifications: 100, responses: 100, slowResponses: 16 });

    const receivedBefore = { slow: receiver.notifications('/slow').length, drop: receiver.notifications('/drop').length };
    await h.client.api('/users/ada@contoso.com/events').post(singleEvent('After the verdict', 200));
    await h.sandbox.notificationsSettled();
    expect(h.sandbox.endpointReport(slowUrl)).toMatchObject({ delayed: 1, dropped: 0 });
    expect(h.sandbox.endpointReport(dropUrl)).toMatchObject({ delayed: 0, dropped: 1 });
    expect(receiver.notifications('/slow').length).toBe(receivedBefore.slow);
    expect(receiver.notifications('/drop').length).toBe(receivedBefore.drop);
    for (const s of [slow, drop]) await h.raw('DELETE', `/v1.0/subscriptions/${s.body.id}`);
  }, 120_000);
});
