import { BatchRequestContent, BatchResponseContent, type BatchRequestStep } from '@microsoft/microsoft-graph-client';
import { startHarness, type SandboxHarness } from './support/sandbox-client';
import { singleEvent, smallTenant } from './support/factories';

const step = (h: SandboxHarness, id: string, method: string, path: string, body?: unknown, dependsOn?: string[]): BatchRequestStep => ({
  id,
  request: new Request(`${h.sandbox.baseUrl}/v1.0${path}`, {
    method,
    ...(body ? { body: JSON.stringify(body), headers: { 'Content-Type': 'application/json' } } : {}),
  }),
  ...(dependsOn ? { dependsOn } : {}),
});

const rawBatch = (count: number, path: string, chained: boolean) => ({
  requests: Array.from({ length: count }, (_, i) => ({ id: String(i + 1), method: 'GET', url: path, ...(chained && i > 0 ? { dependsOn: [String(i)] } : {}) })),
});

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
      step(h, '3', 'GET', '/users/ada@contoso.com/events/does-not-exist', undefined, ['1']),
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

  it('answers 424 for a request whose dependency failed', async () => {
    const res = await h.raw('POST', '/v1.0/$batch', {
      body: { requests: [{ id: 'a', method: 'GET', url: '/users/ada@contoso.com/events/missing' }, { id: 'b', method: 'GET', url: '/users/ada@contoso.com/mailboxSettings', dependsOn: ['a'] }] },
    });
    expect(res.body.responses.map((r: { id: string; status: number }) => [r.id, r.status])).toEqual([['a', 404], ['b', 424]]);
  });

  it('refuses more than 20 requests with 400 (and the client library refuses to build them)', async () => {
    const res = await h.raw('POST', '/v1.0/$batch', { body: rawBatch(21, '/users/ada@contoso.com/mailboxSettings', false) });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('BadRequest');
    const steps = Array.from({ length: 21 }, (_, i) => step(h, String(i), 'GET', '/users/ada@contoso.com/mailboxSettings'));
    expect(() => new BatchRequestContent(steps)).toThrow();
  });

  it('throttles inner requests: more than 4 parallel requests to one mailbox get 429 with Retry-After', async () => {
    const res = await h.raw('POST', '/v1.0/$batch', { body: rawBatch(6, '/users/bo@contoso.com/mailboxSettings', false) });
    const statuses = res.body.responses.map((r: { status: number }) => r.status);
    expect(statuses.filter((s: number) => s === 200)).toHaveLength(4);
    const throttled = res.body.responses.filter((r: { status: number }) => r.status === 429);
    expect(throttled).toHaveLength(2);
    expect(throttled[0].headers['Retry-After']).toMatch(/^\d+$/);
    expect(throttled[0].body.error.message).toMatch(/MailboxConcurrency/);
  });

  it('runs a dependsOn chain one at a time, so 20 requests to one mailbox all succeed', async () => {
    const res = await h.raw('POST', '/v1.0/$batch', { body: rawBatch(20, '/users/bo@contoso.com/mailboxSettings', true) });
    expect(res.body.responses.every((r: { status: number }) => r.status === 200)).toBe(true);
  });

  it('counts each inner request against the mailbox budget', async () => {
    h.sandbox.limits.configure({ requestsPerWindow: 5, windowMs: 60_000 });
    try {
      const res = await h.raw('POST', '/v1.0/$batch', { body: rawBatch(7, '/users/olivia@contoso.com/mailboxSettings', true) });
      const statuses = res.body.responses.map((r: { status: number }) => r.status);
      expect(statuses.slice(0, 5)).toEqual([200, 200, 200, 200, 200]);
      expect(statuses[5]).toBe(429);
      expect(res.body.responses[5].body.error.code).toBe('ApplicationThrottled');
    } finally {
      h.sandbox.limits.configure({ requestsPerWindow: 10_000, windowMs: 600_000 });
    }
  });
});
