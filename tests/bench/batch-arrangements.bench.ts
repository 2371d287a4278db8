/**
 * `npx tsx tests/bench/batch-arrangements.bench.ts [--latency 20] [--writes 400]`: which way of sending one
 * mailbox's PATCHes reaches Graph's bound (4 requests in flight per mailbox, each inner request of a `$batch` with
 * its own latency) with the fewest round trips. The sandbox runs in this process with fixed latency; every
 * arrangement goes through the sync's own client, MailboxGraph and gate, and writes the same events. Only shapes
 * Graph accepts are tried (fully sequential or fully parallel, microsoft-graph-docs#16280):
 * - `sequential20`: the sync's runInBatches — sequential batches of 20, four at once (one slot each);
 * - `parallel4`: parallel batches of 4, one at a time (four slots each);
 * - `parallel20`: parallel batches of 20, one at a time (Graph runs 4 of them at once: four slots);
 * - `plain`: one PATCH per request, four at once.
 * The bound is ceil(writes / 4) latencies. Last stdout line: one JSON object per arrangement.
 */
import pino from 'pino';
import { startGraphSandbox, type SeedDocument } from '../../graph-sandbox/src/index';
import { defaultBackoff } from '../../server/sync/backoff';
import { runInBatches, MAX_BATCH_REQUESTS, type InnerRequest } from '../../server/sync/batch-runner';
import { createGraphCredential } from '../../server/sync/credential';
import { createGraphAccess } from '../../server/sync/graph-client';
import { MailboxGate } from '../../server/sync/mailbox-gate';
import { MailboxGraph } from '../../server/sync/mailbox-graph';
import { emptyReport } from '../../server/sync/round-report';

const arg = (name: string, fallback: number): number => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const LATENCY_MS = arg('--latency', 20);
const WRITES = arg('--writes', 400);
const UPN = 'bench@contoso.com';

function seed(): SeedDocument {
  const start = Date.UTC(2026, 11, 7, 9);
  return {
    users: [{ userPrincipalName: UPN, displayName: 'Bench' }],
    events: Array.from({ length: WRITES }, (_, i) => ({
      organizer: UPN,
      subject: `Meeting ${i}`,
      start: { dateTime: new Date(start + i * 3_600_000).toISOString().slice(0, 19), timeZone: 'UTC' },
      end: { dateTime: new Date(start + i * 3_600_000 + 1_800_000).toISOString().slice(0, 19), timeZone: 'UTC' },
    })),
  } as SeedDocument;
}

type Arrangement = (graph: MailboxGraph, requests: InnerRequest[]) => Promise<number[]>;

/** Batches of `size` with no dependsOn, one at a time: Graph runs 4 of each at once, so each holds 4 slots. */
const parallel =
  (size: number): Arrangement =>
  async (graph, requests) => {
    const statuses: number[] = [];
    for (let from = 0; from < requests.length; from += size) {
      const payload = requests
        .slice(from, from + size)
        .map((r, i) => ({ id: String(i), method: r.method, url: r.url, headers: { 'Content-Type': 'application/json', ...r.headers }, body: r.body }));
      const answer = await graph.call('POST', '/$batch', { body: { requests: payload }, slots: Math.min(4, payload.length) });
      for (const r of (answer.body as { responses: Array<{ id: string; status: number }> }).responses) statuses[from + Number(r.id)] = r.status;
    }
    return statuses;
  };

const arrangements: Record<string, Arrangement> = {
  sequential20: async (graph, requests) => (await runInBatches(graph, requests, (r) => r)).map((r) => r.status),
  parallel4: parallel(4),
  parallel20: parallel(MAX_BATCH_REQUESTS),
  plain: async (graph, requests) => {
    const statuses: number[] = [];
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < requests.length) {
        const i = next++;
        const r = requests[i]!;
        statuses[i] = (await graph.call('PATCH', r.url, { body: r.body, headers: r.headers })).status;
      }
    };
    await Promise.all(Array.from({ length: 4 }, worker));
    return statuses;
  },
};

async function main(): Promise<void> {
  const sandbox = await startGraphSandbox({ scenario: { document: seed() }, faults: { latencyMs: LATENCY_MS }, logger: pino({ level: 'silent' }) });
  const access = createGraphAccess({ credential: createGraphCredential(sandbox.credential), baseUrl: sandbox.baseUrl, caPem: sandbox.caPem, connections: 16 });
  const ids = [...sandbox.store.mailbox(UPN).events.keys()];
  const results: Record<string, unknown> = {};
  let round = 0;
  for (const [name, arrange] of Object.entries(arrangements)) {
    round++;
    // A different category each arrangement, so every PATCH changes the event.
    const requests: InnerRequest[] = ids.map((id) => ({
      method: 'PATCH',
      url: `/users/${UPN}/events/${id}`,
      headers: { Prefer: 'return=minimal' },
      body: { categories: [`Run ${round}`] },
    }));
    const report = emptyReport(UPN, 'sync', false);
    const graph = new MailboxGraph(access.client, new MailboxGate(4), defaultBackoff, report, pino({ level: 'silent' }));
    await graph.call('GET', `/users/${UPN}/mailboxSettings`); // token and connections before the clock
    report.requests = 0;
    sandbox.accounting.reset();
    const started = performance.now();
    const statuses = await arrange(graph, requests);
    const wallMs = performance.now() - started;
    const snap = sandbox.accounting.snapshot();
    const boundMs = Math.ceil(ids.length / 4) * LATENCY_MS;
    results[name] = {
      wallMs: Math.round(wallMs),
      boundMs,
      boundRatio: Number((wallMs / boundMs).toFixed(2)),
      roundTripsPerWrite: Number((report.requests / ids.length).toFixed(3)),
      maxInFlight: snap.maxConcurrencyByMailbox[UPN] ?? 0,
      throttled429: snap.throttled429,
      failed: statuses.filter((s) => s !== 204).length,
    };
    console.log(name, JSON.stringify(results[name]));
  }
  await access.close();
  await sandbox.stop();
  console.log(JSON.stringify({ latencyMs: LATENCY_MS, writes: ids.length, ...results }));
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
