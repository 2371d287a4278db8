/**
 * `npm run bench:notifications`: a flood of forged deliveries at POST /api/notifications (SQLite store, or the
 * in-process Cosmos emulator with BENCH_STORE=cosmos) while
 * another user calls GET /api/me. The server runs in a child process so the load generator does not share its
 * event loop. Each forged POST carries 100 items naming 50 subscription ids (GUIDs in a served tenant — the
 * costliest forgery) plus junk. Two floods of FLOOD_S seconds each (together ≤ 60 s, so the read count per id is
 * a per-minute figure): "paced" at the rate the endpoint accepts from one address (600 a minute = 10 POST/s),
 * then "unpaced" (autocannon, 20 connections, as fast as the server answers — mostly 429s on this branch).
 * Last stdout line:
 * {"store":"sqlite","storeReadsPerIdPerMinute":…,"storeReads":…,"distinctIds":…,"meQuiet":{p50Ms,p99Ms},
 *  "paced":{posts,accepted,p50Ms,p99Ms,p99Ratio},"unpaced":{posts,accepted,p50Ms,p99Ms,p99Ratio}}
 * Targets (issue #12): storeReadsPerIdPerMinute ≤ 1; paced.p99Ratio ≤ 2.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import autocannon from 'autocannon';
import pino from 'pino';
import { createApp, REDACT_PATHS } from '../../server/app';
import { createTokenVerifier } from '../../server/auth/verifier';
import { openSqliteStores } from '../../server/store/sqlite';
import type { SubscriptionStore } from '../../server/store/subscriptions';
import { CachedSubscriptionStore } from '../../server/sync/cached-subscription-store';
import { InProcessMailboxQueue } from '../../server/sync/in-process-queue';
import { NotificationHandler } from '../../server/sync/notification-handler';
import type { SubscriptionManager } from '../../server/sync/subscription-manager';
import type { Stores } from '../../server/store/types';
import { startCosmosEmulator } from '../support/cosmos';
import { tempSqliteDir } from '../support/sqlite';
import { startTestIssuer } from '../support/token-issuer';
import { claimsFor, USERS } from '../support/tokens';
import { runBenchEntry } from './support/bench-entry';
import { seedCustomerTenants } from '../support/tenants';

/** `BENCH_STORE=cosmos`: the in-process Cosmos emulator (read counts compare; its latency is not Cosmos's). */
const STORE = process.env.BENCH_STORE === 'cosmos' ? 'cosmos' : 'sqlite';
const FLOOD_S = Math.min(30, Number(process.env.BENCH_DURATION_S ?? 25));
const ACCEPTED_PER_S = 10;
const QUIET_CALLS = 400;
const DISTINCT_IDS = 50;

interface Ready {
  port: number;
  token: string;
}
interface Stats {
  storeReads: number;
  maxReadsOfOneId: number;
}

/** Child: the API with the notification endpoint wired as production wires it (cache when the code has one). */
async function serve(): Promise<void> {
  const temp = tempSqliteDir('calsync-bench-');
  const cosmos = STORE === 'cosmos' ? await startCosmosEmulator() : undefined;
  const stores: Stores = cosmos ? await cosmos.openStores() : openSqliteStores({ path: temp.dbPath() });
  const user = USERS.aliceA;
  await seedCustomerTenants(stores);
  const readsById = new Map<string, number>();
  const inner = stores.subscriptions;
  const original = inner.bySubscriptionId.bind(inner);
  inner.bySubscriptionId = (tenantId, subscriptionId) => {
    readsById.set(subscriptionId, (readsById.get(subscriptionId) ?? 0) + 1);
    return original(tenantId, subscriptionId);
  };
  // As sync-runtime wires it. (For the "before" figures on main's code, which has no cache, this is `inner`.)
  const store: SubscriptionStore = new CachedSubscriptionStore(inner);
  const handler = new NotificationHandler({
    queue: new InProcessMailboxQueue(),
    store,
    subscriptions: {} as SubscriptionManager,
    tenants: () => [user.tid],
    inbox: stores.notificationInbox,
  });
  const issuer = await startTestIssuer();
  const verifier = createTokenVerifier({ audience: issuer.audience, jwksUrl: issuer.jwksUrl, issuerTemplate: issuer.issuerTemplate });
  const logger = pino({ level: 'warn', redact: { paths: REDACT_PATHS, censor: '[redacted]' } });
  const app = createApp({ stores, verifier, logger, rateLimitPerMinute: 1_000_000_000, notifications: handler });
  const token = await issuer.mint({ claims: claimsFor(USERS.bobA) });
  const server = app.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  process.send!({ port: (server.address() as AddressInfo).port, token } satisfies Ready);
  process.on('message', (m) => {
    if (m === 'stats') {
      const counts = [...readsById.values()];
      process.send!({ storeReads: counts.reduce((a, b) => a + b, 0), maxReadsOfOneId: Math.max(0, ...counts) } satisfies Stats);
    }
  });
  process.on('disconnect', () => {
    server.close();
    void issuer.close();
    void stores.close().then(async () => {
      await cosmos?.close();
      temp.remove();
      process.exit(0);
    });
  });
}

const percentile = (sorted: number[], p: number): number => Math.round(sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]! * 10) / 10;

/** Sequential GET /api/me calls: `count` of them, or until `until` resolves. */
async function probeMe(port: number, token: string, count: number, until?: Promise<unknown>): Promise<{ p50Ms: number; p99Ms: number; calls: number }> {
  let done = false;
  void until?.then(() => (done = true));
  const times: number[] = [];
  while (until ? !done : times.length < count) {
    const t0 = performance.now();
    const res = await fetch(`http://127.0.0.1:${port}/api/me`, { headers: { Authorization: `Bearer ${token}` } });
    await res.arrayBuffer();
    if (res.status !== 200) throw new Error(`/api/me answered ${res.status}`);
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return { p50Ms: percentile(times, 50), p99Ms: percentile(times, 99), calls: times.length };
}

function forgedBody(tenantId: string, ids: string[]): string {
  const value = [
    ...Array.from({ length: 80 }, (_, i) => ({
      subscriptionId: ids[i % ids.length],
      tenantId,
      clientState: 'forged',
      changeType: 'updated',
      resource: 'Users/x/Events/y',
    })),
    ...Array.from({ length: 10 }, () => ({ subscriptionId: randomUUID(), tenantId: randomUUID(), clientState: 'forged' })),
    ...Array.from({ length: 10 }, (_, i) => ({ subscriptionId: `junk-${i}`, tenantId, clientState: 'forged' })),
  ];
  return JSON.stringify({ value });
}

async function main(): Promise<void> {
  const child: ChildProcess = fork(__filename, ['serve'], { execArgv: process.execArgv, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const ready = await new Promise<Ready>((resolve, reject) => {
    child.once('message', (m) => resolve(m as Ready));
    child.once('exit', (code) => reject(new Error(`server exited early (${code})`)));
  });
  try {
    await probeMe(ready.port, ready.token, 100); // warm-up
    const meQuiet = await probeMe(ready.port, ready.token, QUIET_CALLS);
    const ids = Array.from({ length: DISTINCT_IDS }, () => randomUUID());
    const body = forgedBody(USERS.aliceA.tid, ids);
    const floodWhileProbing = async (rate: number | undefined) => {
      const flood = new Promise<autocannon.Result>((resolve, reject) => {
        autocannon(
          {
            url: `http://127.0.0.1:${ready.port}/api/notifications`,
            method: 'POST',
            connections: rate ? 2 : 20,
            ...(rate ? { overallRate: rate } : {}),
            duration: FLOOD_S,
            headers: { 'content-type': 'application/json' },
            body,
          },
          (err, result) => (err ? reject(err) : resolve(result)),
        );
      });
      const me = await probeMe(ready.port, ready.token, 0, flood);
      const result = await flood;
      return {
        posts: result.requests.total,
        accepted: result['2xx'],
        p50Ms: me.p50Ms,
        p99Ms: me.p99Ms,
        p99Ratio: Math.round((me.p99Ms / meQuiet.p99Ms) * 100) / 100,
      };
    };
    const paced = await floodWhileProbing(ACCEPTED_PER_S);
    const unpaced = await floodWhileProbing(undefined);
    const stats = await new Promise<Stats>((resolve) => {
      child.once('message', (m) => resolve(m as Stats));
      child.send('stats');
    });
    console.log(`/api/me quiet p50 ${meQuiet.p50Ms} ms p99 ${meQuiet.p99Ms} ms (${meQuiet.calls} calls)`);
    console.log(`paced flood:   ${paced.posts} POSTs, ${paced.accepted} 2xx; /api/me p50 ${paced.p50Ms} ms p99 ${paced.p99Ms} ms`);
    console.log(`unpaced flood: ${unpaced.posts} POSTs, ${unpaced.accepted} 2xx; /api/me p50 ${unpaced.p50Ms} ms p99 ${unpaced.p99Ms} ms`);
    console.log(`store reads: ${stats.storeReads} for ${DISTINCT_IDS} ids (most for one id: ${stats.maxReadsOfOneId})`);
    console.log(
      JSON.stringify({
        store: STORE,
        storeReadsPerIdPerMinute: stats.maxReadsOfOneId,
        storeReads: stats.storeReads,
        distinctIds: DISTINCT_IDS,
        meQuiet: { p50Ms: meQuiet.p50Ms, p99Ms: meQuiet.p99Ms },
        paced,
        unpaced,
      }),
    );
  } finally {
    child.disconnect();
  }
}

runBenchEntry({ serve, main });
