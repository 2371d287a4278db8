/**
 * The soak: the `npm start` stack (its own process) under rule edits and event churn for a while, sampled for
 * open file descriptors and RSS, then left to settle. It passes when the process's handles and memory stay
 * within bounds, no mailbox is stuck (lease held, writes pending, never synced), every churned event ends with
 * exactly the category the rules give it, and SIGINT still stops everything cleanly.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Client } from '@microsoft/microsoft-graph-client';
import { createGraphCredential } from '../../server/sync/credential';
import { createGraphAccess } from '../../server/sync/graph-client';
import { seededRandom } from '../bench/support/prng';
import { startDemoProcess, type DemoProcess } from '../demo/support/demo-process';

export interface SoakOptions {
  durationMs: number;
  /** One churn action this often. */
  actionEveryMs?: number;
  /** Progress lines this often. */
  sampleEveryMs?: number;
  /** Churn before the baseline is taken (default 60 s, at most half the run). */
  warmupMs?: number;
  seed?: number;
  /** Where the demo's add-in build is kept between runs (built once). */
  addinBuildDir?: string;
  log?: (line: string) => void;
}

export interface SoakReport {
  minutes: number;
  actions: { ruleEdits: number; eventCreates: number; eventUpdates: number; eventDeletes: number; failed: number };
  /** Lowest RSS over the last 10 s of the warm-up. */
  rssStartMb: number;
  /** Lowest RSS over 10 s once the churn stopped and every event had settled. */
  rssEndMb: number;
  rssMaxMb: number;
  rssGrowthPct: number;
  fdsStart: number;
  fdsEnd: number;
  fdsMax: number;
  stuckMailboxes: string[];
  wrongEvents: string[];
  settleMs: number;
  exitCode: number | null;
}

const SOAK_CATEGORY = 'Soak';
const COLORS = ['preset3', 'preset5', 'preset9'] as const;

interface Sample {
  phase: 'early' | 'baseline' | 'churn' | 'settled';
  rss: number;
  fds: number;
}

interface LiveEvent {
  mailbox: string;
  id: string;
  subject: string;
}

function graphClient(ready: DemoProcess['ready']): { client: Client; close(): Promise<void> } {
  const { graph } = ready;
  const caPem = fs.readFileSync(graph.caFile, 'utf8');
  const credential = createGraphCredential({
    kind: 'secret',
    tenantId: graph.tenantId,
    clientId: graph.clientId,
    clientSecret: graph.clientSecret,
    authorityHost: graph.baseUrl,
    caPem,
  });
  return createGraphAccess({ credential, baseUrl: graph.baseUrl, caPem, connections: 8 });
}

/** Mailboxes whose sync state shows a problem: no state, a lease still held, or writes left pending. */
function stuckMailboxes(dataDir: string, mailboxes: string[]): string[] {
  const db = new Database(path.join(dataDir, 'calsync-demo.db'), { readonly: true, fileMustExist: true });
  try {
    const rows = db.prepare<[], { mailbox_id: string; doc: string }>('SELECT mailbox_id, doc FROM sync_state').all();
    const byMailbox = new Map(
      rows.map((r) => [r.mailbox_id.toLowerCase(), JSON.parse(r.doc) as { deltaLink: string | null; pending: string[]; lease?: { expiresAt: string } | null }]),
    );
    return mailboxes.filter((m) => {
      const s = byMailbox.get(m.toLowerCase());
      return !s || !s.deltaLink || s.pending.length > 0 || (s.lease && Date.parse(s.lease.expiresAt) > Date.now());
    });
  } finally {
    db.close();
  }
}

/**
 * Mailboxes that stay stuck for a whole window. A mailbox caught mid-round (lease held, writes pending) is fine:
 * only one flagged at every probe for STUCK_WINDOW_MS, far longer than a round, is stuck.
 */
const STUCK_WINDOW_MS = 30_000;
async function persistentlyStuck(dataDir: string, mailboxes: string[]): Promise<string[]> {
  let flagged = new Set(stuckMailboxes(dataDir, mailboxes));
  const deadline = Date.now() + STUCK_WINDOW_MS;
  while (flagged.size > 0 && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 500));
    const now = new Set(stuckMailboxes(dataDir, mailboxes));
    flagged = new Set([...flagged].filter((m) => now.has(m)));
  }
  return [...flagged];
}

async function until(probe: () => Promise<boolean> | boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await probe()) return true;
    if (Date.now() > deadline) return false;
    await new Promise((r) => setTimeout(r, 500));
  }
}

export async function runSoak(options: SoakOptions): Promise<SoakReport> {
  const log = options.log ?? (() => undefined);
  const random = seededRandom(options.seed ?? 20261124);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'calsync-soak-'));
  const demo = await startDemoProcess(dataDir, 240_000, options.addinBuildDir ? { CALSYNC_DEMO_ADDIN_DIR: options.addinBuildDir } : {});
  const graph = graphClient(demo.ready);
  const api = demo.ready.urls.api.replace(/\/api\/?$/, '');
  const actions = { ruleEdits: 0, eventCreates: 0, eventUpdates: 0, eventDeletes: 0, failed: 0 };
  try {
    const token = await (await fetch(`${api}/demo/token?user=megan`)).text();
    const call = async (method: string, url: string, body?: unknown, headers: Record<string, string> = {}) => {
      const res = await fetch(`${api}${url}`, {
        method,
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', ...headers },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      if (!res.ok) throw new Error(`${method} ${url}: ${res.status} ${await res.text()}`);
      return { body: res.status === 204 ? undefined : ((await res.json()) as Record<string, unknown>), etag: res.headers.get('etag') ?? '' };
    };
    const settings = (await call('GET', '/api/settings')).body as { enrolledMailboxes: string[] };
    const mailboxes = settings.enrolledMailboxes;
    log(`demo ready on ${api}; ${mailboxes.length} mailboxes; waiting for the first sweep`);
    if (!(await until(() => stuckMailboxes(dataDir, mailboxes).length === 0, 120_000)))
      throw new Error(`first sweep did not finish: ${stuckMailboxes(dataDir, mailboxes).join(', ')}`);

    const created = await call('POST', '/api/rules', {
      name: 'Soak test events',
      scope: 'org',
      enabled: true,
      order: 900,
      when: { field: 'subject', op: 'startsWith', value: 'soak-' },
      then: { category: SOAK_CATEGORY, color: COLORS[0], stop: false },
    });
    const ruleId = String(created.body?.id);
    const live: LiveEvent[] = [];
    let serial = 0;
    const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

    const act = async (): Promise<void> => {
      const r = random();
      if (r < 0.2) {
        const color = COLORS[Math.floor(random() * COLORS.length)];
        const current = await call('GET', `/api/rules/${ruleId}`);
        await call(
          'PUT',
          `/api/rules/${ruleId}`,
          { ...current.body, etag: undefined, then: { category: SOAK_CATEGORY, color, stop: false } },
          { 'If-Match': current.etag },
        );
        actions.ruleEdits++;
      } else if (r < 0.6 || live.length === 0) {
        if (live.length >= 30) {
          const gone = live.shift()!;
          await graph.client.api(`/users/${encodeURIComponent(gone.mailbox)}/events/${gone.id}`).delete();
          actions.eventDeletes++;
          return;
        }
        const mailbox = mailboxes[Math.floor(random() * mailboxes.length)]!;
        const subject = `soak-${++serial}`;
        const d = day(1 + Math.floor(random() * 6));
        const event = (await graph.client.api(`/users/${encodeURIComponent(mailbox)}/events`).post({
          subject,
          start: { dateTime: `${d}T${String(8 + Math.floor(random() * 8)).padStart(2, '0')}:00:00`, timeZone: 'UTC' },
          end: { dateTime: `${d}T18:00:00`, timeZone: 'UTC' },
        })) as { id: string };
        live.push({ mailbox, id: event.id, subject });
        actions.eventCreates++;
      } else if (r < 0.85) {
        const target = live[Math.floor(random() * live.length)]!;
        // Half the edits take the event out of the rule's reach: its stamp must then be removed.
        target.subject = target.subject.startsWith('soak-') ? `plain-${++serial}` : `soak-${++serial}`;
        await graph.client.api(`/users/${encodeURIComponent(target.mailbox)}/events/${target.id}`).patch({ subject: target.subject });
        actions.eventUpdates++;
      } else {
        const [gone] = live.splice(Math.floor(random() * live.length), 1);
        await graph.client.api(`/users/${encodeURIComponent(gone!.mailbox)}/events/${gone!.id}`).delete();
        actions.eventDeletes++;
      }
    };

    // Memory is judged trough to trough: RSS saw-tooths with the garbage collector, so a single reading says
    // little. The baseline is the lowest reading over the warm-up's last seconds (caches and pools filled by
    // then), the end the lowest over the settle after the churn; a leak raises the troughs, the saw-tooth not.
    const warmupMs = Math.min(options.warmupMs ?? 60_000, options.durationMs / 2);
    const samples: Sample[] = [];
    const sample = (phase: Sample['phase']): Sample => {
      const s: Sample = { phase, rss: demo.rssMb(), fds: demo.openFds() };
      samples.push(s);
      return s;
    };
    log(`churning for ${Math.round(options.durationMs / 1000)} s, the first ${Math.round(warmupMs / 1000)} s warm-up`);
    const started = Date.now();
    let lastSample = 0;
    let lastLog = started;
    while (Date.now() - started < options.durationMs) {
      await act().catch((err: unknown) => {
        actions.failed++;
        log(`action failed: ${String(err)}`);
      });
      const elapsed = Date.now() - started;
      if (Date.now() - lastSample >= 1_000) {
        lastSample = Date.now();
        sample(elapsed < warmupMs - 10_000 ? 'early' : elapsed < warmupMs ? 'baseline' : 'churn');
      }
      if (Date.now() - lastLog >= (options.sampleEveryMs ?? 10_000)) {
        lastLog = Date.now();
        log(`t+${Math.round(elapsed / 1000)} s: ${samples.at(-1)!.rss.toFixed(0)} MB, ${samples.at(-1)!.fds} fds, ${JSON.stringify(actions)}`);
      }
      await new Promise((r) => setTimeout(r, options.actionEveryMs ?? 250));
    }

    const settleStart = Date.now();
    const wrong = async (): Promise<string[]> => {
      const out: string[] = [];
      for (const e of live) {
        const got = (await graph.client
          .api(`/users/${encodeURIComponent(e.mailbox)}/events/${e.id}`)
          .select('subject,categories')
          .get()) as { categories?: string[] };
        const has = (got.categories ?? []).includes(SOAK_CATEGORY);
        if (has !== e.subject.startsWith('soak-')) out.push(`${e.mailbox} ${e.subject}: ${JSON.stringify(got.categories)}`);
      }
      return out;
    };
    await until(async () => (await wrong()).length === 0 && stuckMailboxes(dataDir, mailboxes).length === 0, 120_000);
    const settleMs = Date.now() - settleStart;
    for (let i = 0; i < 10; i++) {
      sample('settled');
      await new Promise((r) => setTimeout(r, 1_000));
    }
    const trough = (phase: Sample['phase']): number => Math.min(...samples.filter((x) => x.phase === phase).map((x) => x.rss));
    const baseline = trough('baseline');
    const end = trough('settled');
    const baselineFds = samples.filter((x) => x.phase === 'baseline').at(-1)!.fds;
    const endFds = samples.at(-1)!.fds;
    const report: SoakReport = {
      minutes: Math.round((options.durationMs / 60_000) * 100) / 100,
      actions,
      rssStartMb: Math.round(baseline),
      rssEndMb: Math.round(end),
      rssMaxMb: Math.round(Math.max(...samples.map((x) => x.rss))),
      rssGrowthPct: Math.round(((end - baseline) / baseline) * 1000) / 10,
      fdsStart: baselineFds,
      fdsEnd: endFds,
      fdsMax: Math.max(...samples.map((x) => x.fds)),
      stuckMailboxes: await persistentlyStuck(dataDir, mailboxes),
      wrongEvents: await wrong(),
      settleMs,
      exitCode: null,
    };
    await graph.close();
    report.exitCode = await demo.stop();
    return report;
  } finally {
    if (demo.child.exitCode === null && demo.child.signalCode === null) await demo.stop('SIGKILL');
    await graph.close().catch(() => undefined);
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
