/**
 * What the Cosmos sync state writes (issue 18), recorded at the SDK's container: a round that found nothing new
 * writes one small item (the lease item); a changed save writes one delta item holding what changed, then the
 * lease item; a compaction rewrites only the buckets that changed; every read is a point read in the mailbox's
 * hierarchical partition; a failed cleanup after a committed write neither fails it nor leaves an item without a ttl.
 */
import { SYNC_STATE_CONTAINER_DEFINITION } from '../../server/store/cosmos/containers';
import { CosmosSyncStateRepository, SYNC_STATE_ITEM_TTL_S, SYNC_STATE_MAX_DELTAS } from '../../server/store/cosmos/sync-state';
import { emptySyncState, type MailboxSyncState, type StoredSyncState, type SyncStateRepository } from '../../server/store/sync-state';
import { openLease } from '../../server/sync/mailbox-lease';
import { RECORD_REFRESH_MS, recordDue } from '../../server/sync/round-status';
import { recordingContainer, throttled, type ContainerLog } from '../support/recording-container';
import { changedRecordsBytes, eventIdOf, eventRecords, useSyncStateContainer, withoutEtag } from '../support/sync-state-cosmos';

const T = 'aaaaaaaa-0000-4000-8000-00000000000a';
const env = useSyncStateContainer();

/**
 * A worker round through the real lease (openLease): read; when records change, the pending ids first (before the
 * PATCHes, durable — the lease's claim), then the final state; release with a record (recordDue decides for a
 * round that wrote nothing).
 */
async function round(repo: SyncStateRepository, mailbox: string, change: (s: MailboxSyncState) => MailboxSyncState, endedAt = new Date()): Promise<void> {
  const outcome = await openLease(repo, T, mailbox, { holder: 'worker-a', ttlMs: 60_000 });
  if (!outcome.acquired) throw new Error('lease not acquired');
  const stored = await outcome.lease.get(T, mailbox);
  const state = stored ? withoutEtag(stored) : emptySyncState(T, mailbox);
  const next = change(state);
  let etag = stored?.etag ?? null;
  const changedIds = Object.keys(next.records).filter((id) => JSON.stringify(next.records[id]) !== JSON.stringify(state.records[id]));
  if (changedIds.length > 0) etag = (await outcome.lease.put({ ...state, pending: changedIds, updatedAt: endedAt.toISOString() }, etag)).etag;
  await outcome.lease.put({ ...next, pending: [], updatedAt: endedAt.toISOString() }, etag);
  const record = {
    startedAt: endedAt.toISOString(),
    endedAt: endedAt.toISOString(),
    outcome: 'done' as const,
    eventsColoured: 3,
    failedEvents: 0,
    error: null,
    lastSuccess: null,
  };
  await outcome.lease.release(() => record, recordDue);
}

/** n records changed the way a round changes them: one removed, one added, the rest restamped. */
function changeRecords(records: Record<string, number[]>, n: number): Record<string, number[]> {
  const next = { ...records };
  const ids = Object.keys(records).sort();
  delete next[ids[0]!];
  next[eventIdOf(100_000 + n)] = [2];
  for (let i = 1; i < n - 1; i++) next[ids[i * 3]!] = [(records[ids[i * 3]!]![0]! + 1) % 5];
  return next;
}

const isLease = (id: string): boolean => !id.includes('.');
const bytesOf = (writes: ContainerLog['writes']): number => writes.reduce((n, w) => n + w.bytes, 0);

test('the sync-state container is partitioned by tenant then mailbox, with TTL on and no default expiry', () => {
  expect(SYNC_STATE_CONTAINER_DEFINITION.partitionKeyPaths).toEqual(['/tenantId', '/mailboxKey']);
  expect(SYNC_STATE_CONTAINER_DEFINITION.defaultTtl).toBe(-1);
});

test('a round that found nothing new writes nothing while its record is fresh, then one item, the lease item, of at most 2 KB', async () => {
  const { container, log } = recordingContainer(env.container);
  const repo = new CosmosSyncStateRepository(container, { chunkChars: 4_000 });
  const start = Date.parse('2026-12-03T09:00:00Z');
  await round(
    repo,
    'Ada@contoso.com',
    (s) => ({ ...s, deltaLink: 'https://graph/delta?$deltatoken=1', names: ['Customer', 'Focus'], records: eventRecords(200) }),
    new Date(start),
  );
  log.writes.length = 0;
  await round(repo, 'Ada@contoso.com', (s) => s, new Date(start + 15 * 60_000));
  expect(log.writes).toEqual([]);
  await round(repo, 'Ada@contoso.com', (s) => s, new Date(start + RECORD_REFRESH_MS));
  const items = new Set(log.writes.map((w) => w.id));
  expect(log.writes).toHaveLength(1);
  expect(isLease([...items][0]!)).toBe(true);
  expect(Math.max(...log.writes.map((w) => w.bytes))).toBeLessThanOrEqual(2048);
  // The round's record reached the store.
  expect((await repo.get(T, 'ada@contoso.com'))?.lastRound).toMatchObject({ outcome: 'done', endedAt: new Date(start + RECORD_REFRESH_MS).toISOString() });
});

test('a changed save writes one delta item of at most 2× the changed records, then the lease item; the size of the mailbox does not count', async () => {
  const saveBytes: number[] = [];
  for (const [mailbox, size] of [
    ['small@contoso.com', 200],
    ['large@contoso.com', 2_000],
  ] as const) {
    const { container, log } = recordingContainer(env.container);
    const repo = new CosmosSyncStateRepository(container, { chunkChars: 4_000 });
    const first = await repo.put({ ...emptySyncState(T, mailbox), records: eventRecords(size) }, null);
    log.writes.length = 0;
    const changed = changeRecords(first.records, 5);
    await repo.put({ ...withoutEtag(first), records: changed }, first.etag);
    expect(log.writes.map((w) => w.op)).toEqual(['create', 'replace']);
    const [delta, lease] = log.writes;
    expect(delta!.id).toMatch(/\.d\./);
    expect(delta!.bytes).toBeLessThanOrEqual(2 * changedRecordsBytes(first.records, changed));
    expect(isLease(lease!.id)).toBe(true);
    expect(lease!.bytes).toBeLessThanOrEqual(512);
    saveBytes.push(bytesOf(log.writes));
    // A reader without this repository's memory sees the change.
    expect((await new CosmosSyncStateRepository(env.container).get(T, mailbox))?.records).toEqual(changed);
  }
  // The same change costs the same bytes in a mailbox ten times the size (ids of equal length; etags aside).
  expect(Math.abs(saveBytes[0]! - saveBytes[1]!)).toBeLessThanOrEqual(16);
});

test('a changed round writes two lease items (the claim with its pending ids, the commit that gives the lease up) and two deltas', async () => {
  const { container, log } = recordingContainer(env.container);
  const repo = new CosmosSyncStateRepository(container, { chunkChars: 4_000 });
  await round(repo, 'bo@contoso.com', (s) => ({ ...s, records: eventRecords(200) }));
  log.writes.length = 0;
  let changedBytes = 0;
  await round(repo, 'bo@contoso.com', (s) => {
    const records = changeRecords(s.records, 5);
    changedBytes = changedRecordsBytes(s.records, records);
    return { ...s, records };
  });
  const leaseWrites = log.writes.filter((w) => isLease(w.id));
  expect(leaseWrites).toHaveLength(2);
  for (const w of leaseWrites) expect(w.bytes).toBeLessThanOrEqual(512);
  const deltas = log.writes.filter((w) => !isLease(w.id));
  expect(deltas).toHaveLength(2);
  // The pending ids repeat the changed ids once; the changes themselves at most 2× again.
  expect(bytesOf(deltas)).toBeLessThanOrEqual(3 * changedBytes);
});

test(`every ${SYNC_STATE_MAX_DELTAS + 1}th changed save compacts: it rewrites only the buckets that changed, and the deltas go`, async () => {
  const { container, log } = recordingContainer(env.container);
  const repo = new CosmosSyncStateRepository(container, { chunkChars: 4_000 });
  let stored: StoredSyncState = await repo.put({ ...emptySyncState(T, 'cy@contoso.com'), records: eventRecords(360) }, null);
  const buckets = log.writes.filter((w) => w.id.includes('.c.')).length;
  expect(buckets).toBe(16);
  const ids = Object.keys(stored.records).sort();
  const save = async (i: number) => {
    log.writes.length = 0;
    log.deletes.length = 0;
    stored = await repo.put({ ...withoutEtag(stored), records: { ...stored.records, [ids[i]!]: [4] } }, stored.etag);
  };
  for (let i = 0; i < SYNC_STATE_MAX_DELTAS; i++) {
    await save(i);
    expect(log.writes.map((w) => w.op)).toEqual(['create', 'replace']);
  }
  await save(SYNC_STATE_MAX_DELTAS);
  // At most one bucket per record changed since the head, never all 16; then the head and the lease item.
  const chunks = log.writes.filter((w) => w.id.includes('.c.'));
  expect(chunks.length).toBeGreaterThan(0);
  expect(chunks.length).toBeLessThanOrEqual(SYNC_STATE_MAX_DELTAS + 1);
  expect(log.writes.filter((w) => w.id.includes('.h.'))).toHaveLength(1);
  expect(log.writes.filter((w) => isLease(w.id))).toHaveLength(1);
  expect(log.writes).toHaveLength(chunks.length + 2);
  // The superseded head, the rewritten buckets' old chunks and every delta are deleted.
  expect(log.deletes.filter((id) => id.includes('.d.'))).toHaveLength(SYNC_STATE_MAX_DELTAS);
  expect(log.deletes.filter((id) => id.includes('.c.'))).toHaveLength(chunks.length);
  const { resources } = await env.container.items.query<{ id: string }>('SELECT c.id FROM c').fetchAll();
  expect(resources).toHaveLength(1 + 1 + buckets);
  expect((await new CosmosSyncStateRepository(env.container).get(T, 'cy@contoso.com'))?.records).toEqual(stored.records);
});

test("reads and saves are point reads in the mailbox's own partition; nothing makes a query", async () => {
  const { container, log } = recordingContainer(env.container);
  const repo = new CosmosSyncStateRepository(container, { chunkChars: 4_000 });
  const first = await repo.put({ ...emptySyncState(T, 'Dee@Contoso.com'), records: eventRecords(50) }, null);
  const second = await repo.put({ ...withoutEtag(first), deltaLink: 'd2' }, first.etag);
  await new CosmosSyncStateRepository(container).get(T, 'dee@contoso.com');
  await repo.put({ ...withoutEtag(second), deltaLink: 'd3' }, second.etag);
  expect(log.queries).toBe(0);
  expect(log.reads.length).toBeGreaterThan(0);
  for (const key of log.keys) expect(key).toEqual([T, 'dee@contoso.com']);
});

test('a cleanup that is throttled after a compaction committed does not fail the save; what it left keeps its ttl', async () => {
  const { container } = recordingContainer(env.container, (op) => (op === 'delete' ? throttled() : undefined));
  const repo = new CosmosSyncStateRepository(container, { chunkChars: 4_000 });
  const first = await repo.put({ ...emptySyncState(T, 'eve@contoso.com'), records: eventRecords(3, 0) }, null);
  // Every record changes: more than the live deltas may hold, so the save compacts.
  const second = await repo.put({ ...withoutEtag(first), records: eventRecords(60, 1) }, first.etag);
  expect(second.etag).not.toBe(first.etag);
  expect((await new CosmosSyncStateRepository(env.container).get(T, 'eve@contoso.com'))?.records).toEqual(eventRecords(60, 1));
  const { resources } = await env.container.items.query<{ id: string; ttl?: number }>('SELECT c.id, c.ttl FROM c').fetchAll();
  expect(resources.filter((r) => r.id.includes('.h.'))).toHaveLength(2);
  for (const item of resources.filter((r) => !isLease(r.id))) expect(item.ttl).toBe(SYNC_STATE_ITEM_TTL_S);
});

test('live items are rewritten before half their ttl has passed, so only superseded ones ever expire', async () => {
  let clock = Date.parse('2026-12-01T00:00:00Z');
  const { container, log } = recordingContainer(env.container);
  const repo = new CosmosSyncStateRepository(container, { chunkChars: 4_000, now: () => new Date(clock) });
  const first = await repo.put({ ...emptySyncState(T, 'fay@contoso.com'), records: eventRecords(40) }, null);
  const delta = await repo.put({ ...withoutEtag(first), deltaLink: 'd2' }, first.etag);
  clock += (SYNC_STATE_ITEM_TTL_S * 1000) / 2 - 60_000;
  log.writes.length = 0;
  const leaseOnly = await repo.put({ ...withoutEtag(delta), lease: { holder: 'w', expiresAt: new Date(clock).toISOString() } }, delta.etag);
  expect(log.writes.map((w) => w.op)).toEqual(['replace']);
  clock += 120_000;
  log.writes.length = 0;
  await repo.put({ ...withoutEtag(leaseOnly), lease: null }, leaseOnly.etag);
  // Head, both chunks and the lease item; the delta is folded into the new head.
  expect(log.writes.map((w) => w.id.split('.')[1] ?? 'lease').sort()).toEqual(['c', 'c', 'h', 'lease']);
  const read = await new CosmosSyncStateRepository(env.container).get(T, 'fay@contoso.com');
  expect(read?.records).toEqual(eventRecords(40));
  expect(read?.deltaLink).toBe('d2');
});
