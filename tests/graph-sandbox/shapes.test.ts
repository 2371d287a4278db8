import { attendee, singleEvent, smallTenant } from './support/factories';
import * as samples from './support/graph-doc-samples';
import { NotificationReceiver } from './support/notification-receiver';
import { startHarness, windowAroundNow, type SandboxHarness } from './support/sandbox-client';

const { shapeDifferences } = samples;

describe('graph sandbox: response shapes match the Graph documentation samples', () => {
  let h: SandboxHarness;
  const receiver = new NotificationReceiver();
  let hook = '';
  let eventId = '';
  beforeAll(async () => {
    h = await startHarness({ scenario: { document: smallTenant() }, subscriptions: { notificationBatchDelayMs: 10 } });
    hook = await receiver.start();
    for (let i = 0; i < 12; i++) {
      const e = await h.client.api('/users/olivia@contoso.com/events').post(singleEvent(`Shape ${i}`, 2 + i, { attendees: [attendee('ada@contoso.com')], categories: ['Customer'] }));
      eventId = e.id;
    }
  });
  afterAll(async () => {
    await h.close();
    await receiver.stop();
  });

  it('the helper reports a missing field and a wrong type', () => {
    expect(shapeDifferences({ a: 1, b: { c: 'x' } }, { a: '1', b: {} })).toEqual(['$.a: expected number, got string', '$.b.c: missing']);
  });

  it('event', async () => {
    const e = await h.raw('GET', `/v1.0/users/olivia@contoso.com/events/${eventId}`);
    expect(shapeDifferences(samples.eventSample, e.body)).toEqual([]);
    expect(e.body['@odata.context']).toMatch(/\$metadata#users\('olivia@contoso.com'\)\/events\/\$entity$/);
  });

  it('calendarView page', async () => {
    const res = await h.raw('GET', `/v1.0/users/olivia@contoso.com/calendarView?${new URLSearchParams(windowAroundNow(1, 3)).toString()}`);
    expect(shapeDifferences(samples.calendarViewPageSample, res.body)).toEqual([]);
  });

  it('delta pages and @removed entries', async () => {
    const first = await h.raw('GET', `/v1.0/users/olivia@contoso.com/calendarView/delta?${new URLSearchParams(windowAroundNow(1, 3)).toString()}`, { headers: { Prefer: 'odata.maxpagesize=10' } });
    expect(shapeDifferences(samples.deltaNextPageSample, first.body)).toEqual([]);
    const last = await h.raw('GET', first.body['@odata.nextLink'].slice(h.sandbox.baseUrl.length), { headers: { Prefer: 'odata.maxpagesize=10' } });
    expect(shapeDifferences(samples.deltaLastPageSample, last.body)).toEqual([]);
    await h.client.api(`/users/olivia@contoso.com/events/${eventId}`).delete();
    const next = await h.raw('GET', last.body['@odata.deltaLink'].slice(h.sandbox.baseUrl.length));
    const removed = next.body.value.find((v: { '@removed'?: unknown }) => v['@removed']);
    expect(removed).toEqual({ ...samples.deltaRemovedSample, id: eventId });
  });

  it('batch response', async () => {
    const res = await h.raw('POST', '/v1.0/$batch', { body: { requests: [{ id: '1', method: 'GET', url: '/users/ada@contoso.com/mailboxSettings' }] } });
    expect(shapeDifferences(samples.batchResponseSample, res.body)).toEqual([]);
  });

  it('subscription, change notification and lifecycle notification', async () => {
    const sub = await h.raw('POST', '/v1.0/subscriptions', {
      body: {
        changeType: 'created,updated',
        notificationUrl: `${hook}/notify`,
        lifecycleNotificationUrl: `${hook}/lifecycle`,
        resource: '/users/ada@contoso.com/events',
        expirationDateTime: new Date(Date.now() + 3_600_000).toISOString(),
        clientState: 'shape-check',
      },
    });
    expect(sub.status).toBe(201);
    expect(shapeDifferences(samples.subscriptionSample, sub.body)).toEqual([]);
    await h.client.api('/users/ada@contoso.com/events').post(singleEvent('Notify me', 90));
    await receiver.waitFor(() => receiver.notifications().length > 0);
    expect(shapeDifferences(samples.changeNotificationSample, receiver.posts.find((p) => p.path === '/notify')?.body)).toEqual([]);
    await h.sandbox.triggerLifecycle(sub.body.id, 'reauthorizationRequired');
    expect(shapeDifferences(samples.lifecycleNotificationSample, receiver.posts.find((p) => p.path === '/lifecycle')?.body)).toEqual([]);
  });

  it('master categories', async () => {
    const res = await h.raw('GET', '/v1.0/users/olivia@contoso.com/outlook/masterCategories');
    expect(shapeDifferences(samples.masterCategoriesSample, res.body)).toEqual([]);
  });

  it('error body', async () => {
    const res = await h.raw('GET', '/v1.0/users/olivia@contoso.com/events', { authorization: null });
    expect(shapeDifferences(samples.errorSample, res.body)).toEqual([]);
  });

  it('mailbox settings', async () => {
    const res = await h.raw('GET', '/v1.0/users/olivia@contoso.com/mailboxSettings');
    expect(shapeDifferences(samples.mailboxSettingsSample, res.body)).toEqual([]);
  });

  it('token response', async () => {
    const res = await fetch(h.sandbox.tokenUrl, {
      method: 'POST',
      body: new URLSearchParams({ grant_type: 'client_credentials', client_id: h.sandbox.app.clientId, client_secret: h.sandbox.app.clientSecret, scope: 'https://graph.microsoft.com/.default' }),
      dispatcher: h.dispatcher,
    } as RequestInit);
    expect(shapeDifferences(samples.tokenResponseSample, await res.json())).toEqual([]);
  });
});
