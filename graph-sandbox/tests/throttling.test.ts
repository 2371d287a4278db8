import { RetryHandlerOptions } from '@microsoft/microsoft-graph-client';
import { startHarness, type SandboxHarness } from './support/sandbox-client';
import { smallTenant } from './support/factories';

describe('graph sandbox: throttling per app and mailbox', () => {
  let h: SandboxHarness;
  beforeAll(async () => {
    h = await startHarness({ scenario: { document: smallTenant() } });
    await h.token();
  });
  afterAll(() => h.close());
  beforeEach(() => {
    h.sandbox.limits.resetCounters();
    h.sandbox.accounting.reset();
  });

  it('with latency, answers requests beyond 4 in flight to one mailbox with 429 MailboxConcurrency and Retry-After, other mailboxes unaffected', async () => {
    // Handlers are synchronous: only the injected latency keeps a request in flight (the default 0 never overlaps).
    h.sandbox.faults.configure({ latencyMs: 400 });
    try {
      const [ada, bo] = await Promise.all([
        Promise.all(Array.from({ length: 8 }, () => h.raw('GET', '/v1.0/users/ada@contoso.com/mailboxSettings'))),
        Promise.all(Array.from({ length: 4 }, () => h.raw('GET', '/v1.0/users/bo@contoso.com/mailboxSettings'))),
      ]);
      const ok = ada.filter((r) => r.status === 200);
      const throttled = ada.filter((r) => r.status === 429);
      expect(ok.length).toBeGreaterThanOrEqual(4);
      expect(throttled.length).toBeGreaterThan(0);
      expect(ok.length + throttled.length).toBe(8);
      for (const r of throttled) {
        expect(r.body.error.code).toBe('ApplicationThrottled');
        expect(r.body.error.message).toMatch(/MailboxConcurrency/);
        expect(Number(r.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      }
      // Bo's four ran while Ada's mailbox was saturated: the limit is per mailbox.
      expect(bo.map((r) => r.status)).toEqual([200, 200, 200, 200]);
      const stats = h.sandbox.accounting.snapshot();
      expect(stats.maxConcurrencyByMailbox['ada@contoso.com']).toBe(4);
      expect(stats.byMailbox['ada@contoso.com']?.throttled).toBe(throttled.length);
      expect(stats.byMailbox['bo@contoso.com']?.throttled).toBe(0);
      expect(stats.throttled429).toBe(throttled.length);
    } finally {
      h.sandbox.faults.configure({ latencyMs: 0 });
    }
  });

  it('counts concurrency per mailbox: 4 + 4 parallel requests to two mailboxes all succeed', async () => {
    h.sandbox.faults.configure({ latencyMs: 100 });
    try {
      const upns = ['ada@contoso.com', 'bo@contoso.com'];
      const results = await Promise.all(Array.from({ length: 8 }, (_, i) => h.raw('GET', `/v1.0/users/${upns[i % 2]}/mailboxSettings`)));
      expect(results.map((r) => r.status)).toEqual(Array(8).fill(200));
    } finally {
      h.sandbox.faults.configure({ latencyMs: 0 });
    }
  });

  it('sends 429 ApplicationThrottled with Retry-After when the budget is spent, and the RetryHandler waits for it', async () => {
    h.sandbox.limits.configure({ requestsPerWindow: 3, windowMs: 1_500 });
    try {
      for (let i = 0; i < 3; i++) await h.client.api('/users/bo@contoso.com/mailboxSettings').get();
      const direct = await h.raw('GET', '/v1.0/users/bo@contoso.com/mailboxSettings');
      expect(direct.status).toBe(429);
      expect(Number(direct.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      // innerError as in the throttling doc's sample; other errors carry only date and ids.
      expect(direct.body.error.innerError).toEqual(
        expect.objectContaining({ code: '429', message: 'Please retry after', status: '429', 'request-id': expect.any(String) }),
      );
      expect(Object.keys((await h.raw('GET', '/v1.0/users/nobody@contoso.com/events/x')).body.error.innerError).sort()).toEqual([
        'client-request-id',
        'date',
        'request-id',
      ]);
      // With a zero base delay the client would retry at once and be throttled again; it succeeds
      // after exactly one more 429 only if it waits the Retry-After the sandbox sent.
      const settings = await h.client
        .api('/users/bo@contoso.com/mailboxSettings')
        .middlewareOptions([new RetryHandlerOptions(0, 5)])
        .get();
      expect(settings.timeZone).toBe('UTC');
      expect(h.sandbox.accounting.snapshot().throttled429).toBe(2);
    } finally {
      h.sandbox.limits.configure({ requestsPerWindow: 10_000, windowMs: 600_000 });
    }
  });
});
