/**
 * What the Cosmos sync state writes (issue 18, item 3), recorded at the SDK's container: a round that found
 * nothing new writes one small item (the lease item), an unchanged chunk is not rewritten, heads are point reads
 * in the mailbox's hierarchical partition, and a failed cleanup after a committed write neither fails the write
 * nor leaves a chunk without a ttl.
 */
import { CosmosClient, PartitionKeyKind, type Container } from '@azure/cosmos';
import { SYNC_STATE_CONTAINER_DEFINITION } from '../../server/store/cosmos/containers';
import { CosmosSyncStateRepository, SYNC_STATE_CHUNK_TTL_S } from '../../server/store/cosmos/sync-state';
import { emptySyncState, type MailboxSyncState, type StoredSyncState, type SyncStateRepository } from '../../server/store/sync-state';
import { acquireLease } from '../../server/sync/mailbox-lease';
import { startCosmosEmulator, type TestCosmos } from '../support/cosmos';

const T = 'aaaaaaaa-0000-4000-8000-00000000000a';

interface Recorded {
  writes: Array<{ op: string; id: string; bytes: number }>;
  /** Partition keys passed to item(id, key) (point reads, replaces, deletes). */
  keys: unknown[];
  queries: number;
}

/** The container as the repository sees it, recording each call; `failDeletes` answers every delete with a 429. */
function recording(container: Container, options: { failDeletes?: boolean } = {}): { container: Container; log: Recorded } {
  const log: Recorded = { writes: [], keys: [], queries: 0 };
  const bind = (target: object, prop: string | symbol) => {
    const value = Reflect.get(target, prop) as unknown;
    return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
  };
  const items = new Proxy(container.items, {
    get(target, prop) {
      if (prop === 'create' || prop === 'upsert')
        return (body: { id: string }) => {
          log.writes.push({ op: prop, id: body.id, bytes: Buffer.byteLength(JSON.stringify(body)) });
          return target[prop](body);
        };
      if (prop === 'query')
        return (...args: Parameters<Container['items']['query']>) => {
          log.queries++;
          return target.query(...args);
        };
      return bind(target, prop);
    },
  });
  const proxy = new Proxy(container, {
    get(target, prop) {
      if (prop === 'items') return items;
      if (prop === 'item')
        return (id: string, key: Parameters<Container['item']>[1]) => {
          log.keys.push(key);
          const item = target.item(id, key);
          return new Proxy(item, {
            get(t, p) {
              if (p === 'replace')
                return (body: object, o: Parameters<typeof t.replace>[1]) => {
                  log.writes.push({ op: 'replace', id, bytes: Buffer.byteLength(JSON.stringify(body)) });
                  return t.replace(body, o);
                };
              if (p === 'delete' && options.failDeletes) return () => Promise.reject(Object.assign(new Error('Request rate is large'), { code: 429 }));
              return bind(t, p);
            },
          });
        };
      return bind(target, prop);
    },
  });
  return { container: proxy, log };
}

/** n records, each id ≈ a Graph event id's length. */
function records(n: number, tag = 0): Record<string, number[]> {
  return Object.fromEntries(Array.from({ length: n }, (_, i) => [`AAMkAGI2TG93AAA${String(i).padStart(120, '0')}==`, [tag, i % 3]]));
}

const withoutEtag = ({ etag, ...state }: StoredSyncState): MailboxSyncState => (void etag, state);

let emulator: TestCosmos;
let client: CosmosClient;
let container: Container;
let db = 0;

beforeAll(async () => {
  emulator = await startCosmosEmulator();
  client = new CosmosClient({ endpoint: emulator.endpoint, key: emulator.key, agent: emulator.agent });
});
afterAll(async () => {
  client.dispose();
  await emulator.close();
});
beforeEach(async () => {
  const { database } = await client.databases.createIfNotExists({ id: `sync_writes_${process.pid}_${++db}` });
  const paths = SYNC_STATE_CONTAINER_DEFINITION.partitionKeyPaths;
  container = (await database.containers.createIfNotExists({ id: SYNC_STATE_CONTAINER_DEFINITION.id, partitionKey: { paths, kind: PartitionKeyKind.MultiHash, version: 2 } })).container;
});

/** A worker round through the real lease: take, read, save the (maybe unchanged) state, release with a record. */
async function round(repo: SyncStateRepository, mailbox: string, change: (s: MailboxSyncState) => MailboxSyncState): Promise<void> {
  const outcome = await acquireLease(repo, T, mailbox, { holder: 'worker-a', ttlMs: 60_000 });
  if (!outcome.acquired) throw new Error('lease not acquired');
  const stored = await outcome.lease.get(T, mailbox);
  const state = stored ? withoutEtag(stored) : emptySyncState(T, mailbox);
  await outcome.lease.put({ ...change(state), updatedAt: new Date().toISOString() }, stored?.etag ?? null);
  await outcome.lease.release((s) => ({ startedAt: s.updatedAt, endedAt: new Date().toISOString(), outcome: 'done', eventsColoured: 3, failedEvents: 0, error: null, lastSuccess: null }));
}

test('the sync-state container is partitioned by tenant then mailbox, with TTL on and no default expiry', () => {
  expect(SYNC_STATE_CONTAINER_DEFINITION.partitionKeyPaths).toEqual(['/tenantId', '/mailboxKey']);
  expect(SYNC_STATE_CONTAINER_DEFINITION.defaultTtl).toBe(-1);
});

test('a round that found nothing new writes one item, the lease item, of at most 2 KB', async () => {
  const { container: recorded, log } = recording(container);
  const repo = new CosmosSyncStateRepository(recorded, 4_000);
  await round(repo, 'Ada@contoso.com', (s) => ({ ...s, deltaLink: 'https://graph/delta?$deltatoken=1', names: ['Customer', 'Focus'], records: records(200) }));
  log.writes.length = 0;
  await round(repo, 'Ada@contoso.com', (s) => s);
  const items = new Set(log.writes.map((w) => w.id));
  expect(items.size).toBe(1);
  expect([...items][0]).toMatch(/\.lease$/);
  expect(Math.max(...log.writes.map((w) => w.bytes))).toBeLessThanOrEqual(2048);
  // The round's record reached the store all the same.
  expect((await repo.get(T, 'ada@contoso.com'))?.lastRound).toMatchObject({ outcome: 'done', eventsColoured: 3 });
});

test('a changed record rewrites its bucket only: unchanged chunks are not written again', async () => {
  const { container: recorded, log } = recording(container);
  const repo = new CosmosSyncStateRepository(recorded, 4_000);
  const first = await repo.put({ ...emptySyncState(T, 'bo@contoso.com'), records: records(400) }, null);
  const chunksWritten = log.writes.filter((w) => w.op === 'create' && !w.id.endsWith('.lease') && w.id.split('.').length === 3).length;
  expect(chunksWritten).toBeGreaterThanOrEqual(8);
  log.writes.length = 0;
  const changed = records(400);
  changed[Object.keys(changed)[17]!] = [4];
  await repo.put({ ...withoutEtag(first), records: changed }, first.etag);
  expect(log.writes.filter((w) => w.op === 'create')).toHaveLength(1);
  expect(log.writes.map((w) => w.op).sort()).toEqual(['create', 'replace', 'replace']);
  expect((await repo.get(T, 'bo@contoso.com'))?.records).toEqual(changed);
});

test('heads and lease items are point reads in the mailbox\'s own partition; a save makes no query', async () => {
  const { container: recorded, log } = recording(container);
  const repo = new CosmosSyncStateRepository(recorded, 4_000);
  const first = await repo.put({ ...emptySyncState(T, 'Cy@Contoso.com'), records: records(50) }, null);
  await repo.put({ ...withoutEtag(first), deltaLink: 'd2' }, first.etag);
  expect(log.queries).toBe(0);
  expect(log.keys.length).toBeGreaterThan(0);
  for (const key of log.keys) expect(key).toEqual([T, 'cy@contoso.com']);
});

test('a cleanup that is throttled after the head committed does not fail the save; the superseded chunk keeps its ttl', async () => {
  const { container: failing } = recording(container, { failDeletes: true });
  const repo = new CosmosSyncStateRepository(failing, 4_000);
  const first = await repo.put({ ...emptySyncState(T, 'dee@contoso.com'), records: records(3, 0) }, null);
  const second = await repo.put({ ...withoutEtag(first), records: records(3, 1) }, first.etag);
  expect(second.etag).not.toBe(first.etag);
  expect((await repo.get(T, 'dee@contoso.com'))?.records).toEqual(records(3, 1));
  const { resources } = await container.items.query<{ id: string; ttl?: number; kind: string }>('SELECT c.id, c.ttl, c.kind FROM c WHERE c.kind = "chunk"').fetchAll();
  expect(resources).toHaveLength(2);
  for (const chunk of resources) expect(chunk.ttl).toBe(SYNC_STATE_CHUNK_TTL_S);
});

test('a live chunk is rewritten before half its ttl has passed, so only superseded chunks ever expire', async () => {
  let clock = Date.parse('2026-12-01T00:00:00Z');
  const { container: recorded, log } = recording(container);
  const repo = new CosmosSyncStateRepository(recorded, 4_000, () => new Date(clock));
  const first = await repo.put({ ...emptySyncState(T, 'eve@contoso.com'), records: records(3) }, null);
  clock += (SYNC_STATE_CHUNK_TTL_S * 1000) / 2 - 60_000;
  log.writes.length = 0;
  const second = await repo.put({ ...withoutEtag(first), deltaLink: 'd2' }, first.etag);
  expect(log.writes.filter((w) => w.op === 'create')).toHaveLength(0);
  clock += 120_000;
  await repo.put({ ...withoutEtag(second), deltaLink: 'd3' }, second.etag);
  expect(log.writes.filter((w) => w.op === 'create')).toHaveLength(1);
  expect((await repo.get(T, 'eve@contoso.com'))?.records).toEqual(records(3));
});
