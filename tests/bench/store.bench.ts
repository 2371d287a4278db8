/**
 * `npm run bench:store`: what the Cosmos store costs, on the in-process emulator. 1,000 mailboxes' sync state
 * (BENCH_MAILBOXES, BENCH_EVENTS events each, across 10 tenants) go through a first round, a pass of rounds with
 * no change and a pass of rounds with BENCH_CHANGED changed records each; then the API's common requests (list
 * rules, create a rule, read settings). Every request the emulator serves is recorded (kind, container, bytes
 * each way) and costed with Microsoft's published per-KB figures (support/ru-estimate.ts: ESTIMATES, the emulator
 * charges nothing).
 *
 * A round here drives the real lease as the worker does (openLease, LeasedSyncState, recordDue) and makes the
 * sync-state writes the worker's round makes (server/sync/mailbox-round.ts): the pending ids before a group of
 * PATCHes (the lease's claim), the final state, then the release with the round's record (one put with the final
 * state). A round that found nothing new writes nothing here; its record, when due (every 30 minutes, or when it
 * says something new: round-status.ts), costs one lease item. Graph is left out: this measures the store, not the sync.
 *
 * Last stdout line: {"noChangeRound":{…},"changedRound":{…},"firstRound":{…},"api":{…},…}. Targets (issue 18):
 * a no-change round writes ≤ 1 item of ≤ 2 KB; a changed round's bytes written ≤ 2× the changed records' size.
 */
import https from 'node:https';
import request from 'supertest';
import { createApp } from '../../server/app';
import { createTokenVerifier } from '../../server/auth/verifier';
import { openCosmosStores, provisionCosmos } from '../../server/store/cosmos';
import type { MailboxSyncState, StoredSyncState, SyncStateRepository } from '../../server/store/sync-state';
import { emptySyncState } from '../../server/store/sync-state';
import { openLease } from '../../server/sync/mailbox-lease';
import { recordDue } from '../../server/sync/round-status';
import { silentLogger } from '../support/app';
import { orgDraft } from '../support/rules';
import { startTestIssuer } from '../support/token-issuer';
import { TENANT_A, tokenFactory } from '../support/tokens';
import { startLoadEmulator, type EmulatorOperation } from './support/load-emulator';
import { seededRandom } from './support/prng';
import { summarise } from './support/ru-estimate';
import { seedCustomerTenants } from '../support/tenants';

const MAILBOXES = Number(process.env.BENCH_MAILBOXES ?? 1000);
const EVENTS = Number(process.env.BENCH_EVENTS ?? 200);
const CHANGED = Number(process.env.BENCH_CHANGED ?? 5);
const TENANTS = 10;
const API_REQUESTS = 30;
const NAMES = ['Customer', 'Internal', 'Travel', 'Focus', 'External'];

const tenantOf = (m: number) => `${String(m % TENANTS).padStart(8, '0')}-0000-4000-8000-00000000000${m % TENANTS}`;
const mailboxOf = (m: number) => `person${m}@contoso.com`;

/** A Graph event id has the shape and length (152 characters) of a real one. */
function eventId(random: () => number): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  let id = 'AAMkAGI2TG93AAA';
  while (id.length < 150) id += alphabet[Math.floor(random() * alphabet.length)];
  return `${id}==`;
}

function recordOf(random: () => number): number[] {
  const i = Math.floor(random() * NAMES.length);
  return random() < 0.1 ? [i, -((i + 1) % NAMES.length) - 1] : [i];
}

function initialRecords(random: () => number): Record<string, number[]> {
  const records: Record<string, number[]> = {};
  for (let e = 0; e < EVENTS; e++) records[eventId(random)] = recordOf(random);
  return records;
}

/** What a first round learns besides records. */
function initialFields(): Partial<MailboxSyncState> {
  return { configHash: 'cfg-1', timeZone: 'W. Europe Standard Time', mailboxCheckedAt: new Date().toISOString(), names: [...NAMES] };
}

/** A deltaLink as long as Graph's, with a new token each changed round. */
function nextDeltaLink(m: number, previous: string | null): string {
  const round = previous === null ? 0 : Number(/(\d+)$/.exec(previous)![1]) + 1;
  return `https://graph.microsoft.com/v1.0/users/${mailboxOf(m)}/calendarView/delta?$deltatoken=${'x'.repeat(200)}${round}`;
}

/** CHANGED records: one removed, one added, the rest restamped. Returns the new records and the changed ones' JSON size. */
function changeRecords(
  records: Record<string, number[]>,
  random: () => number,
): { records: Record<string, number[]>; changedIds: string[]; changedBytes: number } {
  const next = { ...records };
  const ids = Object.keys(next);
  const changed: Record<string, number[] | null> = {};
  const removed = ids[Math.floor(random() * ids.length)]!;
  delete next[removed];
  changed[removed] = null;
  const added = eventId(random);
  next[added] = changed[added] = recordOf(random);
  for (let c = 2; c < CHANGED; c++) {
    const id = ids[Math.floor(random() * ids.length)]!;
    if (id === removed || id in changed) continue;
    next[id] = changed[id] = [(next[id]![0]! + 1) % NAMES.length];
  }
  return { records: next, changedIds: Object.keys(changed), changedBytes: Buffer.byteLength(JSON.stringify(changed)) };
}

const withoutEtag = ({ etag, ...state }: StoredSyncState): MailboxSyncState => (void etag, state);

/** One worker round's sync-state traffic (see the header). `change` undefined: a round that found nothing new. */
async function round(
  repo: SyncStateRepository,
  m: number,
  change?: (s: MailboxSyncState) => { records: Record<string, number[]>; changedIds: string[] },
): Promise<void> {
  const lease = await openLease(repo, tenantOf(m), mailboxOf(m), { holder: 'bench-worker', ttlMs: 300_000 });
  if (!lease.acquired) throw new Error(`lease of mailbox ${m} not acquired`);
  const leased = lease.lease;
  const startedAt = new Date();
  const stored = await leased.get(tenantOf(m), mailboxOf(m));
  let state = stored ? withoutEtag(stored) : emptySyncState(tenantOf(m), mailboxOf(m));
  let etag = stored?.etag ?? null;
  const persist = async (next: MailboxSyncState) => {
    etag = (await leased.put({ ...next, updatedAt: new Date().toISOString() }, etag)).etag;
    state = next;
  };
  if (change) {
    const { records, changedIds } = change(state);
    await persist({ ...state, pending: changedIds });
    const first = state.deltaLink === null ? initialFields() : {};
    await persist({ ...state, ...first, records, pending: [], deltaLink: nextDeltaLink(m, state.deltaLink) });
  } else {
    await persist(state);
  }
  await leased.release(
    (s) => ({
      startedAt: startedAt.toISOString(),
      endedAt: new Date().toISOString(),
      outcome: 'done',
      eventsColoured: Object.keys(s.records).length,
      failedEvents: 0,
      error: null,
      lastSuccess: { startedAt: startedAt.toISOString(), endedAt: new Date().toISOString() },
    }),
    recordDue,
  );
}

const isLeaseItem = (o: EmulatorOperation): boolean => o.container === 'syncState' && o.itemId !== null && !o.itemId.includes('.');

function writeStats(perRound: EmulatorOperation[][]) {
  const writes = perRound.map((ops) => ops.filter((o) => ['create', 'upsert', 'replace', 'patch'].includes(o.kind)));
  return {
    maxWritesInARound: Math.max(...writes.map((w) => w.length)),
    maxItemsWrittenInARound: Math.max(...perRound.map((ops, i) => new Set(writes[i]!.map((o) => `${o.container}/${o.itemId}`)).size)),
    largestWriteBytes: Math.max(0, ...writes.flat().map((o) => o.requestBytes)),
    // The lease item (a sync-state id without a dot, sync-state-layout.ts) is written by every round that takes
    // the lease, whatever changed; the rest is what the changes cost.
    leaseItemBytesWritten: Math.round(
      writes
        .flat()
        .filter(isLeaseItem)
        .reduce((n, o) => n + o.requestBytes, 0) / perRound.length,
    ),
  };
}

async function apiRequests(emulator: Awaited<ReturnType<typeof startLoadEmulator>>, agent: https.Agent) {
  await provisionCosmos({ endpoint: emulator.endpoint, key: emulator.key, database: 'bench_api', agent });
  const stores = await openCosmosStores({ endpoint: emulator.endpoint, key: emulator.key, database: 'bench_api', agent });
  await seedCustomerTenants(stores, [TENANT_A]);
  const issuer = await startTestIssuer();
  try {
    const verifier = createTokenVerifier({
      audience: issuer.audience,
      jwksUrl: issuer.jwksUrl,
      issuerTemplate: issuer.issuerTemplate,
      allowedTenants: [TENANT_A],
    });
    const app = createApp({ logger: silentLogger, rateLimitPerMinute: 100_000, stores, verifier });
    const auth = await tokenFactory(issuer).header('adminA');
    const measure = async (send: (i: number) => Promise<{ status: number }>, ok: number) => {
      emulator.takeOperations();
      for (let i = 0; i < API_REQUESTS; i++) {
        const res = await send(i);
        if (res.status !== ok) throw new Error(`API request answered ${res.status}`);
      }
      return summarise(emulator.takeOperations(), API_REQUESTS);
    };
    const createRule = await measure(
      (i) =>
        request(app)
          .post('/api/rules')
          .set('Authorization', auth)
          .send(orgDraft({ name: `Bench ${i}` })),
      201,
    );
    const listRules = await measure(() => request(app).get('/api/rules?scope=effective').set('Authorization', auth), 200);
    const readSettings = await measure(() => request(app).get('/api/settings').set('Authorization', auth), 200);
    return { listRules, createRule, readSettings };
  } finally {
    await issuer.close();
    await stores.close();
  }
}

async function main(): Promise<void> {
  const emulator = await startLoadEmulator({ keepAlive: true });
  const agent = new https.Agent({ ca: emulator.caPem, keepAlive: true });
  await provisionCosmos({ endpoint: emulator.endpoint, key: emulator.key, database: 'bench_store', agent });
  const stores = await openCosmosStores({ endpoint: emulator.endpoint, key: emulator.key, database: 'bench_store', agent });
  const random = seededRandom(18);
  try {
    const pass = async (name: string, change?: (m: number) => (s: MailboxSyncState) => ReturnType<typeof changeRecords>) => {
      const perRound: EmulatorOperation[][] = [];
      emulator.takeOperations();
      const started = performance.now();
      for (let m = 0; m < MAILBOXES; m++) {
        await round(stores.syncState, m, change?.(m));
        perRound.push(emulator.takeOperations());
        if ((m + 1) % 100 === 0) console.error(`${name}: ${m + 1}/${MAILBOXES} mailboxes, ${Math.round((performance.now() - started) / 1000)} s`);
      }
      // Wall time of the pass: what decides whether a 1,000-mailbox run finishes (a query the emulator answers by
      // scanning the container grows with every mailbox already stored).
      const seconds = Math.round((performance.now() - started) / 100) / 10;
      return { ...summarise(perRound.flat(), MAILBOXES), ...writeStats(perRound), seconds };
    };
    const firstRound = await pass('first', () => () => {
      const records = initialRecords(random);
      return { records, changedIds: Object.keys(records), changedBytes: 0 };
    });
    const noChangeRound = await pass('no change');
    let changedBytes = 0;
    const changedRound = await pass('changed', () => (s) => {
      const c = changeRecords(s.records, random);
      changedBytes += c.changedBytes;
      return c;
    });
    const changedRecordsBytes = Math.round(changedBytes / MAILBOXES);
    const api = await apiRequests(emulator, agent);
    const line = {
      mailboxes: MAILBOXES,
      eventsPerMailbox: EVENTS,
      changedRecordsPerRound: CHANGED,
      changedRecordsBytes,
      ruNote: 'estimatedRu: Microsoft per-KB figures (optimize-cost-reads-writes), estimates, not measured',
      noChangeRound,
      changedRound: {
        ...changedRound,
        bytesWrittenPerChangedByte: Math.round((changedRound.bytesWritten / changedRecordsBytes) * 100) / 100,
        bytesBesidesLeaseItemPerChangedByte: Math.round(((changedRound.bytesWritten - changedRound.leaseItemBytesWritten) / changedRecordsBytes) * 100) / 100,
      },
      firstRound,
      api,
      targets: {
        noChangeRoundOneSmallItem: noChangeRound.maxItemsWrittenInARound <= 1 && noChangeRound.largestWriteBytes <= 2048,
        changedRoundBytesWithin2x: changedRound.bytesWritten <= 2 * changedRecordsBytes,
      },
    };
    console.log(JSON.stringify(line));
  } finally {
    await stores.close();
    agent.destroy();
    await emulator.close();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
