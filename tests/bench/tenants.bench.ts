/**
 * `npm run bench:tenants` (issue #15): 100 sandbox tenants × 10 mailboxes × 200 events, all onboarded at once (their
 * records made active through TenantService, their settings enrolling their mailboxes, one org rule each), then the
 * sync as `npm run serve` composes it — one multi-tenant app, a Graph client and token per tenant, the tenants it
 * serves read from the records, the in-process queue's per-tenant turns — sweeps every mailbox once. The Graph
 * sandbox runs in a child process (its own CPU and event loop) with 50 ms per request, inner batch requests included.
 *
 * - `firstSweepWallMs`: from the start of the sync to the last mailbox's first round done.
 * - `idealBoundMs`: what Graph's latency allows with W rounds at a time (the sync's workers), each mailbox's round
 *   taking its unavoidable requests at 4 in flight (bench:sync's per-round formula): max(longest round, sum of rounds
 *   / W). Token requests are not in it (one per tenant, cached).
 * - `maxTenantWaitMs`: the longest time from the start to a tenant's first round being handed to a worker.
 * - `crossTenantTokenUses`: requests the sandbox saw reach a mailbox with another tenant's token (must be 0).
 * Flags: --tenants N --mailboxes N --events N --workers N. Last stdout line: {"tenants","mailboxes","firstSweepWallMs",
 * "idealBoundMs","boundRatio","maxTenantWaitMs","crossTenantTokenUses", "workers","syncCpuMs","sandboxCpuMs","failed"}.
 */
import { fork } from 'node:child_process';
import pino from 'pino';
import { createTenantSync } from '../../server/compose/sync-host';
import { openGraphAccess } from '../../server/compose/graph';
import { startGraphSandbox, type AccountingSnapshot, type GraphSandbox, type SandboxCredential } from '../../graph-sandbox/src/index';
import { generateLargeTenant } from '../../graph-sandbox/src/scenarios/large-tenant';
import { RuleService } from '../../server/services/rules';
import { TenantService } from '../../server/services/tenants';
import { openSqliteStores } from '../../server/store/sqlite';
import { InProcessMailboxQueue } from '../../server/sync/in-process-queue';
import type { MailboxQueue } from '../../server/sync/mailbox-queue';
import type { JobOutcome } from '../../server/sync/mailbox-worker';
import type { RoundReport } from '../../server/sync/round-report';
import { servedTenants } from '../../server/sync/served-tenants';
import { tempSqliteDir } from '../support/sqlite';

const flag = (name: string, fallback: number): number => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const TENANTS = flag('tenants', 100);
const MAILBOXES = flag('mailboxes', 10);
const EVENTS = flag('events', 200);
const WORKERS = flag('workers', 16);
const LATENCY_MS = 50;

interface Ready {
  baseUrl: string;
  caPem: string;
  credential: SandboxCredential;
  tenants: Array<{ id: string; domain: string; upns: string[] }>;
}

const cpuMs = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const tenantId = (i: number): string => `${String(i + 1).padStart(8, '0')}-0000-4000-8000-${String(i + 1).padStart(12, '0')}`;

/** The child: every tenant in one sandbox, each with its own domain and generated mailboxes, consented. */
async function sandboxChild(): Promise<void> {
  const tenants = Array.from({ length: TENANTS }, (_, i) => ({
    id: tenantId(i),
    displayName: `Tenant ${i + 1}`,
    domains: [`t${i + 1}.example`],
    consented: true,
  }));
  const sandbox: GraphSandbox = await startGraphSandbox({ tenants, faults: { latencyMs: LATENCY_MS, seed: 1 } });
  const ready: Ready = {
    baseUrl: sandbox.baseUrl,
    caPem: sandbox.caPem,
    credential: sandbox.credential,
    tenants: tenants.map((t, i) => ({
      id: t.id,
      domain: t.domains[0]!,
      upns: generateLargeTenant(sandbox.store, { mailboxes: MAILBOXES, eventsPerMailbox: EVENTS, seed: 100 + i, domain: t.domains[0]! }).upns,
    })),
  };
  sandbox.accounting.reset();
  process.on('message', (m: { op: 'accounting' | 'cpu' | 'exit'; id: number }) => {
    if (m.op === 'exit') return void sandbox.stop().finally(() => process.exit(0));
    const result = m.op === 'cpu' ? cpuMs() : sandbox.accounting.snapshot();
    process.send!({ id: m.id, result });
  });
  process.send!({ ready });
}

/** bench:sync's per-round bound: the checks, one request per delta page of 1,000, then writes and batches at 4 in flight. */
function roundMs(r: RoundReport): number {
  const checks = r.fullRound ? 1 + Math.ceil(r.masterCategoriesCreated / 4) : 0;
  const pages = Math.max(1, Math.ceil(r.eventsScanned / 1000));
  const writes = Math.ceil((r.stamped + Math.ceil(r.stamped / 20)) / 4);
  return (checks + pages + writes) * LATENCY_MS;
}

async function main(): Promise<void> {
  const child = fork(__filename, ['--sandbox-child', ...process.argv.slice(2)], { execArgv: process.execArgv, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const answers = new Map<number, (v: unknown) => void>();
  let nextId = 0;
  const ready = await new Promise<Ready>((resolve) =>
    child.on('message', (m: { ready?: Ready; id?: number; result?: unknown }) => {
      if (m.ready) resolve(m.ready);
      else if (m.id !== undefined) answers.get(m.id)?.(m.result);
    }),
  );
  const ask = <T>(op: 'accounting' | 'cpu'): Promise<T> =>
    new Promise((resolve) => {
      const id = ++nextId;
      answers.set(id, resolve as (v: unknown) => void);
      child.send({ op, id });
    });
  const total = ready.tenants.reduce((n, t) => n + t.upns.length, 0);
  console.error(`sandbox ready: ${ready.tenants.length} tenants, ${total} mailboxes, ${EVENTS} events each`);

  const temp = tempSqliteDir('calsync-bench-tenants-');
  const stores = openSqliteStores({ path: temp.dbPath() });
  // All onboarded at once: each tenant active (trial plan, seats enough for its mailboxes), enrolled, with one org rule.
  for (const t of ready.tenants) {
    const tenants = new TenantService(stores);
    await tenants.activate({ userId: 'admin-consent' }, t.id, { displayName: t.domain, consentedBy: `admin@${t.domain}` });
    await stores.settings.put(
      {
        tenantId: t.id,
        internalDomains: [t.domain],
        enrolledMailboxes: t.upns,
        syncWindowDays: { past: 30, future: 365 },
        orgRulesLocked: false,
        updatedAt: new Date().toISOString(),
        updatedBy: 'bench',
      },
      null,
    );
    await new RuleService(stores).create(
      { tenantId: t.id, userId: 'admin', isAdmin: true },
      {
        name: 'Customers',
        scope: 'org',
        enabled: true,
        when: { field: 'subject', op: 'contains', value: 'Customer' },
        then: { category: 'Customer', color: 'preset1' },
      },
    );
  }

  const graph = openGraphAccess({ credential: ready.credential, graphBaseUrl: ready.baseUrl, caPem: ready.caPem }, WORKERS);
  const inner = new InProcessMailboxQueue();
  const firstHandedOut = new Map<string, number>();
  let started = 0;
  const queue: MailboxQueue = {
    enqueue: (job, delayMs) => inner.enqueue(job, delayMs),
    receive: async (max, visibilityMs) => {
      const got = await inner.receive(max, visibilityMs);
      for (const m of got) if (!firstHandedOut.has(m.job.tenantId)) firstHandedOut.set(m.job.tenantId, performance.now() - started);
      return got;
    },
    complete: (m) => inner.complete(m),
    abandon: (m, delayMs) => inner.abandon(m, delayMs),
    poisoned: () => inner.poisoned(),
    close: () => inner.close(),
  };
  const reports = new Map<string, RoundReport>();
  const failures: JobOutcome[] = [];
  let swept: () => void = () => undefined;
  const allSwept = new Promise<void>((resolve) => (swept = resolve));
  const runtime = createTenantSync({
    stores,
    queue,
    tenants: servedTenants([], stores.tenants),
    clientFor: graph.clientFor,
    workers: WORKERS,
    scheduleTickMs: 1_000,
    logger: pino({ level: 'silent' }),
    onJobDone: (o) => {
      if (o.kind === 'done') reports.set(`${o.message.job.tenantId}/${o.message.job.mailboxId}`, o.report);
      else failures.push(o);
      if (reports.size === total) swept();
    },
  });

  const sandboxCpuBefore = await ask<number>('cpu');
  const cpuBefore = cpuMs();
  started = performance.now();
  runtime.start();
  await allSwept;
  const firstSweepWallMs = performance.now() - started;
  const syncCpuMs = cpuMs() - cpuBefore;
  const sandboxCpuMs = (await ask<number>('cpu')) - sandboxCpuBefore;
  await runtime.stop();
  const snapshot = await ask<AccountingSnapshot>('accounting');
  await graph.close();
  await stores.close();
  temp.remove();
  child.send({ op: 'exit', id: 0 });

  const rounds = [...reports.values()].map(roundMs);
  const idealBoundMs = Math.max(Math.max(...rounds), Math.ceil(rounds.reduce((a, b) => a + b, 0) / WORKERS));
  const maxTenantWaitMs = Math.max(...firstHandedOut.values());
  const stamped = [...reports.values()].reduce((n, r) => n + r.stamped, 0);
  console.error(
    `swept ${reports.size} mailboxes (${stamped} events stamped) in ${Math.round(firstSweepWallMs)} ms; ideal ${idealBoundMs} ms with ${WORKERS} workers; sync CPU ${Math.round(syncCpuMs)} ms, sandbox CPU ${Math.round(sandboxCpuMs)} ms; ${failures.length} jobs not done on their first try`,
  );
  console.log(
    JSON.stringify({
      tenants: ready.tenants.length,
      mailboxes: total,
      firstSweepWallMs: Math.round(firstSweepWallMs),
      idealBoundMs,
      boundRatio: Number((firstSweepWallMs / idealBoundMs).toFixed(3)),
      maxTenantWaitMs: Math.round(maxTenantWaitMs),
      crossTenantTokenUses: snapshot.crossTenantTokenUses,
      workers: WORKERS,
      syncCpuMs: Math.round(syncCpuMs),
      sandboxCpuMs: Math.round(sandboxCpuMs),
      failed: failures.length,
    }),
  );
}

if (process.argv.includes('--sandbox-child')) void sandboxChild();
else
  main().catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
