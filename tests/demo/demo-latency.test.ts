import pino from 'pino';
import { Agent, fetch as undiciFetch } from 'undici';
import { DEMO_GRAPH_LATENCY, startDemoSandbox, type DemoSandbox } from '../../demo/demo-sandbox';
import { graphScope, sandboxCredential } from '../../graph-sandbox/tests/support/sandbox-client';

/**
 * The demo's sandbox serves with Graph-like latency, so the 4-in-flight MailboxConcurrency limit is met there as
 * it is against Graph (at the sandbox's default latency of 0 no two requests are ever in flight together).
 */
describe('graph sandbox as the demo runs it: latency makes the concurrency limit real', () => {
  let demo: DemoSandbox;
  let dispatcher: Agent;
  let token = '';
  beforeAll(async () => {
    demo = await startDemoSandbox({ logger: pino({ level: 'silent' }) });
    dispatcher = new Agent({ connect: { ca: demo.sandbox.caPem } });
    token = (await sandboxCredential(demo.sandbox).getToken(graphScope)).token;
  });
  afterAll(async () => {
    await demo.stop();
    await dispatcher.close();
  });

  const get = async (upn: string): Promise<number> => {
    const res = await undiciFetch(`${demo.sandbox.baseUrl}/v1.0/users/${upn}/mailboxSettings`, { headers: { Authorization: `Bearer ${token}` }, dispatcher });
    await res.arrayBuffer();
    return res.status;
  };

  it('serves every request 25–40 ms late and throttles 8 parallel requests to one mailbox', async () => {
    const people = demo.people;
    expect(people.length).toBeGreaterThanOrEqual(8);
    // Eight sockets opened first (one request each, to eight mailboxes), so the burst below is not spread out by TLS handshakes.
    expect(await Promise.all(people.slice(0, 8).map(get))).toEqual(Array(8).fill(200));
    let statuses: number[] = [];
    // Arrival within one latency is what makes requests overlap; a few tries absorb a busy machine.
    for (let attempt = 0; attempt < 5 && !statuses.includes(429); attempt++) {
      demo.sandbox.limits.resetCounters();
      statuses = await Promise.all(Array.from({ length: 8 }, () => get(people[0] as string)));
    }
    expect(statuses).toContain(429);
    expect(statuses.filter((s) => s === 200).length).toBeGreaterThanOrEqual(4);
    const stats = demo.sandbox.accounting.snapshot();
    expect(stats.maxConcurrencyByMailbox[people[0] as string]).toBe(4);
    expect(stats.injectedLatency.minMs).toBeGreaterThanOrEqual(DEMO_GRAPH_LATENCY.latencyMs);
    expect(stats.injectedLatency.maxMs).toBeLessThan(DEMO_GRAPH_LATENCY.latencyMs + DEMO_GRAPH_LATENCY.latencyJitterMs);
  });
});
