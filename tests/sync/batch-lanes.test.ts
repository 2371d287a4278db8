/**
 * runInBatches sends batches of 20 as the mailbox gate allows (one slot per sequential batch: four at once),
 * builds each batch's requests only when it goes, answers in request order, and only ever sends a shape Graph
 * accepts: fully sequential (microsoft-graph-docs#16280), resends included.
 */
import pino from 'pino';
import { runInBatches, type InnerRequest } from '../../server/sync/batch-runner';
import { MailboxGate } from '../../server/sync/mailbox-gate';
import type { GraphCallOptions, GraphResult, MailboxGraph } from '../../server/sync/mailbox-graph';
import { emptyReport } from '../../server/sync/round-report';

interface Sent {
  requests: Array<{ id: string; url: string; dependsOn?: string[] }>;
}

/** Whether every request after the first depends on exactly the one before it, and the first on nothing. */
const fullySequential = (b: Sent): boolean =>
  b.requests.every((r, i) => (i === 0 ? (r.dependsOn ?? []).length === 0 : r.dependsOn?.length === 1 && r.dependsOn[0] === b.requests[i - 1]!.id));

type Answer = (url: string, sendNumber: number) => number;

/** A MailboxGraph whose $batch answers each request with `answer` (204 by default) after a tick, through a real gate. */
function fakeGraph(
  log: { built: number; inFlight: number; maxInFlight: number; builtAtFirstSend: number | null; sent: Sent[] },
  answer: Answer = () => 204,
): MailboxGraph {
  const gate = new MailboxGate(4);
  const report = emptyReport('m', 'sync', false);
  return {
    gate,
    backoff: { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 1, random: () => 0.5 },
    report,
    noteThrottled: () => {
      report.throttled++;
    },
    logger: pino({ level: 'silent' }),
    // Backoff waits are the round's own (MailboxGraph.wait); here they need not take time.
    wait: () => Promise.resolve(),
    call: (_method: string, _url: string, options: GraphCallOptions = {}): Promise<GraphResult> =>
      gate.run(options.slots ?? 1, async () => {
        log.builtAtFirstSend ??= log.built;
        log.inFlight++;
        log.maxInFlight = Math.max(log.maxInFlight, log.inFlight);
        const body = options.body as Sent;
        log.sent.push(body);
        await new Promise((resolve) => setTimeout(resolve, 2));
        log.inFlight--;
        const sendNumber = log.sent.length - 1;
        // As Graph runs a chain: after the first failure the rest are 424 without running.
        let failed = false;
        const responses = body.requests.map((r) => {
          const status = failed ? 424 : answer(r.url, sendNumber);
          if (status >= 400) failed = true;
          return { id: r.id, status, headers: {} };
        });
        return { status: 200, headers: new Headers(), body: { responses } };
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
    const results = await runInBatches(fakeGraph(log), items, toRequest);
    expect(results).toHaveLength(195);
    expect(results.every((r) => r.status === 204)).toBe(true);
    expect(log.sent.map((b) => b.requests.length)).toEqual([...Array(9).fill(20), 15]);
    expect(log.sent.flatMap((b) => b.requests.map((r) => r.url))).toEqual(items.map((i) => `/users/m/events/e${i}`));
    // Each batch is one dependsOn chain.
    expect(log.sent.every(fullySequential)).toBe(true);
    expect(log.maxInFlight).toBe(4);
    expect(log.builtAtFirstSend).toBeLessThanOrEqual(80);
    expect(log.built).toBe(195);
  });

  test('a few requests are spread over the lanes, at least 8 a batch (or 1 when asked): 22 go as 8 + 8 + 6 or 6 + 6 + 6 + 4, not 20 + 2', async () => {
    const log = { built: 0, inFlight: 0, maxInFlight: 0, builtAtFirstSend: null as number | null, sent: [] as Sent[] };
    const results = await runInBatches(
      fakeGraph(log),
      Array.from({ length: 22 }, (_, i) => i),
      (i) => ({ method: 'PATCH', url: `/e${i}` }),
    );
    expect(results.every((r) => r.status === 204)).toBe(true);
    expect(log.sent.map((b) => b.requests.length)).toEqual([8, 8, 6]);
    expect(log.maxInFlight).toBe(3);
    // A full round, which someone waits for, spreads them over every lane.
    const spread = { built: 0, inFlight: 0, maxInFlight: 0, builtAtFirstSend: null as number | null, sent: [] as Sent[] };
    await runInBatches(
      fakeGraph(spread),
      Array.from({ length: 22 }, (_, i) => i),
      (i) => ({ method: 'PATCH', url: `/e${i}` }),
      1,
    );
    expect(spread.sent.map((b) => b.requests.length)).toEqual([6, 6, 6, 4]);
    expect(spread.maxInFlight).toBe(4);
    const few = { built: 0, inFlight: 0, maxInFlight: 0, builtAtFirstSend: null as number | null, sent: [] as Sent[] };
    await runInBatches(
      fakeGraph(few),
      Array.from({ length: 5 }, (_, i) => i),
      (i) => ({ method: 'PATCH', url: `/e${i}` }),
    );
    expect(few.sent.map((b) => b.requests.length)).toEqual([5]);
  });

  test('resends after a 429 and the 424s behind it as sequential batches too, until every request has its answer', async () => {
    const log = { built: 0, inFlight: 0, maxInFlight: 0, builtAtFirstSend: null as number | null, sent: [] as Sent[] };
    // 20 requests go as four chains of 5. e6 is throttled the first time it is sent; e12 is a 404 (not resent, and
    // the rest of its chain 424s and is resent).
    let e6Sent = 0;
    const answer: Answer = (url) => (url === '/e6' && e6Sent++ === 0 ? 429 : url === '/e12' ? 404 : 204);
    const graph = fakeGraph(log, answer);
    const results = await runInBatches(
      graph,
      Array.from({ length: 20 }, (_, i) => i),
      (i) => ({ method: 'GET', url: `/e${i}` }),
    );
    expect(results.map((r) => r.status)).toEqual(Array.from({ length: 20 }, (_, i) => (i === 12 ? 404 : 204)));
    // The inner 429 is counted for the operator page; the 424s behind it are not throttling.
    expect(graph.report.throttled).toBe(1);
    expect(log.sent.every(fullySequential)).toBe(true);
    const urls = log.sent.map((b) => b.requests.map((r) => r.url).join(','));
    // After the throttled e6, it and the 424s behind it (e7) go again as one chain; so do e13–e15 after e12.
    expect(urls).toEqual(expect.arrayContaining(['/e6,/e7', '/e13,/e14,/e15']));
    expect(log.sent).toHaveLength(5);
  });

  test('nothing to send sends nothing', async () => {
    const log = { built: 0, inFlight: 0, maxInFlight: 0, builtAtFirstSend: null as number | null, sent: [] as Sent[] };
    expect(await runInBatches(fakeGraph(log), [], () => ({ method: 'GET', url: '/' }))).toEqual([]);
    expect(log.sent).toHaveLength(0);
  });
});
