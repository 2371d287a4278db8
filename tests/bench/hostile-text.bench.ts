/**
 * `npm run bench:hostile` (issue #12): hostile event text.
 * 1. htmlToText on bodies of 40,000 / 100,000 / 400,000 '<': the old regex version (tests/support) against the
 *    scanner, and normalising one whole event (fromGraphEvent) with that body on the new code; each by wall time
 *    and by this process's CPU time (…CpuMs_N, support/pass-timing.ts).
 * 2. Another user's GET /api/me (p50/p99) while one user sends hostile previews on 6 connections (two bodies of
 *    100,000 '<' per request, as in the issue, and one per request), the API in a child process.
 * Last stdout line: one JSON object with every figure. BENCH_SKIP_OLD=1 leaves out the old version's 400,000 run.
 */
import { fork, type ChildProcess } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { fromGraphEvent, htmlToText } from '../../shared';
import { createApp, REDACT_PATHS } from '../../server/app';
import { createTokenVerifier } from '../../server/auth/verifier';
import { openSqliteStores } from '../../server/store/sqlite';
import { makeGraphEvent } from '../factories/events';
import { regexHtmlToText } from '../support/regex-html-to-text';
import { tempSqliteDir } from '../support/sqlite';
import { startTestIssuer } from '../support/token-issuer';
import { claimsFor, USERS } from '../support/tokens';
import { runBenchEntry } from './support/bench-entry';
import { timeRepeated } from './support/pass-timing';
import { seedCustomerTenants } from '../support/tenants';

const SIZES = [40_000, 100_000, 400_000];
const ME_REQUESTS = Number(process.env.BENCH_ME_REQUESTS ?? 300);
const ATTACK_CONNECTIONS = 6;

function textFigures(): Record<string, number | null> {
  const out: Record<string, number | null> = {};
  htmlToText('<'.repeat(1000)); // warm-up
  for (const n of SIZES) {
    const body = '<'.repeat(n);
    const skip = n > 100_000 && process.env.BENCH_SKIP_OLD === '1';
    // Wall time as before, and the CPU this process used (…CpuMs), which a busy machine does not inflate.
    const record = (name: string, t: { wallMs: number; cpuMs: number } | null) => {
      out[`${name}Ms_${n}`] = t?.wallMs ?? null;
      out[`${name}CpuMs_${n}`] = t?.cpuMs ?? null;
    };
    record('oldHtmlToText', skip ? null : timeRepeated(() => regexHtmlToText(body)));
    record(
      'newHtmlToText',
      timeRepeated(() => htmlToText(body), 20),
    );
    record(
      'newNormaliseEvent',
      timeRepeated(() => fromGraphEvent(makeGraphEvent({ body: { contentType: 'html', content: body } }), { timeZone: 'Europe/Paris' }), 20),
    );
    console.log(
      `${n} '<': old htmlToText ${out[`oldHtmlToTextMs_${n}`]} ms, new ${out[`newHtmlToTextMs_${n}`]} ms, new whole event ${out[`newNormaliseEventMs_${n}`]} ms`,
    );
  }
  return out;
}

interface Ready {
  port: number;
  victim: string;
  attacker: string;
}

async function serve(): Promise<void> {
  const temp = tempSqliteDir('calsync-hostile-');
  const stores = openSqliteStores({ path: temp.dbPath() });
  await seedCustomerTenants(stores);
  const issuer = await startTestIssuer();
  const verifier = createTokenVerifier({ audience: issuer.audience, jwksUrl: issuer.jwksUrl, issuerTemplate: issuer.issuerTemplate });
  // The general per-user limit is lifted so the victim's 600+ measured requests stay 200; the preview budget stays.
  const app = createApp({
    stores,
    verifier,
    logger: pino({ level: 'warn', redact: { paths: REDACT_PATHS, censor: '[redacted]' } }),
    rateLimitPerMinute: 1_000_000,
  });
  const server = app.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  const victim = await issuer.mint({ claims: claimsFor(USERS.bobA) });
  const attacker = await issuer.mint({ claims: claimsFor(USERS.aliceA) });
  process.send!({ port: (server.address() as AddressInfo).port, victim, attacker } satisfies Ready);
  process.on('disconnect', () => {
    server.close();
    void issuer.close();
    void stores.close().then(() => {
      temp.remove();
      process.exit(0);
    });
  });
}

const hostileEvent = (id: string) => ({
  id,
  subject: 'Invitation',
  body: { contentType: 'html', content: '<'.repeat(100_000) },
  start: { dateTime: '2026-03-02T10:00:00', timeZone: 'UTC' },
  end: { dateTime: '2026-03-02T10:30:00', timeZone: 'UTC' },
});

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function apiFigures(): Promise<Record<string, number>> {
  const child: ChildProcess = fork(__filename, ['serve'], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const ready = await new Promise<Ready>((resolve, reject) => {
    child.once('message', (m) => resolve(m as Ready));
    child.once('exit', (code) => reject(new Error(`server exited early (${code})`)));
  });
  const base = `http://127.0.0.1:${ready.port}`;
  const me = async () => {
    const start = performance.now();
    const res = await fetch(`${base}/api/me`, { headers: { Authorization: `Bearer ${ready.victim}` } });
    await res.arrayBuffer();
    if (res.status !== 200) throw new Error(`/api/me answered ${res.status}`);
    return performance.now() - start;
  };
  const statuses = new Map<number, number>();
  let attacking = true;
  const attack = async (i: number) => {
    const body = JSON.stringify({ events: i % 2 === 0 ? [hostileEvent('a'), hostileEvent('b')] : [hostileEvent('a')] });
    while (attacking) {
      const res = await fetch(`${base}/api/preview`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${ready.attacker}`, 'Content-Type': 'application/json' },
        body,
      });
      await res.arrayBuffer();
      statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
    }
  };
  try {
    for (let i = 0; i < 20; i++) await me(); // warm-up
    const quiet: number[] = [];
    for (let i = 0; i < ME_REQUESTS; i++) quiet.push(await me());
    const attackers = Array.from({ length: ATTACK_CONNECTIONS }, (_, i) => attack(i));
    const loaded: number[] = [];
    for (let i = 0; i < ME_REQUESTS; i++) loaded.push(await me());
    attacking = false;
    await Promise.all(attackers);
    quiet.sort((a, b) => a - b);
    loaded.sort((a, b) => a - b);
    const round = (x: number) => Math.round(x * 10) / 10;
    const out = {
      meQuietP50Ms: round(percentile(quiet, 50)),
      meQuietP99Ms: round(percentile(quiet, 99)),
      meUnderHostilePreviewsP50Ms: round(percentile(loaded, 50)),
      meUnderHostilePreviewsP99Ms: round(percentile(loaded, 99)),
      previews200: statuses.get(200) ?? 0,
      previews413: statuses.get(413) ?? 0,
      previews429: statuses.get(429) ?? 0,
    };
    console.log(
      `/api/me quiet p50 ${out.meQuietP50Ms} ms p99 ${out.meQuietP99Ms} ms; under hostile previews p50 ${out.meUnderHostilePreviewsP50Ms} ms p99 ${out.meUnderHostilePreviewsP99Ms} ms; previews ${JSON.stringify(Object.fromEntries(statuses))}`,
    );
    return out;
  } finally {
    child.disconnect();
  }
}

async function main(): Promise<void> {
  const text = textFigures();
  const api = await apiFigures();
  console.log(JSON.stringify({ ...text, ...api }));
}

runBenchEntry({ serve, main });
