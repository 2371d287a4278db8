/**
 * `npm run bench:day [-- --mailboxes N]`: a day in the life of a fleet at steady state (issue #17). The Graph
 * sandbox (its own process) holds N mailboxes (default 500) × 300 generated events; over one simulated day each
 * mailbox gets about 20 seeded changes — new invitations, moves, responses, cancellations — whose change
 * notifications the sandbox delivers to CalSync's POST /api/notifications as Graph does; the rules change twice;
 * subscriptions renew; the schedule runs (support/day-run.ts). The day runs twice on the same plan: "before" with
 * the schedule of today (every mailbox every 15 minutes: CALSYNC_SYNC_LIVE_INTERVAL_MINUTES = the short interval)
 * and "after" with the configuration's defaults (a mailbox with a live subscription on the long interval, where the
 * code has it). Figures are per 1,000 mailboxes per day; latency is real time (simulated time stands still while
 * CalSync works), from a notification's arrival to the PATCH of its event landing. Options: --events N,
 * --changes N (per mailbox), --seed N, --idle-poll-ms N (the workers' pause between empty receives; default 10,
 * production's is 1,000), --latency-ms N (Graph latency per request, default 0), --only before|after, --no-verify.
 * Last stdout line: {"mailboxes","eventsPerMailbox","latency":"real","before":{…},"after":{…},"targets":{…}}. Exits 1 (after
 * printing it) when "after" misses a target or either side leaves a category wrong.
 */
import { loadSyncHostConfig, type SyncHostConfig } from '../../server/config/sync';
import { runBenchEntry } from './support/bench-entry';
import { DAY_MS } from './support/day-plan';
import { runDay, WARMUP_BEFORE_MS, type DayResult } from './support/day-run';
import { forkDayWorld, serveDayWorld } from './support/day-world-ipc';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] !== undefined ? process.argv[i + 1]! : fallback;
}

const MAILBOXES = Number(arg('mailboxes', '500'));
const EVENTS = Number(arg('events', '300'));
const CHANGES = Number(arg('changes', '20'));
const SEED = Number(arg('seed', '17'));
const IDLE_POLL_MS = Number(arg('idle-poll-ms', '10'));
const LATENCY_MS = Number(arg('latency-ms', '0'));
const ONLY = arg('only', 'both');
const VERIFY = !process.argv.includes('--no-verify');

/** Issue #17's targets, per 1,000 mailboxes per day. */
const TARGETS = { workerCpuS: 40, graphQuotaUnits: 50_000, storeWrites: 25_000, latencyP95Ms: 2_000 };

/** The two configurations, read by the real loader from the variables an operator would set. */
const CONFIGS: Record<'before' | 'after', SyncHostConfig> = {
  before: loadSyncHostConfig({ CALSYNC_SYNC: 'on', CALSYNC_SYNC_INTERVAL_MINUTES: '15', CALSYNC_SYNC_LIVE_INTERVAL_MINUTES: '15' }),
  after: loadSyncHostConfig({ CALSYNC_SYNC: 'on', CALSYNC_SYNC_INTERVAL_MINUTES: '15' }),
};

const percentile = (sorted: number[], p: number): number =>
  sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
const round = (n: number, digits = 1): number => Number(n.toFixed(digits));

/** The run's figures per 1,000 mailboxes per day (latency as measured). */
function perThousand(r: DayResult) {
  const k = 1000 / r.mailboxes;
  const sorted = [...r.latencyMs].sort((a, b) => a - b);
  return {
    workerCpuS: round((r.workerCpuMs / 1000) * k),
    processCpuS: round((r.processCpuMs / 1000) * k),
    graphRoundTrips: Math.round(r.graph.roundTrips * k),
    graphQuotaUnits: Math.round(r.graph.quotaUnits * k),
    storeReads: Math.round(r.store.reads * k),
    storeWrites: Math.round(r.store.writes * k),
    queueMessages: Math.round(r.queueMessages * k),
    rounds: Math.round(r.rounds * k),
    notificationsDelivered: Math.round(r.graph.notificationsDelivered * k),
    changes: Math.round(r.changesApplied * k),
    latencyP50Ms: round(percentile(sorted, 50)),
    latencyP95Ms: round(percentile(sorted, 95)),
    latencyMaxMs: round(sorted.at(-1) ?? 0),
    latencySamples: sorted.length,
    categoriesChecked: r.check?.checked ?? null,
    categoriesWrong: r.check?.wrong.length ?? null,
  };
}

async function runOne(label: 'before' | 'after', dayStartMs: number): Promise<DayResult> {
  const world = await forkDayWorld(__filename, ['serve'], {
    mailboxes: MAILBOXES,
    eventsPerMailbox: EVENTS,
    seed: SEED,
    clockMs: dayStartMs - WARMUP_BEFORE_MS,
    latencyMs: LATENCY_MS,
  });
  try {
    const started = performance.now();
    const result = await runDay(world, {
      label,
      host: CONFIGS[label],
      dayStartMs,
      mailboxes: MAILBOXES,
      changesPerMailbox: CHANGES,
      seed: SEED,
      idlePollMs: IDLE_POLL_MS,
      verify: VERIFY,
      progress: (line) => console.log(line),
    });
    const repos = Object.entries(result.store.byRepository)
      .map(([name, c]) => `${name} ${c.reads}r/${c.writes}w`)
      .join(', ');
    console.log(
      `${label}: ${result.changesApplied}/${result.changesPlanned} changes, ${result.rounds} rounds, ${result.queueMessages} queue messages, worker CPU ${Math.round(result.workerCpuMs)} ms (process ${Math.round(result.processCpuMs)} ms), wall ${Math.round((performance.now() - started) / 1000)} s`,
    );
    console.log(
      `${label}: Graph ${result.graph.roundTrips} round trips, ${result.graph.quotaUnits} quota units, ${result.graph.notificationsDelivered} notifications (${result.graph.notificationsFailed} failed), 429 ${result.graph.throttled429}; store ${result.store.reads} reads, ${result.store.writes} writes (${repos})`,
    );
    const sorted = [...result.latencyMs].sort((a, b) => a - b);
    console.log(
      `${label}: notification → PATCH (real ms) p50 ${round(percentile(sorted, 50))}, p95 ${round(percentile(sorted, 95))}, max ${round(sorted.at(-1) ?? 0)} over ${sorted.length} changes; queued by reason ${JSON.stringify(result.queueByReason)}, jobs ${JSON.stringify(result.outcomes)}, subscriptions replaced ${result.subscriptionsReplaced}`,
    );
    if (result.check)
      console.log(
        `${label}: categories checked ${result.check.checked}, wrong ${result.check.wrong.length}${result.check.wrong.length ? ` e.g. ${JSON.stringify(result.check.wrong.slice(0, 3))}` : ''}`,
      );
    return result;
  } finally {
    await world.stop();
  }
}

async function main(): Promise<void> {
  // 00:00 UTC today: the generated events lie around it, and the window slides at the day's start.
  const dayStartMs = Math.floor(Date.now() / DAY_MS) * DAY_MS;
  const hostOf = (c: SyncHostConfig) => ({ ...c, enabled: undefined, publicUrl: undefined });
  const out: Record<string, unknown> = {
    mailboxes: MAILBOXES,
    eventsPerMailbox: EVENTS,
    changesPerMailbox: CHANGES,
    seed: SEED,
    idlePollMs: IDLE_POLL_MS,
    graphLatencyMs: LATENCY_MS,
    latency: 'real',
  };
  for (const label of ['before', 'after'] as const) {
    if (ONLY !== 'both' && ONLY !== label) continue;
    const result = await runOne(label, dayStartMs);
    out[label] = { host: hostOf(CONFIGS[label]), ...perThousand(result) };
  }
  out.targets = TARGETS;
  console.log(JSON.stringify(out));
  // Production's schedule ("after") is held to the targets; a wrong category fails either side.
  const missed: string[] = [];
  const after = out.after as ReturnType<typeof perThousand> | undefined;
  if (after)
    for (const [key, bound] of Object.entries(TARGETS))
      if (after[key as keyof typeof TARGETS] > bound) missed.push(`after.${key} ${after[key as keyof typeof TARGETS]} > ${bound}`);
  for (const label of ['before', 'after'] as const) {
    const wrong = (out[label] as ReturnType<typeof perThousand> | undefined)?.categoriesWrong;
    if (wrong) missed.push(`${label}.categoriesWrong ${wrong} > 0`);
  }
  for (const line of missed) console.error(`target missed: ${line}`);
  if (missed.length > 0) process.exitCode = 1;
}

runBenchEntry({ serve: async () => serveDayWorld(), main });
