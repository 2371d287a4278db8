/**
 * runInBatches sends batches of 20 as the mailbox gate allows (one slot per one-chain batch: four at once),
 * builds each batch's requests only when it goes, and answers in request order.
 */
import pino from 'pino';
import { runInBatches, type InnerRequest } from '../../server/sync/batch-runner';
import { MailboxGate } from '../../server/sync/mailbox-gate';
import type { GraphCallOptions, GraphResult, MailboxGraph } from '../../server/sync/mailbox-graph';
import { emptyReport } from '../../server/sync/round-report';

interface Sent {
  requests: Array<{ id: string; url: string; dependsOn?: string[] }>;
}

/** A MailboxGraph whose $batch answers 204 per request after a tick, through a real gate. */
function fakeGraph(log: { built: number; inFlight: number; maxInFlight: number; builtAtFirstSend: number | null; sent: Sent[] }): MailboxGraph {
  const gate = new MailboxGate(4);
  return {
    gate,
    backoff: { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 1, random: () => 0.5 },
    report: emptyReport('m', 'sync', false),
    logger: pino({ level: 'silent' }),
    call: (_method: string, _url: string, options: GraphCallOptions = {}): Promise<GraphResult> =>
      gate.run(options.slots ?? 1, async () => {
        log.builtAtFirstSend ??= log.built;
        log.inFlight++;
        log.maxInFlight = Math.max(log.maxInFlight, log.inFlight);
        const body = options.body as Sent;
        log.sent.push(body);
        await new Promise((resolve) => setTimeout(resolve, 2));
        log.inFlight--;
        return { status: 200, headers: new Headers(), body: { responses: body.requests.map((r) => ({ id: r.id, status: 204, headers: {} })) } };
      }),
  } as unknown as MailboxGraph;
}

describe('runInBatches', () => {
  test('one-chain batches: four in flight, built as they go, answers in order', async () => {
    const log = { built: 0, inFlight: 0, maxInFlight: 0, builtAtFirstSend: null as number | null, sent: [] as Sent[] };
    const items = Array.from({ length: 195 }, (_, i) => i);
    const toRequest = (i: number): InnerRequest => {
      log.built++;
      return { method: 'PATCH', url: `/users/m/events/e${i}`, body: { categories: [] } };
    };
    const results = await runInBatches(fakeGraph(log), items, toRequest, { chains: 1 });
    expect(results).toHaveLength(195);
    expect(results.every((r) => r.status === 204)).toBe(true);
    expect(log.sent.map((b) => b.requests.length)).toEqual([...Array(9).fill(20), 15]);
    expect(log.sent.flatMap((b) => b.requests.map((r) => r.url))).toEqual(items.map((i) => `/users/m/events/e${i}`));
    // Each batch is one dependsOn chain.
    expect(log.sent[0]!.requests.slice(1).every((r, i) => r.dependsOn?.[0] === String(i))).toBe(true);
    expect(log.maxInFlight).toBe(4);
    expect(log.builtAtFirstSend).toBeLessThanOrEqual(80);
    expect(log.built).toBe(195);
  });

  test('four-chain batches hold four slots: one at a time', async () => {
    const log = { built: 0, inFlight: 0, maxInFlight: 0, builtAtFirstSend: null as number | null, sent: [] as Sent[] };
    const results = await runInBatches(fakeGraph(log), Array.from({ length: 60 }, (_, i) => i), (i) => ({ method: 'GET', url: `/e${i}` }), { chains: 4 });
    expect(results).toHaveLength(60);
    expect(log.maxInFlight).toBe(1);
    expect(log.sent).toHaveLength(3);
  });

  test('nothing to send sends nothing', async () => {
    const log = { built: 0, inFlight: 0, maxInFlight: 0, builtAtFirstSend: null as number | null, sent: [] as Sent[] };
    expect(await runInBatches(fakeGraph(log), [], () => ({ method: 'GET', url: '/' }), { chains: 1 })).toEqual([]);
    expect(log.sent).toHaveLength(0);
  });
});
