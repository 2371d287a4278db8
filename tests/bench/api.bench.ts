/**
 * `npm run bench:api`: GET /api/rules?scope=effective with a valid token and 50 rules in the SQLite store,
 * against a bare Express route returning the same JSON without auth, in the same run (autocannon,
 * 50 connections, 10 s each). Both servers run in a child process so the load generator does not steal
 * their event loop. Last stdout line: {"calsyncRps":…,"bareRps":…,"ratio":…,"p99Ms":…}.
 * Targets: ratio ≥ 0.5, p99 ≤ 20 ms.
 */
import { fork, type ChildProcess } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import autocannon from 'autocannon';
import express from 'express';
import pino from 'pino';
import { createApp, REDACT_PATHS } from '../../server/app';
import { createTokenVerifier } from '../../server/auth/verifier';
import { openSqliteStores } from '../../server/store/sqlite';
import type { StoredRuleInput } from '../../server/store/types';
import { tempSqliteDir } from '../support/sqlite';
import { startTestIssuer } from '../support/token-issuer';
import { claimsFor, USERS } from '../support/tokens';
import { runBenchEntry } from './support/bench-entry';
import { seedCustomerTenants } from '../support/tenants';

const CONNECTIONS = 50;
const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 10);
const URL_PATH = '/api/rules?scope=effective';

interface Ready {
  calsyncPort: number;
  barePort: number;
  token: string;
}

function seedRule(i: number): StoredRuleInput {
  const user = USERS.aliceA;
  const scope = i < 25 ? 'org' : 'personal';
  return {
    id: `r_bench_${String(i).padStart(2, '0')}`,
    name: `Bench rule ${i}`,
    scope,
    enabled: true,
    order: i,
    when: {
      any: [
        { field: 'subject', op: 'contains', value: `project-${i}` },
        {
          all: [
            { field: 'hasExternalAttendees', op: 'is', value: true },
            { field: 'durationMinutes', op: 'gte', value: 30 + i },
          ],
        },
      ],
    },
    then: { category: `Category ${i}`, color: `preset${i % 25}` as StoredRuleInput['then']['color'], stop: false },
    tenantId: user.tid,
    ownerId: scope === 'personal' ? user.oid : null,
    createdAt: new Date().toISOString(),
    createdBy: user.oid,
    updatedAt: new Date().toISOString(),
    updatedBy: user.oid,
  };
}

/** Child: the CalSync app (SQLite, real verifier against a local JWKS) and the bare route. */
async function serve(): Promise<void> {
  const temp = tempSqliteDir('calsync-bench-');
  const stores = openSqliteStores({ path: temp.dbPath() });
  const user = USERS.aliceA;
  await seedCustomerTenants(stores);
  await stores.rules.applyWrites(
    user.tid,
    Array.from({ length: 50 }, (_, i) => ({ kind: 'create' as const, rule: seedRule(i) })),
  );
  const issuer = await startTestIssuer();
  const verifier = createTokenVerifier({ audience: issuer.audience, jwksUrl: issuer.jwksUrl, issuerTemplate: issuer.issuerTemplate });
  const logger = pino({ level: 'warn', redact: { paths: REDACT_PATHS, censor: '[redacted]' } });
  const app = createApp({ stores, verifier, logger, rateLimitPerMinute: 1_000_000_000 });
  const token = await issuer.mint({ claims: claimsFor(user) });

  const calsync = app.listen(0, '127.0.0.1');
  await new Promise((r) => calsync.once('listening', r));
  const calsyncPort = (calsync.address() as AddressInfo).port;

  // The bare route serves exactly what CalSync answers.
  const payload = await (await fetch(`http://127.0.0.1:${calsyncPort}${URL_PATH}`, { headers: { Authorization: `Bearer ${token}` } })).json();
  if (!Array.isArray((payload as { items?: unknown[] }).items) || (payload as { items: unknown[] }).items.length !== 50) {
    throw new Error(`unexpected payload: ${JSON.stringify(payload).slice(0, 200)}`);
  }
  const bare = express();
  bare.get('/api/rules', (_req, res) => {
    res.json(payload);
  });
  const bareServer = bare.listen(0, '127.0.0.1');
  await new Promise((r) => bareServer.once('listening', r));
  const barePort = (bareServer.address() as AddressInfo).port;

  process.send!({ calsyncPort, barePort, token } satisfies Ready);
  process.on('disconnect', () => {
    calsync.close();
    bareServer.close();
    void issuer.close();
    void stores.close().then(() => {
      temp.remove();
      process.exit(0);
    });
  });
}

function run(url: string, headers: Record<string, string>, duration: number): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    autocannon({ url, connections: CONNECTIONS, duration, headers }, (err, result) => (err ? reject(err) : resolve(result)));
  });
}

async function main(): Promise<void> {
  const child: ChildProcess = fork(__filename, ['serve'], {
    execArgv: [...process.execArgv, ...(process.env.BENCH_PROF ? ['--cpu-prof', '--cpu-prof-dir=' + process.env.BENCH_PROF] : [])],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const ready = await new Promise<Ready>((resolve, reject) => {
    child.once('message', (m) => resolve(m as Ready));
    child.once('exit', (code) => reject(new Error(`server exited early (${code})`)));
  });
  const auth = { Authorization: `Bearer ${ready.token}` };
  const calsyncUrl = `http://127.0.0.1:${ready.calsyncPort}${URL_PATH}`;
  const bareUrl = `http://127.0.0.1:${ready.barePort}${URL_PATH}`;
  try {
    // Warm-up (JIT, caches), not measured.
    await run(calsyncUrl, auth, 2);
    await run(bareUrl, {}, 2);
    const calsync = await run(calsyncUrl, auth, DURATION_S);
    const bare = await run(bareUrl, {}, DURATION_S);
    const bad = calsync.non2xx + calsync.errors + calsync.timeouts;
    if (bad > 0) throw new Error(`CalSync answered ${calsync.non2xx} non-2xx, ${calsync.errors} errors, ${calsync.timeouts} timeouts`);
    console.log(
      `calsync: ${calsync.requests.average} req/s avg, p50 ${calsync.latency.p50} ms, p99 ${calsync.latency.p99} ms (${calsync.requests.total} requests)`,
    );
    console.log(`bare:    ${bare.requests.average} req/s avg, p50 ${bare.latency.p50} ms, p99 ${bare.latency.p99} ms (${bare.requests.total} requests)`);
    const calsyncRps = Math.round(calsync.requests.average);
    const bareRps = Math.round(bare.requests.average);
    const ratio = Math.round((calsyncRps / bareRps) * 1000) / 1000;
    console.log(JSON.stringify({ calsyncRps, bareRps, ratio, p99Ms: calsync.latency.p99 }));
  } finally {
    child.disconnect();
  }
}

runBenchEntry({ serve, main });
