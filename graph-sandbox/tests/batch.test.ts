import { BatchRequestContent, BatchResponseContent, type BatchRequestStep } from '@microsoft/microsoft-graph-client';
import { startHarness, type SandboxHarness } from './support/sandbox-client';
import { singleEvent, smallTenant } from './support/factories';

const step = (
  h: SandboxHarness,
  id: string,
  method: string,
  path: string,
  body?: unknown,
  dependsOn?: string[],
  headers: Record<string, string> = {},
): BatchRequestStep => ({
  id,
  request: new Request(`${h.sandbox.baseUrl}/v1.0${path}`, {
    method,
    headers: { ...(body ? { 'Content-Type': 'application/json' } : {}), ...headers },
    ...(body ? { body: JSON.stringify(body) } : {}),
  }),
  ...(dependsOn ? { dependsOn } : {}),
});

/** `count` GETs of one path, independent or each depending on the one before. */
const steps = (h: SandboxHarness, count: number, path: string, chained: boolean): BatchRequestStep[] =>
  Array.from({ length: count }, (_, i) => step(h, String(i + 1), 'GET', path, undefined, chained && i > 0 ? [String(i)] : undefined));

/** Posts a BatchRequestContent through the real client and reads it back with BatchResponseContent. */
async function batch(h: SandboxHarness, requestSteps: BatchRequestStep[], outerHeaders: Record<string, string> = {}): Promise<BatchResponseContent> {
  const content = new BatchRequestContent(requestSteps);
  return new BatchResponseContent(
    await h.client
      .api('/$batch')
      .headers(outerHeaders)
      .post(await content.getContent()),
  );
}

const statuses = (responses: BatchResponseContent): number[] => [...responses.getResponses().values()].map((r) => r.status);

describe('graph sandbox: JSON batching', () => {
  let h: SandboxHarness;
  beforeAll(async () => {
    h = await startHarness({ scenario: { document: smallTenant() } });
  });
  afterAll(() => h.close());
  beforeEach(() => h.sandbox.limits.resetCounters());

  it('runs a BatchRequestContent with dependsOn and gives a status per request', async () => {
    const content = new BatchRequestContent([
      step(h, '1', 'POST', '/users/ada@contoso.com/events', singleEvent('Made in a batch')),
      step(h, '2', 'GET', '/users/ada@contoso.com/mailboxSettings', undefined, ['1']),
      step(h, '3', 'GET', '/users/ada@contoso.com/events/does-not-exist', undefined, ['2']),
    ]);
    const raw = await h.client.api('/$batch').post(await content.getContent());
    const responses = new BatchResponseContent(raw);
    expect(responses.getResponseById('1')?.status).toBe(201);
    const createdResponse = responses.getResponseById('1');
    expect(createdResponse).toBeDefined();
    expect((await (createdResponse as Response).json()).subject).toBe('Made in a batch');
    expect(responses.getResponseById('2')?.status).toBe(200);
    expect(responses.getResponseById('3')?.status).toBe(404);
    expect(h.sandbox.accounting.snapshot().byMailbox['ada@contoso.com']?.batchInner).toBeGreaterThanOrEqual(3);
  });

  it('gives each inner response the headers of the json-batching example: OData JSON on success, plain JSON on error', async () => {
    const doomed = await h.client.api('/users/ada@contoso.com/events').post(singleEvent('Doomed'));
    const res = await h.raw('POST', '/v1.0/$batch', {
      body: {
        requests: [
          { id: 'ok', method: 'GET', url: '/users/ada@contoso.com/mailboxSettings' },
          { id: 'missing', method: 'GET', url: '/users/ada@contoso.com/events/missing' },
          { id: 'gone', method: 'DELETE', url: `/users/ada@contoso.com/events/${doomed.id}` },
        ],
      },
    });
    const headers = new Map<string, unknown>(res.body.responses.map((r: { id: string; headers: unknown }) => [r.id, r.headers]));
    expect(headers.get('ok')).toEqual({
      'Cache-Control': 'no-cache',
      'OData-Version': '4.0',
      'Content-Type': 'application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8',
    });
    expect(headers.get('missing')).toEqual({ 'Cache-Control': 'no-cache', 'Content-Type': 'application/json' });
    expect(headers.get('gone')).toEqual({ 'Cache-Control': 'no-cache' });
  });

  it('answers 424 for a request whose dependency failed', async () => {
    const responses = await batch(h, [
      step(h, 'a', 'GET', '/users/ada@contoso.com/events/missing'),
      step(h, 'b', 'GET', '/users/ada@contoso.com/mailboxSettings', undefined, ['a']),
    ]);
    expect([responses.getResponseById('a')?.status, responses.getResponseById('b')?.status]).toEqual([404, 424]);
  });

  it('refuses more than 20 requests with 400 (and the client library refuses to build them)', async () => {
    // Raw fetch on purpose: BatchRequestContent throws on a 21st step, so the client cannot send this batch at all.
    const rawBatch = { requests: Array.from({ length: 21 }, (_, i) => ({ id: String(i + 1), method: 'GET', url: '/users/ada@contoso.com/mailboxSettings' })) };
    const res = await h.raw('POST', '/v1.0/$batch', { body: rawBatch });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('BadRequest');
    expect(() => new BatchRequestContent(steps(h, 21, '/users/ada@contoso.com/mailboxSettings', false))).toThrow();
  });

  it('refuses a batch that is neither fully sequential nor fully parallel with 400, running none of it (microsoft-graph-docs#16280)', async () => {
    h.sandbox.accounting.reset();
    const mixed = {
      requests: [
        { id: '1', method: 'GET', url: '/users/bo@contoso.com/mailboxSettings' },
        { id: '2', method: 'GET', url: '/users/bo@contoso.com/mailboxSettings', dependsOn: ['1'] },
        { id: '3', method: 'GET', url: '/users/bo@contoso.com/mailboxSettings' },
      ],
    };
    // Each depends on something, but not on the one right before it: not a sequence either.
    const skipping = {
      requests: [
        { id: 'a', method: 'GET', url: '/users/bo@contoso.com/mailboxSettings' },
        { id: 'b', method: 'GET', url: '/users/bo@contoso.com/mailboxSettings', dependsOn: ['a'] },
        { id: 'c', method: 'GET', url: '/users/bo@contoso.com/mailboxSettings', dependsOn: ['a'] },
      ],
    };
    for (const body of [mixed, skipping]) {
      const res = await h.raw('POST', '/v1.0/$batch', { body });
      expect(res.status).toBe(400);
      expect(res.body.error).toMatchObject({ code: 'BadRequest', message: 'Batch should be either fully sequential or fully parallel.' });
    }
    expect(h.sandbox.accounting.snapshot().byMailbox['bo@contoso.com']?.batchInner ?? 0).toBe(0);
  });

  it('takes an empty dependsOn as none: a batch of them is parallel', async () => {
    const res = await h.raw('POST', '/v1.0/$batch', {
      body: {
        requests: [
          { id: '1', method: 'GET', url: '/users/bo@contoso.com/mailboxSettings', dependsOn: [] },
          { id: '2', method: 'GET', url: '/users/bo@contoso.com/mailboxSettings', dependsOn: [] },
        ],
      },
    });
    expect(res.status).toBe(200);
    expect(res.body.responses.map((r: { status: number }) => r.status)).toEqual([200, 200]);
  });

  describe('inner requests take latency and mailbox slots', () => {
    // Handlers are synchronous: only injected latency keeps an inner request in flight, so it is set here.
    beforeEach(() => {
      h.sandbox.accounting.reset();
      h.sandbox.faults.configure({ latencyMs: 5 });
    });
    afterEach(() => {
      h.sandbox.faults.configure({ latencyMs: 0 });
      h.sandbox.limits.configure({ maxConcurrentPerMailbox: 4 });
    });

    it('runs 6 parallel requests to one mailbox 4 at a time: all succeed, none is a 429', async () => {
      const responses = await batch(h, steps(h, 6, '/users/bo@contoso.com/mailboxSettings', false));
      expect(statuses(responses)).toEqual(Array(6).fill(200));
      const snap = h.sandbox.accounting.snapshot();
      expect(snap.throttled429).toBe(0);
      expect(snap.maxConcurrencyByMailbox['bo@contoso.com']).toBe(4);
    });

    it('a parallel batch of 4 holds 4 slots at once, each inner request with its own latency', async () => {
      await batch(h, steps(h, 4, '/users/bo@contoso.com/mailboxSettings', false));
      const snap = h.sandbox.accounting.snapshot();
      expect(snap.maxConcurrencyByMailbox['bo@contoso.com']).toBe(4);
      expect(snap.byMailbox['bo@contoso.com']?.batchInner).toBe(4);
      // The outer request and each inner one.
      expect(snap.injectedLatency.requests).toBe(5);
    });

    it('a sequential batch of 20 holds one slot for 20 latencies', async () => {
      const responses = await batch(h, steps(h, 20, '/users/bo@contoso.com/mailboxSettings', true));
      expect(statuses(responses)).toEqual(Array(20).fill(200));
      const snap = h.sandbox.accounting.snapshot();
      expect(snap.maxConcurrencyByMailbox['bo@contoso.com']).toBe(1);
      expect(snap.injectedLatency.requests).toBe(21);
      expect(snap.injectedLatency.totalMs).toBe(21 * 5);
    });

    it('counts inner requests against the mailbox concurrency limit: beyond it they are 429 MailboxConcurrency', async () => {
      h.sandbox.limits.configure({ maxConcurrentPerMailbox: 2 });
      const responses = await batch(h, steps(h, 4, '/users/bo@contoso.com/mailboxSettings', false));
      expect(statuses(responses).sort()).toEqual([200, 200, 429, 429]);
      const throttled = [...responses.getResponses().values()].filter((r) => r.status === 429);
      expect(throttled[0]?.headers.get('Retry-After')).toMatch(/^\d+$/);
      expect((await (throttled[0] as Response).json()).error.message).toMatch(/MailboxConcurrency/);
    });
  });

  it('runs a dependsOn chain one at a time, so 20 requests to one mailbox all succeed', async () => {
    const responses = await batch(h, steps(h, 20, '/users/bo@contoso.com/mailboxSettings', true));
    expect(statuses(responses)).toEqual(Array(20).fill(200));
  });

  it('counts each inner request against the mailbox budget', async () => {
    h.sandbox.limits.configure({ requestsPerWindow: 5, windowMs: 60_000 });
    try {
      const responses = await batch(h, steps(h, 7, '/users/olivia@contoso.com/mailboxSettings', true));
      expect(statuses(responses).slice(0, 6)).toEqual([200, 200, 200, 200, 200, 429]);
      expect((await (responses.getResponseById('6') as Response).json()).error.code).toBe('ApplicationThrottled');
    } finally {
      h.sandbox.limits.configure({ requestsPerWindow: 10_000, windowMs: 600_000 });
    }
  });

  it("treats each inner request's headers alone: the outer Prefer does not reach inner requests", async () => {
    const event = await h.client.api('/users/ada@contoso.com/events').post({
      subject: 'Berlin morning',
      start: { dateTime: '2026-01-15T09:00:00', timeZone: 'Europe/Berlin' },
      end: { dateTime: '2026-01-15T10:00:00', timeZone: 'Europe/Berlin' },
    });
    const path = `/users/ada@contoso.com/events/${event.id}`;
    const responses = await batch(
      h,
      [
        step(h, 'plain', 'GET', path),
        step(h, 'own', 'GET', path, undefined, undefined, { Prefer: 'outlook.timezone="America/New_York"' }),
        step(h, 'patch', 'PATCH', path, { categories: ['Blue'] }),
      ],
      { Prefer: 'outlook.timezone="Tokyo Standard Time", return=minimal' },
    );
    expect((await (responses.getResponseById('plain') as Response).json()).start).toEqual({ dateTime: '2026-01-15T08:00:00.0000000', timeZone: 'UTC' });
    expect((await (responses.getResponseById('own') as Response).json()).start).toEqual({
      dateTime: '2026-01-15T03:00:00.0000000',
      timeZone: 'America/New_York',
    });
    // Without its own return=minimal the PATCH answers 200 with the event, in UTC.
    const patched = responses.getResponseById('patch') as Response;
    expect(patched.status).toBe(200);
    expect((await patched.json()).categories).toEqual(['Blue']);
  });
});
