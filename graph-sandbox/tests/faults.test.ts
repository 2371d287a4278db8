import { RetryHandlerOptions } from '@microsoft/microsoft-graph-client';
import { createPrng } from '../src/prng';
import { startHarness, type SandboxHarness } from './support/sandbox-client';
import { smallTenant } from './support/factories';

/** Sequential outcomes of n raw requests: status code, or 'reset' when the socket was destroyed. */
async function outcomes(h: SandboxHarness, n: number): Promise<Array<number | 'reset'>> {
  const out: Array<number | 'reset'> = [];
  for (let i = 0; i < n; i++) {
    try {
      out.push((await h.raw('GET', '/v1.0/users/ada@contoso.com/mailboxSettings')).status);
    } catch {
      out.push('reset');
    }
  }
  return out;
}

describe('graph sandbox: injected faults', () => {
  let h: SandboxHarness;
  beforeAll(async () => {
    h = await startHarness({ scenario: { document: smallTenant() } });
    await h.token();
  });
  afterAll(() => h.close());
  afterEach(() => h.sandbox.faults.configure({ serviceUnavailableRate: 0, connectionResetRate: 0, latencyMs: 0, latencyJitterMs: 0 }));

  it("injects base latency plus seeded jitter: the sandbox accounts exactly the seed's draws, and requests take at least that long", async () => {
    const base = 20;
    const jitter = 30;
    // What the seeded PRNG draws for ten requests in a row (no fault rates set, so latency is its only use).
    const expected = (seed: number): number[] => {
      const prng = createPrng(seed);
      return Array.from({ length: 10 }, () => base + prng.int(0, jitter));
    };
    const sum = (xs: number[]): number => xs.reduce((a, b) => a + b, 0);
    const run = async (seed: number) => {
      h.sandbox.faults.configure({ seed, latencyMs: base, latencyJitterMs: jitter });
      h.sandbox.accounting.reset();
      const started = performance.now();
      expect(await outcomes(h, 10)).toEqual(Array(10).fill(200));
      return { elapsed: performance.now() - started, latency: h.sandbox.accounting.snapshot().injectedLatency };
    };
    const a = await run(5);
    const want = expected(5);
    expect(a.latency).toEqual({ requests: 10, totalMs: sum(want), minMs: Math.min(...want), maxMs: Math.max(...want) });
    expect(a.latency.minMs).toBeGreaterThanOrEqual(base);
    expect(a.latency.maxMs).toBeLessThan(base + jitter);
    expect(new Set(want).size).toBeGreaterThan(1);
    // A lower bound only, with slack for timer rounding: the requests really waited.
    expect(a.elapsed).toBeGreaterThanOrEqual(0.9 * sum(want));
    // The same seed gives the same latencies; another seed other ones.
    expect((await run(5)).latency).toEqual(a.latency);
    expect(expected(6)).not.toEqual(want);
    expect((await run(6)).latency.totalMs).toBe(sum(expected(6)));
  });

  it('gives the same fault sequence for the same seed and a different one for another seed', async () => {
    h.sandbox.faults.configure({ seed: 7, serviceUnavailableRate: 0.3, connectionResetRate: 0.1 });
    const a = await outcomes(h, 30);
    h.sandbox.faults.configure({ seed: 7 });
    const b = await outcomes(h, 30);
    h.sandbox.faults.configure({ seed: 8 });
    const c = await outcomes(h, 30);
    expect(b).toEqual(a);
    expect(c).not.toEqual(a);
    expect(a).toContain(503);
    expect(a).toContain('reset');
    expect(a).toContain(200);
  });

  it('sends 503 with Retry-After in Graph error shape', async () => {
    h.sandbox.faults.configure({ seed: 1, serviceUnavailableRate: 1, serviceUnavailableRetryAfterSeconds: 2 });
    const res = await h.raw('GET', '/v1.0/users/ada@contoso.com/mailboxSettings');
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('2');
    expect(res.body.error.code).toBe('serviceNotAvailable');
  });

  it('lets the Graph client RetryHandler recover from a 503', async () => {
    // A seed whose first draw falls under the rate: the first attempt is answered 503.
    let seed = 1;
    while (createPrng(seed).next() >= 0.5) seed++;
    h.sandbox.faults.configure({ seed, serviceUnavailableRate: 0.5, serviceUnavailableRetryAfterSeconds: 1 });
    h.sandbox.accounting.reset();
    const settings = await h.client
      .api('/users/ada@contoso.com/mailboxSettings')
      .middlewareOptions([new RetryHandlerOptions(1, 5)])
      .get();
    expect(settings.timeZone).toBe('UTC');
    expect(h.sandbox.accounting.snapshot().faults503).toBeGreaterThanOrEqual(1);
  });

  it('counts connection resets', async () => {
    h.sandbox.faults.configure({ seed: 1, connectionResetRate: 1 });
    h.sandbox.accounting.reset();
    await expect(h.raw('GET', '/v1.0/users/ada@contoso.com/mailboxSettings')).rejects.toThrow();
    expect(h.sandbox.accounting.snapshot().connectionResets).toBe(1);
  });
});
