/**
 * Runs many inner requests for one mailbox as `$batch` requests of up to 20, each one dependsOn chain. Graph
 * accepts a batch only fully sequential or fully parallel (microsoft-graph-docs#16280), runs a parallel one 4
 * at a time, and each inner request holds one of the mailbox's 4 slots for its own latency. Measured in the
 * sandbox with inner latency (`tests/bench/batch-arrangements.bench.ts`, docs/SYNC.md): four sequential batches
 * of 20 at once keep 4 requests in flight at one round trip per 20 requests; parallel batches of 4 reach half
 * the rate (each also waits for its outer request) at one per 4, plain requests the full rate at one per request.
 * The price of a chain is that a failed request turns the rest of it into 424s, which are simply sent again.
 * 424, 429 and 503 inner answers are resent; others are returned. Graph throttles inner requests one by one
 * (https://learn.microsoft.com/graph/throttling#throttling-and-batching) and, as at the top level, not always with a
 * Retry-After: the resend waits the longest Retry-After given, or backs off exponentially with jitter when none was;
 * a Retry-After too long to hold the slot for throws MailboxThrottled.
 */
import { assertWorthHolding, parseRetryAfter, retryDelayMs } from './backoff';
import { GraphCallError, RETRYABLE_STATUS, type MailboxGraph } from './mailbox-graph';

export const MAX_BATCH_REQUESTS = 20;
/** The fewest requests a batch carries when there are that many to send (see runInBatches). */
export const MIN_BATCH_REQUESTS = 8;

export interface InnerRequest {
  method: 'GET' | 'PATCH';
  /** Relative to the version root: `/users/{id}/events/{id}`. */
  url: string;
  headers?: Record<string, string>;
  body?: unknown;
}

export interface InnerResult {
  status: number;
  headers: Record<string, string>;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- Graph JSON, read field by field by callers
  body: any;
}

interface BatchResponse {
  responses?: Array<{ id: string; status: number; headers?: Record<string, string>; body?: unknown }>;
}

function lowerKeys(headers: Record<string, string> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers ?? {})) out[k.toLowerCase()] = String(v);
  return out;
}

/** Sends one sequential batch (≤ 20 requests) and resends what Graph asks to be resent; one result per request. */
async function runOneBatch(graph: MailboxGraph, requests: InnerRequest[]): Promise<InnerResult[]> {
  const results = new Array<InnerResult | undefined>(requests.length);
  let todo = requests.map((_, i) => i);
  // Throttled or failed sends are bounded by maxAttempts; 424s are not, because each send settles at least the
  // head of the chain (it depends on nothing), so a chain of 20 whose requests each meet a 412 still ends.
  let attempt = 0;
  while (todo.length > 0) {
    const payload = todo.map((index, position) => {
      const r = requests[index]!;
      // Every request after the first depends on the one right before it: the only sequential shape Graph takes.
      const previous = position > 0 ? todo[position - 1] : undefined;
      return {
        id: String(index),
        method: r.method,
        url: r.url,
        ...(r.headers || r.body !== undefined ? { headers: { ...(r.body !== undefined ? { 'Content-Type': 'application/json' } : {}), ...r.headers } } : {}),
        ...(r.body !== undefined ? { body: r.body } : {}),
        ...(previous !== undefined ? { dependsOn: [String(previous)] } : {}),
      };
    });
    // One inner request runs at a time: the batch holds one slot.
    const answer = await graph.call('POST', '/$batch', { body: { requests: payload }, slots: 1 });
    if (answer.status !== 200) throw new GraphCallError(`$batch answered ${answer.status}`, answer.status, answer.body);
    for (const r of todo) if (requests[r]!.method === 'PATCH') graph.report.patches++;
    let retryAfterMs: number | undefined;
    let throttled = false;
    const again: number[] = [];
    for (const response of (answer.body as BatchResponse).responses ?? []) {
      const index = Number(response.id);
      const headers = lowerKeys(response.headers);
      const result: InnerResult = { status: response.status, headers, body: response.body };
      if (response.status === 424 || RETRYABLE_STATUS.has(response.status)) {
        // A 424 request never ran; it is not a patch sent.
        if (response.status === 424 && requests[index]!.method === 'PATCH') graph.report.patches--;
        if (RETRYABLE_STATUS.has(response.status)) {
          throttled = true;
          if (response.status === 429) graph.noteThrottled();
          const ms = parseRetryAfter(headers['retry-after']);
          if (ms !== undefined) retryAfterMs = Math.max(retryAfterMs ?? 0, ms);
        }
        if (response.status === 424 || attempt + 1 < graph.backoff.maxAttempts) {
          again.push(index);
          continue;
        }
      }
      results[index] = result;
    }
    for (const index of todo) {
      if (!results[index] && !again.includes(index)) {
        results[index] = { status: 500, headers: {}, body: { error: { code: 'missingBatchResponse' } } };
      }
    }
    todo = again.sort((a, b) => a - b);
    if (todo.length > 0) {
      graph.report.retries += todo.length;
      // Only 424s: their dependency failed and was settled, so they go again at once.
      if (throttled) {
        assertWorthHolding(retryAfterMs, graph.backoff);
        await graph.wait(retryDelayMs(attempt, retryAfterMs, graph.backoff));
        attempt++;
      }
    }
  }
  return results as InnerResult[];
}

/**
 * Runs the requests in up to as many lanes at once as the mailbox gate has slots (one each), the work spread
 * evenly: a sequential batch takes one latency per request, so 22 writes go as 8 + 8 + 6 (9 latencies' time), not
 * as 20 + 2 (21) — or, with `minPerBatch` 1, as 6 + 6 + 6 + 4 (7). A batch holds at least `minPerBatch` (default
 * MIN_BATCH_REQUESTS: each batch is a round trip, and a small change should cost few), and from 80 requests on
 * every batch is full (20). A batch's requests are built when it is about to go, not all up front: a first round
 * queues thousands of writes per mailbox, and building them all at once kept every one of them alive (and the
 * garbage collector copying them) until the last batch had gone.
 */
export async function runInBatches<T>(
  graph: MailboxGraph,
  items: readonly T[],
  toRequest: (item: T) => InnerRequest,
  minPerBatch = MIN_BATCH_REQUESTS,
): Promise<InnerResult[]> {
  const results = new Array<InnerResult>(items.length);
  const perBatch = Math.min(MAX_BATCH_REQUESTS, Math.max(minPerBatch, Math.ceil(items.length / graph.gate.capacity)));
  const lanes = Math.min(graph.gate.capacity, Math.ceil(items.length / perBatch));
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < items.length) {
      const from = next;
      next = Math.min(items.length, from + perBatch);
      const answers = await runOneBatch(graph, items.slice(from, next).map(toRequest));
      answers.forEach((r, i) => (results[from + i] = r));
    }
  };
  await Promise.all(Array.from({ length: lanes }, lane));
  return results;
}
