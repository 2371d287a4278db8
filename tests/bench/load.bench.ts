/**
 * npm run bench:load — 200 connections of mixed reads, writes and previews (tests/load/support/mixed-workload.ts)
 * against the API, once on SQLite and once on Cosmos (the in-process emulator). The API runs in a child
 * process so its RSS is its own. Options: --duration S (default 60), --connections N (default 200),
 * --stores sqlite,cosmos. Last line: {"sqlite":{…},"cosmos":{…}}.
 */
import { fork } from 'node:child_process';
import { runMixedLoad } from '../load/support/mixed-workload';
import { startLoadTarget, type ExternalCosmos } from '../load/support/load-target';
import { startCosmosEmulator } from '../support/cosmos';
import type { StoreKind } from '../support/stores';

type FromChild = { ready: { baseUrl: string; authHeaders: string[] } } | { rss: number };

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1]! : fallback;
}

async function serve(kind: StoreKind, users: number): Promise<void> {
  const external = process.env.BENCH_COSMOS ? (JSON.parse(process.env.BENCH_COSMOS) as ExternalCosmos) : undefined;
  const target = await startLoadTarget(kind, users, external);
  process.send!({ ready: { baseUrl: target.baseUrl, authHeaders: target.authHeaders } } satisfies FromChild);
  process.on('message', (m) => {
    if (m === 'rss') process.send!({ rss: process.memoryUsage().rss } satisfies FromChild);
  });
  process.on('disconnect', () => void target.close().then(() => process.exit(0)));
}

async function measure(kind: StoreKind, connections: number, durationSec: number) {
  // The emulator runs here, not in the API's process, so the API's RSS is its own.
  const emulator = kind === 'cosmos' ? await startCosmosEmulator() : undefined;
  const env = emulator ? { ...process.env, BENCH_COSMOS: JSON.stringify({ endpoint: emulator.endpoint, key: emulator.key, caPem: emulator.caPem }) } : process.env;
  const child = fork(__filename, ['serve', kind, String(connections)], { env, execArgv: process.execArgv, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const next = () => new Promise<FromChild>((resolve, reject) => {
    child.once('message', (m) => resolve(m as FromChild));
    child.once('exit', (code) => reject(new Error(`server exited (${code})`)));
  });
  const ready = await next();
  if (!('ready' in ready)) throw new Error('unexpected message');
  const rss = async () => {
    child.send('rss');
    const m = await next();
    return 'rss' in m ? Math.round(m.rss / 1048576) : NaN;
  };
  try {
    // A short warm-up first, so start RSS is the running service's, not the process at birth.
    await runMixedLoad({ ...ready.ready, connections, durationSec: Math.min(5, durationSec) });
    const rssStartMb = await rss();
    const r = await runMixedLoad({ ...ready.ready, connections, durationSec });
    const rssEndMb = await rss();
    const result = { requests: r.requests, rps: r.rps, unexpected: r.unexpected, p50Ms: r.p50Ms, p99Ms: r.p99Ms, rssStartMb, rssEndMb, rssGrowthPct: Math.round(((rssEndMb - rssStartMb) / rssStartMb) * 1000) / 10, byStatus: r.byStatus };
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
  const out: Record<string, unknown> = {};
  for (const kind of kinds) {
    const { byStatus: _byStatus, ...summary } = await measure(kind, connections, durationSec);
    out[kind] = summary;
  }
  console.log(JSON.stringify(out));
}

const [, , mode, kind, users] = process.argv;
(mode === 'serve' ? serve(kind as StoreKind, Number(users)) : main()).catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
