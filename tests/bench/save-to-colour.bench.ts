/**
 * `npm run bench:save-colour`: how long after an event is saved from Outlook (on the web or in new Outlook, which
 * refuse item categories while composing) CalSync's colour is on it, in the demo (`startDemo`: the Graph sandbox
 * with its 25–40 ms per request, change notifications, the in-process queue and 4 workers). Each of SAVES new
 * meetings (an external guest, so the demo's "External" rule matches) is POSTed to an enrolled person's calendar
 * through the sandbox's Graph as another client would; the clock runs from the POST's answer (the save) to the
 * end of the sync round after which the event carries the category. Saves are spaced so rounds do not overlap.
 * Last stdout line: {"saves":…,"medianMs":…,"minMs":…,"maxMs":…,"p90Ms":…,"samplesMs":[…]}
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { DEMO_TENANT_ID } from '../../demo/demo-identities';
import { startDemo } from '../../demo/start-demo';
import { openSqliteStores } from '../../server/store/sqlite';
import { createGraphCredential } from '../../server/sync/credential';
import { createGraphAccess } from '../../server/sync/graph-client';
import type { JobOutcome } from '../../server/sync/mailbox-worker';

const SAVES = Number(process.env.BENCH_SAVES ?? 9);
/** Rounds to wait for one save's colour before calling the run broken (an edit needs one; a stray one may come first). */
const MAX_ROUNDS_PER_SAVE = 5;

type Listener = (outcome: JobOutcome) => void;
const listeners = new Set<Listener>();

/** The next finished round of `mailbox`, with the time it finished. */
function nextRound(mailbox: string): Promise<{ outcome: JobOutcome; atMs: number }> {
  return new Promise((done) => {
    const listener: Listener = (outcome) => {
      if (outcome.message.job.mailboxId !== mailbox) return;
      listeners.delete(listener);
      done({ outcome, atMs: performance.now() });
    };
    listeners.add(listener);
  });
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'calsync-save-colour-'));
  const demo = await startDemo({ port: 0, dataDir, logger: pino({ level: 'silent' }), onJobDone: (o) => listeners.forEach((l) => l(o)) });
  const access = createGraphAccess({
    credential: createGraphCredential({
      kind: 'secret',
      tenantId: demo.graph.tenantId,
      clientId: demo.graph.clientId,
      clientSecret: demo.graph.clientSecret,
      authorityHost: demo.graph.authorityHost,
      caPem: readFileSync(demo.graph.caFile, 'utf8'),
    }),
    baseUrl: demo.graph.baseUrl,
    caPem: readFileSync(demo.graph.caFile, 'utf8'),
  });
  try {
    const stores = openSqliteStores({ path: join(dataDir, 'calsync-demo.db') });
    const enrolled = ((await stores.settings.get(DEMO_TENANT_ID))?.enrolledMailboxes ?? []) as string[];
    await stores.close();
    const mailbox = enrolled[0];
    if (!mailbox) throw new Error('the demo enrolled nobody');
    // The first sweep first. Its PATCHes come back as notifications that queue no round (own-writes.ts), so no quiet
    // round follows it to wait for; a stray round later only means one more check below.
    for (let swept = false; !swept;) swept = (await nextRound(mailbox)).outcome.kind === 'done';

    const samples: number[] = [];
    for (let i = 0; i < SAVES; i++) {
      const day = new Date(Date.now() + (i + 2) * 86_400_000).toISOString().slice(0, 10);
      const created = (await access.client.api(`/users/${mailbox}/events`).post({
        subject: `Save-to-colour ${i}`,
        start: { dateTime: `${day}T10:00:00`, timeZone: 'UTC' },
        end: { dateTime: `${day}T11:00:00`, timeZone: 'UTC' },
        attendees: [{ type: 'required', emailAddress: { address: 'grace@fabrikam.com', name: 'Grace' } }],
      })) as { id: string };
      const savedMs = performance.now();
      let colouredMs: number | undefined;
      for (let round = 0; round < MAX_ROUNDS_PER_SAVE && colouredMs === undefined; round++) {
        const { atMs } = await nextRound(mailbox);
        const event = (await access.client.api(`/users/${mailbox}/events/${created.id}`).select('categories').get()) as { categories?: string[] };
        if ((event.categories ?? []).includes('External')) colouredMs = atMs;
      }
      if (colouredMs === undefined) throw new Error(`save ${i} was not coloured within ${MAX_ROUNDS_PER_SAVE} rounds`);
      samples.push(Math.round(colouredMs - savedMs));
    }
    const sorted = [...samples].sort((a, b) => a - b);
    console.log(
      JSON.stringify({
        saves: SAVES,
        medianMs: percentile(sorted, 50),
        minMs: sorted[0],
        maxMs: sorted[sorted.length - 1],
        p90Ms: percentile(sorted, 90),
        samplesMs: samples,
      }),
    );
  } finally {
    await access.close();
    await demo.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
