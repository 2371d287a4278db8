import { referenceDeltaSeries, reportedDeltaSeries } from '../src/index';
import { attendee, dayFromToday, singleEvent, smallTenant } from './support/factories';
import * as docs from './support/graph-doc-samples';
import { knownDeviations } from './support/known-deviations';
import { NotificationReceiver } from './support/notification-receiver';
import { startHarness, windowAroundNow, type SandboxHarness } from './support/sandbox-client';
import { shapeDifferences, summarize } from './support/shape-check';

// Two-way shape checks of sandbox responses against the Graph documentation samples (support/shape-check.ts).
// Where the sandbox still differs, the difference is listed in support/known-deviations.ts and asserted exactly.
describe('graph sandbox: response shapes match the Graph documentation', () => {
  let h: SandboxHarness;
  const receiver = new NotificationReceiver();
  let hook = '';
  let singleId = '';
  let masterId = '';
  const view = (user: string): string => `/v1.0/users/${user}/calendarView?${new URLSearchParams(windowAroundNow(1, 14)).toString()}`;
  const delta = (user: string): string => `/v1.0/users/${user}/calendarView/delta?${new URLSearchParams(windowAroundNow(1, 14)).toString()}`;
  const relative = (link: string): string => link.slice(h.sandbox.baseUrl.length);

  beforeAll(async () => {
    h = await startHarness({ scenario: { document: smallTenant() }, subscriptions: { notificationBatchDelayMs: 10 } });
    hook = await receiver.start();
    const users = h.client.api('/users/olivia@contoso.com/events');
    // Every event has a location, as the doc samples do (Graph leaves uniqueId out when there is none).
    const single = await users.post(
      singleEvent('Lunch', 3, {
        attendees: [attendee('ada@contoso.com')],
        categories: ['Customer'],
        location: { displayName: 'Cafe' },
        body: { contentType: 'html', content: 'Noon?' },
      }),
    );
    singleId = single.id;
    const master = await users.post({
      ...singleEvent('Weekly', 5, { attendees: [attendee('bo@contoso.com')], location: { displayName: 'Room 1' } }),
      recurrence: {
        pattern: { type: 'weekly', interval: 1, daysOfWeek: ['monday'] },
        range: { type: 'endDate', startDate: dayFromToday(0), endDate: dayFromToday(60) },
      },
    });
    masterId = master.id;
    for (let i = 0; i < 4; i++) await users.post(singleEvent(`Filler ${i}`, 7 + i, { location: { displayName: 'Desk' } }));
  });
  afterAll(async () => {
    await h.close();
    await receiver.stop();
  });

  it('GET event: a single instance', async () => {
    const res = await h.raw('GET', `/v1.0/users/olivia@contoso.com/events/${singleId}`);
    expect(summarize(shapeDifferences(docs.eventShape, res.body))).toEqual(knownDeviations.event);
  });

  it('GET event: a series master with its recurrence', async () => {
    const res = await h.raw('GET', `/v1.0/users/olivia@contoso.com/events/${masterId}`);
    expect(res.body.type).toBe('seriesMaster');
    expect(summarize(shapeDifferences(docs.seriesMasterShape, res.body))).toEqual(knownDeviations.seriesMaster);
  });

  it('calendarView: a page with @odata.nextLink', async () => {
    const res = await h.raw('GET', view('olivia@contoso.com'), { headers: { Prefer: 'odata.maxpagesize=3' } });
    expect(res.body['@odata.nextLink']).toEqual(expect.any(String));
    expect(summarize(shapeDifferences(docs.calendarViewPageShape, res.body))).toEqual(knownDeviations.calendarView);
  });

  it('calendarView/delta: a first-round page, the deltaLink page, and the next round with @removed', async () => {
    // The reference page's shape (whole occurrences); the stub shape real Graph sends is checked against its
    // sources in series-delta.test.ts.
    h.sandbox.deltaSeries.configure(referenceDeltaSeries);
    const events = h.client.api('/users/bo@contoso.com/events');
    const at = { location: { displayName: 'Desk' } };
    const keep = await events.post(singleEvent('Keep', 4, at));
    const drop = await events.post(singleEvent('Drop', 6, at));
    for (let i = 0; i < 3; i++) await events.post(singleEvent(`More ${i}`, 8 + i, at));
    const first = await h.raw('GET', delta('bo@contoso.com'), { headers: { Prefer: 'odata.maxpagesize=2' } });
    expect(summarize(shapeDifferences(docs.deltaNextPageShape, first.body))).toEqual(knownDeviations.deltaPage);
    let page = first.body;
    while (page['@odata.nextLink']) page = (await h.raw('GET', relative(page['@odata.nextLink']), { headers: { Prefer: 'odata.maxpagesize=2' } })).body;
    expect(summarize(shapeDifferences(docs.deltaLastPageShape, page))).toEqual(knownDeviations.deltaPage);

    await h.client.api(`/users/bo@contoso.com/events/${drop.id}`).delete();
    await h.client.api(`/users/bo@contoso.com/events/${keep.id}`).patch({ subject: 'Kept' });
    const next = await h.raw('GET', relative(page['@odata.deltaLink']));
    const entries: Array<Record<string, unknown>> = next.body.value;
    expect(entries.find((e) => e['@removed'])?.id).toBe(drop.id);
    expect(entries.find((e) => !e['@removed'])?.id).toBe(keep.id);
    expect(summarize(shapeDifferences(docs.deltaNextRoundShape, next.body))).toEqual(knownDeviations.deltaPage);
    h.sandbox.deltaSeries.configure(reportedDeltaSeries);
  });

  it('GET users', async () => {
    expect(shapeDifferences(docs.usersShape, (await h.raw('GET', '/v1.0/users')).body)).toEqual([]);
  });

  it('GET mailboxSettings', async () => {
    const res = await h.raw('GET', '/v1.0/users/olivia@contoso.com/mailboxSettings');
    expect(summarize(shapeDifferences(docs.mailboxSettingsShape, res.body))).toEqual(knownDeviations.mailboxSettings);
  });

  it('masterCategories: list and create', async () => {
    const list = await h.raw('GET', '/v1.0/users/olivia@contoso.com/outlook/masterCategories');
    expect(shapeDifferences(docs.masterCategoriesShape, list.body)).toEqual([]);
    const created = await h.raw('POST', '/v1.0/users/olivia@contoso.com/outlook/masterCategories', {
      body: { displayName: 'Project expenses', color: 'preset9' },
    });
    expect(created.status).toBe(201);
    expect(shapeDifferences(docs.categoryCreatedShape, created.body)).toEqual([]);
  });

  it('$batch: the envelope, and each inner body against the sample of its request', async () => {
    const res = await h.raw('POST', '/v1.0/$batch', {
      body: {
        requests: [
          { id: '1', method: 'GET', url: '/users/ada@contoso.com/mailboxSettings' },
          {
            id: '2',
            method: 'POST',
            url: '/users/ada@contoso.com/outlook/masterCategories',
            headers: { 'Content-Type': 'application/json' },
            body: { displayName: 'Batch', color: 'preset1' },
          },
          { id: '3', method: 'GET', url: '/users/ada@contoso.com/events/AAMkAGnothere' },
        ],
      },
    });
    expect(shapeDifferences(docs.batchResponseShape, res.body)).toEqual([]);
    const byId = new Map<string, { status: number; body: unknown }>(res.body.responses.map((r: { id: string }) => [r.id, r]));
    expect([1, 2, 3].map((i) => byId.get(String(i))?.status)).toEqual([200, 201, 404]);
    expect(summarize(shapeDifferences(docs.mailboxSettingsShape, byId.get('1')?.body))).toEqual(knownDeviations.mailboxSettings);
    expect(shapeDifferences(docs.categoryCreatedShape, byId.get('2')?.body)).toEqual([]);
    expect(shapeDifferences(docs.errorShape, byId.get('3')?.body)).toEqual([]);
  });

  it('subscription create, a change notification and a lifecycle notification as a listener receives them', async () => {
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
    expect(shapeDifferences(docs.subscriptionShape, sub.body)).toEqual([]);
    await h.client.api('/users/ada@contoso.com/events').post(singleEvent('Notify me', 90));
    await receiver.waitFor(() => receiver.notifications('/notify').length > 0);
    expect(summarize(shapeDifferences(docs.changeNotificationShape, receiver.posts.find((p) => p.path === '/notify')?.body))).toEqual(
      knownDeviations.changeNotification,
    );
    await h.sandbox.triggerLifecycle(sub.body.id, 'reauthorizationRequired');
    expect(shapeDifferences(docs.lifecycleNotificationShape, receiver.posts.find((p) => p.path === '/lifecycle')?.body)).toEqual([]);
  });

  it('error bodies: 404 and 429', async () => {
    const missing = await h.raw('GET', '/v1.0/users/olivia@contoso.com/events/AAMkAGnothere');
    expect(missing.status).toBe(404);
    expect(shapeDifferences(docs.errorShape, missing.body)).toEqual([]);
    h.sandbox.limits.configure({ requestsPerWindow: 1 });
    try {
      await h.raw('GET', '/v1.0/users/room.atlas@contoso.com/mailboxSettings');
      const throttled = await h.raw('GET', '/v1.0/users/room.atlas@contoso.com/mailboxSettings');
      expect(throttled.status).toBe(429);
      expect(throttled.headers.get('retry-after')).toMatch(/^\d+$/);
      expect(summarize(shapeDifferences(docs.throttledErrorShape, throttled.body))).toEqual(knownDeviations.throttled);
    } finally {
      h.sandbox.limits.configure({ requestsPerWindow: 10_000 });
      h.sandbox.limits.resetCounters();
    }
  });

  it('token response', async () => {
    const res = await fetch(h.sandbox.tokenUrl, {
      method: 'POST',
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: h.sandbox.app.clientId,
        client_secret: h.sandbox.app.clientSecret,
        scope: 'https://graph.microsoft.com/.default',
      }),
      dispatcher: h.dispatcher,
    } as RequestInit);
    expect(shapeDifferences(docs.tokenResponseShape, await res.json())).toEqual([]);
  });
});
