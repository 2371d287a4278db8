import { startHarness, type SandboxHarness } from './support/sandbox-client';
import { NotificationReceiver } from './support/notification-receiver';
import { singleEvent, smallTenant } from './support/factories';
import { createEvent } from '../src/event-writes';
import { parseEventInput } from '../src/event-input';

const inMinutes = (minutes: number): string => new Date(Date.now() + minutes * 60_000).toISOString();

describe('graph sandbox: change-notification subscriptions', () => {
  let h: SandboxHarness;
  const receiver = new NotificationReceiver();
  let hook = '';
  beforeAll(async () => {
    h = await startHarness({ scenario: { document: smallTenant() }, subscriptions: { validationTimeoutMs: 2_000, notificationBatchDelayMs: 30 } });
    hook = await receiver.start();
  });
  afterAll(async () => {
    await h.close();
    await receiver.stop();
  });

  const subscribe = (overrides: Record<string, unknown> = {}) =>
    h.client.api('/subscriptions').post({
      changeType: 'created,updated,deleted',
      notificationUrl: `${hook}/notify`,
      lifecycleNotificationUrl: `${hook}/lifecycle`,
      resource: '/users/ada@contoso.com/events',
      expirationDateTime: inMinutes(60),
      clientState: 'calsync-secret',
      ...overrides,
    });

  it('validates the notification URL with a validationToken handshake before creating', async () => {
    const before = receiver.validations;
    const sub = await subscribe();
    expect(receiver.validations - before).toBe(2);
    expect(sub).toEqual(
      expect.objectContaining({
        id: expect.any(String),
        resource: '/users/ada@contoso.com/events',
        clientState: 'calsync-secret',
        changeType: 'created,updated,deleted',
      }),
    );
    await h.client.api(`/subscriptions/${sub.id}`).delete();
  });

  it('echoes the expiry with seven fractional digits and includeResourceData as requested (null when not)', async () => {
    const expiry = new Date(Date.now() + 60 * 60_000);
    const sub = await subscribe({ expirationDateTime: expiry.toISOString() });
    expect(sub.expirationDateTime).toBe(expiry.toISOString().replace('Z', '0000Z'));
    expect(sub.includeResourceData).toBeNull();
    const asFalse = await subscribe({ includeResourceData: false });
    expect(asFalse.includeResourceData).toBe(false);
    // Rich notifications need an encryption certificate the sandbox does not implement: refused, not ignored.
    const rich = await h.raw('POST', '/v1.0/subscriptions', {
      body: {
        changeType: 'created',
        notificationUrl: `${hook}/notify`,
        resource: '/users/ada@contoso.com/events',
        expirationDateTime: inMinutes(60),
        includeResourceData: true,
      },
    });
    expect(rich.status).toBe(400);
    for (const s of [sub, asFalse]) await h.client.api(`/subscriptions/${s.id}`).delete();
  });

  it('fails creation when the endpoint does not echo the token', async () => {
    receiver.echoValidation = false;
    try {
      const res = await h.raw('POST', '/v1.0/subscriptions', {
        body: { changeType: 'created', notificationUrl: `${hook}/notify`, resource: '/users/ada@contoso.com/events', expirationDateTime: inMinutes(60) },
      });
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('ValidationError');
    } finally {
      receiver.echoValidation = true;
    }
  });

  it('accepts an expiry of exactly 4,230 minutes, refuses 4,231, and refuses a clientState over 128 characters', async () => {
    const longest = await subscribe({ expirationDateTime: inMinutes(4_230) });
    expect(Date.parse(longest.expirationDateTime)).toBeGreaterThan(Date.now() + 4_229 * 60_000);
    await h.client.api(`/subscriptions/${longest.id}`).delete();
    const far = await h.raw('POST', '/v1.0/subscriptions', {
      body: { changeType: 'created', notificationUrl: `${hook}/notify`, resource: '/users/ada@contoso.com/events', expirationDateTime: inMinutes(4_231) },
    });
    expect(far.status).toBe(400);
    expect(far.body.error.message).toMatch(/4230 minutes/);
    const renewedTooFar = await h.raw('PATCH', `/v1.0/subscriptions/${(await subscribe()).id}`, { body: { expirationDateTime: inMinutes(4_231) } });
    expect(renewedTooFar.status).toBe(400);
    const long = await h.raw('POST', '/v1.0/subscriptions', {
      body: {
        changeType: 'created',
        notificationUrl: `${hook}/notify`,
        resource: '/users/ada@contoso.com/events',
        expirationDateTime: inMinutes(60),
        clientState: 'x'.repeat(129),
      },
    });
    expect(long.status).toBe(400);
  });

  it("delivers created, updated and deleted notifications, including the app's own writes, with clientState", async () => {
    const sub = await subscribe();
    const created = await h.client.api('/users/ada@contoso.com/events').post(singleEvent('Watched'));
    await h.client.api(`/users/ada@contoso.com/events/${created.id}`).patch({ categories: ['Stamped by CalSync'] });
    await h.client.api(`/users/ada@contoso.com/events/${created.id}`).delete();
    const mine = () => receiver.notifications().filter((n) => n.subscriptionId === sub.id);
    await receiver.waitFor(() => mine().some((n) => n.changeType === 'deleted'));
    expect(mine().map((n) => n.changeType)).toEqual(['created', 'updated', 'deleted']);
    const first = mine()[0] as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
    expect(first).toEqual(
      expect.objectContaining({
        clientState: 'calsync-secret',
        tenantId: h.sandbox.tenantId,
        resource: expect.stringMatching(/^Users\/.+\/Events\/.+$/),
        resourceData: expect.objectContaining({ '@odata.type': '#Microsoft.Graph.Event', id: created.id }),
      }),
    );
    await h.client.api(`/subscriptions/${sub.id}`).delete();
  });

  it('batches changes that happen together into one POST', async () => {
    const sub = await subscribe();
    const postsBefore = receiver.posts.length;
    // The three changes happen in one tick (straight into the sandbox's store, as one Outlook save can), so they fall
    // in one batching window whatever the machine's load; three HTTP POSTs could straddle it.
    const ada = h.sandbox.store.mailbox('ada@contoso.com');
    for (const i of [1, 2, 3]) createEvent(h.sandbox.store, ada, parseEventInput(singleEvent(`Burst ${i}`, 10 + i)));
    const mine = () => receiver.notifications().filter((n) => n.subscriptionId === sub.id);
    await receiver.waitFor(() => mine().length >= 3);
    const newPosts = receiver.posts.slice(postsBefore).filter((p) => p.body.value.some((n) => n.subscriptionId === sub.id));
    expect(newPosts).toHaveLength(1);
    expect(newPosts[0]?.body.value).toHaveLength(3);
    // Each notification has its own id.
    expect(new Set(newPosts[0]?.body.value.map((n) => n.id)).size).toBe(3);
    await h.client.api(`/subscriptions/${sub.id}`).delete();
  });

  it('notifies an attendee mailbox subscription when an organizer elsewhere invites it', async () => {
    const sub = await subscribe();
    await h.client
      .api('/users/olivia@contoso.com/events')
      .post(singleEvent('Invite for Ada', 30, { attendees: [{ type: 'required', emailAddress: { address: 'ada@contoso.com', name: 'Ada' } }] }));
    await receiver.waitFor(() => receiver.notifications().some((n) => n.subscriptionId === sub.id && n.changeType === 'created'));
    await h.client.api(`/subscriptions/${sub.id}`).delete();
  });

  it('renews and deletes; a deleted subscription is gone', async () => {
    const sub = await subscribe();
    const renewed = await h.client.api(`/subscriptions/${sub.id}`).patch({ expirationDateTime: inMinutes(4_000) });
    expect(Date.parse(renewed.expirationDateTime)).toBeGreaterThan(Date.parse(sub.expirationDateTime));
    expect((await h.raw('PATCH', `/v1.0/subscriptions/${sub.id}`, { body: { expirationDateTime: inMinutes(5_000) } })).status).toBe(400);
    expect((await h.raw('DELETE', `/v1.0/subscriptions/${sub.id}`)).status).toBe(204);
    expect((await h.raw('GET', `/v1.0/subscriptions/${sub.id}`)).status).toBe(404);
  });

  it('sends lifecycle notifications triggered by tests; subscriptionRemoved ends the subscription', async () => {
    const sub = await subscribe();
    for (const event of ['reauthorizationRequired', 'missed', 'subscriptionRemoved'] as const) await h.sandbox.triggerLifecycle(sub.id, event);
    const lifecycle = receiver.notifications('/lifecycle').filter((n) => n.subscriptionId === sub.id);
    expect(lifecycle.map((n) => n.lifecycleEvent)).toEqual(['reauthorizationRequired', 'missed', 'subscriptionRemoved']);
    expect(lifecycle[0]).toEqual(
      expect.objectContaining({ clientState: 'calsync-secret', tenantId: h.sandbox.tenantId, subscriptionExpirationDateTime: expect.any(String) }),
    );
    expect((await h.raw('GET', `/v1.0/subscriptions/${sub.id}`)).status).toBe(404);
  });
});
