/**
 * npm run bench:load — 200 connections of mixed reads, writes and previews (tests/load/support/mixed-workload.ts)
 * against the API, once on SQLite and once on Cosmos (the emulator, in a process of its own). The API runs in a child
 * process so its RSS and CPU are its own. Options: --duration S (default 60), --connections N (default 200),
 * --stores sqlite,cosmos, --emulator-keepalive on|off (default on), --overload '{"maxInFlight":64}' (the API's
 * overload limits, to compare against its defaults, server/config/http.ts). Last line: {"sqlite":{…},"cosmos":{…}};
 * a fuller line per store comes before it.
 *
 * The emulator is started with keep-alive: left to its default it answers every request `Connection: close`,
 * so each Cosmos operation pays a fresh TLS handshake on both sides (≈2 ms of the API's CPU per operation
 * here), which the SDK's keep-alive agent never pays against real Cosmos. `off` reproduces the emulator's
 * default for comparison (docs/BENCHMARKS.md gives both); the emulator's own ceiling is measured by
 * tests/bench/support/emulator-ceiling.ts.
 *
 * Answers are counted three ways (issue #17): `timeouts` (no answer within autocannon's 10 s), `unexpected` (a
 * status the step should not get, transport errors and timeouts included) and, apart from both, `shed`: 503s with
 * Retry-After, the API refusing load on purpose (`shedPct` of all answers; target < 5 % at 200 connections).
 *
 * Besides the figures (requests, unexpected, p50/p99, RSS at start and end) it reports what explains
 * them: the API's CPU per request, Cosmos operations per request (counted at the emulator, by kind), and RSS
 * and heap after the load stops, in-flight work drains and a forced GC — queueing falls back, a leak does not.
 */
import { fork } from 'node:child_process';
import { loadavg } from 'node:os';
import type { AppDeps } from '../../server/app';
import { runMixedLoad } from '../load/support/mixed-workload';
import { startLoadTarget, type ExternalCosmos } from '../load/support/load-target';
import type { StoreKind } from '../support/stores';
import type { EmulatorCounts } from './support/load-emulator';
import { forkLoadEmulator } from './support/load-emulator-process';

interface Stats {
  rss: number;
  heapUsed: number;
  cpuMs: number;
}
type FromChild = { ready: { baseUrl: string; authHeaders: string[] } } | { stats: Stats } | { sample: Stats } | { idle: true };

const DRAIN_MS = 5000;
/** RSS is sampled this often during the measured run: a plateau is queueing, a steady climb a leak. */
const SAMPLE_MS = 10_000;

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1]! : fallback;
}

const mb = (bytes: number) => Math.round(bytes / 1048576);
const round1 = (x: number) => Math.round(x * 10) / 10;

function cpuMs(): number {
  const c = process.cpuUsage();
  return (c.user + c.system) / 1000;
}

async function serve(kind: StoreKind, users: number): Promise<void> {
  const external = process.env.BENCH_COSMOS ? (JSON.parse(process.env.BENCH_COSMOS) as ExternalCosmos) : undefined;
  const overload = process.env.BENCH_OVERLOAD ? (JSON.parse(process.env.BENCH_OVERLOAD) as AppDeps['overload']) : undefined;
  const target = await startLoadTarget(kind, users, external, overload);
  process.send!({ ready: { baseUrl: target.baseUrl, authHeaders: target.authHeaders } } satisfies FromChild);
  const stats = (): Stats => ({ rss: process.memoryUsage().rss, heapUsed: process.memoryUsage().heapUsed, cpuMs: cpuMs() });
  let sampler: NodeJS.Timeout | undefined;
  process.on('message', (m) => {
    // 'gc': collect first (the child runs with --expose-gc), so what remains is what is still referenced.
    if (m === 'gc') global.gc?.();
    if (m === 'stats' || m === 'gc') process.send!({ stats: stats() } satisfies FromChild);
    if (m === 'idle') void target.idle().then(() => process.send!({ idle: true } satisfies FromChild));
    if (m === 'sample-start') sampler = setInterval(() => process.send!({ sample: stats() } satisfies FromChild), SAMPLE_MS);
    if (m === 'sample-stop') clearInterval(sampler);
  });
  process.on('disconnect', () => void target.close().then(() => process.exit(0)));
}

function opsDelta(a: EmulatorCounts, b: EmulatorCounts, requests: number) {
  const byKind: Record<string, number> = {};
  let total = 0;
  for (const [k, n] of Object.entries(b.requests)) {
    const d = n - (a.requests[k] ?? 0);
    total += d;
    if (d > 0) byKind[k] = Math.round((d / requests) * 100) / 100;
  }
  return {
    cosmosOpsPerReq: Math.round((total / requests) * 100) / 100,
    cosmosOpsByKind: byKind,
    tlsHandshakesPerReq: Math.round(((b.connections - a.connections) / requests) * 100) / 100,
  };
}

async function measure(kind: StoreKind, connections: number, durationSec: number, keepAlive: boolean, overload: string | undefined) {
  // The emulator runs in a process of its own, so the API's RSS and CPU are its own, and autocannon's event loop
  // is not the emulator's (load-emulator-process.ts).
  const emulator = kind === 'cosmos' ? await forkLoadEmulator({ keepAlive }) : undefined;
  const env = {
    ...process.env,
    ...(emulator ? { BENCH_COSMOS: JSON.stringify({ endpoint: emulator.endpoint, key: emulator.key, caPem: emulator.caPem }) } : {}),
    ...(overload ? { BENCH_OVERLOAD: overload } : {}),
  };
  const child = fork(__filename, ['serve', kind, String(connections)], {
    env,
    execArgv: [...process.execArgv, '--expose-gc'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const samples: Stats[] = [];
  const waiting: ((m: FromChild) => void)[] = [];
  child.on('message', (m: FromChild) => ('sample' in m ? samples.push(m.sample) : waiting.shift()?.(m)));
  const next = () =>
    new Promise<FromChild>((resolve, reject) => {
      waiting.push(resolve);
      child.once('exit', (code) => reject(new Error(`server exited (${code})`)));
    });
  const ready = await next();
  if (!('ready' in ready)) throw new Error('unexpected message');
  const stats = async (message: 'stats' | 'gc') => {
    const reply = next();
    child.send(message);
    const m = await reply;
    if (!('stats' in m)) throw new Error('unexpected message');
    return m.stats;
  };
  const idle = async () => {
    const reply = next();
    child.send('idle');
    if (!('idle' in (await reply))) throw new Error('unexpected message');
  };
  try {
    // A warm-up under the same load first, so start RSS is the service's at its working size (its heap grows to
    // that in the first 10–15 s at 200 connections), not the process at birth; growth after that is what counts.
    await runMixedLoad({ ...ready.ready, connections, durationSec: Math.min(15, durationSec) });
    // autocannon drops the warm-up's connections with requests still in the API. Measuring from there would open 200
    // new connections to a busy process, and Node accepts one connection per turn of a busy event loop (measured:
    // of 200 connects to a loop of 200 ms turns, 20 were accepted in 5 s), so some would wait past autocannon's 10 s and count
    // as timeouts the API never saw. Production clients reuse pooled connections; start from a drained API.
    await idle();
    const start = await stats('stats');
    // The machine is shared: the 1-minute load average at the start and end of the measured run says how busy it was.
    const load0 = loadavg()[0]!;
    const counts0 = await emulator?.counts();
    const emulatorCpu0 = await emulator?.cpuMs();
    const benchCpu0 = cpuMs();
    child.send('sample-start');
    const r = await runMixedLoad({ ...ready.ready, connections, durationSec });
    child.send('sample-stop');
    const end = await stats('stats');
    const load1 = loadavg()[0]!;
    const benchCpu1 = cpuMs();
    const counts1 = await emulator?.counts();
    const emulatorCpu1 = await emulator?.cpuMs();
    // Let whatever the API still has in flight (requests autocannon gave up on) finish, then collect.
    await new Promise((res) => setTimeout(res, DRAIN_MS));
    const drained = await stats('gc');
    const rssStartMb = mb(start.rss);
    const rssEndMb = mb(end.rss);
    const result = {
      requests: r.requests,
      rps: r.rps,
      unexpected: r.unexpected,
      timeouts: r.timeouts,
      shed: r.shed,
      shedPct: round1((r.shed / Math.max(1, r.requests)) * 100),
      loadAvg1m: [round1(load0), round1(load1)],
      p50Ms: r.p50Ms,
      p99Ms: r.p99Ms,
      rssStartMb,
      rssEndMb,
      rssGrowthPct: round1(((rssEndMb - rssStartMb) / rssStartMb) * 100),
      rssDrainedMb: mb(drained.rss),
      rssEvery10sMb: samples.map((x) => mb(x.rss)),
      heapStartMb: mb(start.heapUsed),
      heapEndMb: mb(end.heapUsed),
      heapDrainedMb: mb(drained.heapUsed),
      apiCpuMsPerReq: Math.round(((end.cpuMs - start.cpuMs) / r.requests) * 100) / 100,
      // autocannon's process.
      benchCpuMsPerReq: Math.round(((benchCpu1 - benchCpu0) / r.requests) * 100) / 100,
      ...(emulatorCpu0 !== undefined && emulatorCpu1 !== undefined
        ? { emulatorCpuMsPerReq: Math.round(((emulatorCpu1 - emulatorCpu0) / r.requests) * 100) / 100 }
        : {}),
      ...(emulator && counts0 && counts1
        ? {
            ...opsDelta(counts0, counts1, r.requests),
            emulatorKeepAlive: keepAlive,
            rulesInContainerAtEnd: await emulator.documents(`calsync_load_${child.pid}`, 'rules'),
          }
        : {}),
      byStatus: r.byStatus,
    };
    console.log(`${kind}: ${JSON.stringify(result)}`);
    return result;
  } finally {
    child.disconnect();
    await new Promise((r) => child.once('exit', r));
    await emulator?.close();
  }
}

async function main(): Promise<void> {
  const durationSec = Number(arg('duration', '60'));
  const connections = Number(arg('connections', '200'));
  const kinds = arg('stores', 'sqlite,cosmos').split(',') as StoreKind[];
  const keepAlive = arg('emulator-keepalive', 'on') !== 'off';
  const overload = process.argv.includes('--overload') ? arg('overload', '{}') : undefined;
  const out: Record<string, unknown> = {};
  for (const kind of kinds) {
    const r = await measure(kind, connections, durationSec, keepAlive, overload);
    const { requests, rps, unexpected, timeouts, shed, shedPct, loadAvg1m, p50Ms, p99Ms, rssStartMb, rssEndMb, rssGrowthPct, rssDrainedMb, apiCpuMsPerReq } = r;
    out[kind] = {
      requests,
      rps,
      unexpected,
      timeouts,
      shed,
      shedPct,
      loadAvg1m,
      p50Ms,
      p99Ms,
      rssStartMb,
      rssEndMb,
      rssGrowthPct,
      rssDrainedMb,
      apiCpuMsPerReq,
      ...('cosmosOpsPerReq' in r ? { cosmosOpsPerReq: r.cosmosOpsPerReq } : {}),
    };
  }
  console.log(JSON.stringify(out));
}

const [, , mode, kind, users] = process.argv;
(mode === 'serve' ? serve(kind as StoreKind, Number(users)) : main()).catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
