/** The sync-state repository contract, against SQLite, Cosmos (in-process emulator) and memory. */
import Database from 'better-sqlite3';
import { CosmosClient, PartitionKeyKind, type Container } from '@azure/cosmos';
import { emptySyncState, type MailboxSyncState, type SyncStateRepository } from '../../server/store/sync-state';
import { StoreError } from '../../server/store/types';
import { SqliteSyncStateRepository } from '../../server/store/sqlite/sync-state';
import { CosmosSyncStateRepository, SYNC_STATE_CONTAINER } from '../../server/store/cosmos/sync-state';
import { SYNC_STATE_CONTAINER_DEFINITION } from '../../server/store/cosmos/containers';
import { InMemorySyncStateRepository } from '../../server/sync/in-memory-sync-state';
import { startCosmosEmulator, type TestCosmos } from '../support/cosmos';
import { tempSqliteDir, type TempDir } from '../support/sqlite';

const T1 = 'aaaaaaaa-0000-4000-8000-00000000000a';
const T2 = 'bbbbbbbb-0000-4000-8000-00000000000b';

function state(tenantId: string, mailboxId: string, patch: Partial<MailboxSyncState> = {}): MailboxSyncState {
  return {
    ...emptySyncState(tenantId, mailboxId),
    deltaLink: 'https://graph/delta?$deltatoken=1',
    names: ['Customer', 'Focus'],
    records: { AAMk1: [0, -2] },
    ...patch,
  };
}

async function expectStoreError(p: Promise<unknown>, code: StoreError['code']): Promise<void> {
  const error = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(StoreError);
  expect((error as StoreError).code).toBe(code);
}

interface Backend {
  open(): Promise<SyncStateRepository>;
  /** Items stored for the mailbox, where the backend can tell (Cosmos chunks). */
  itemCount?(tenantId: string): Promise<number>;
  close(): Promise<void>;
}

let cosmosDb = 0;
async function backend(kind: 'sqlite' | 'cosmos' | 'memory'): Promise<Backend> {
  if (kind === 'memory') return { open: async () => new InMemorySyncStateRepository(), close: async () => undefined };
  if (kind === 'sqlite') {
    const temp: TempDir = tempSqliteDir();
    const dbs: Database.Database[] = [];
    return {
      open: async () => {
        const db = new Database(temp.dbPath());
        db.pragma('journal_mode = WAL');
        dbs.push(db);
        return new SqliteSyncStateRepository(db);
      },
      close: async () => {
        for (const db of dbs) db.close();
        temp.remove();
      },
    };
  }
  const emulator: TestCosmos = await startCosmosEmulator();
  const client = new CosmosClient({ endpoint: emulator.endpoint, key: emulator.key, agent: emulator.agent });
  let container: Container;
  return {
    open: async () => {
      const { database } = await client.databases.createIfNotExists({ id: `sync_state_${process.pid}_${++cosmosDb}` });
      container = (
        await database.containers.createIfNotExists({
          id: SYNC_STATE_CONTAINER,
          partitionKey: { paths: SYNC_STATE_CONTAINER_DEFINITION.partitionKeyPaths, kind: PartitionKeyKind.MultiHash, version: 2 },
        })
      ).container;
      // Small chunks, so the chunking is exercised with a few hundred records.
      return new CosmosSyncStateRepository(container, { chunkChars: 4_000 });
    },
    itemCount: async (tenantId) =>
      (await container.items.query({ query: 'SELECT VALUE COUNT(1) FROM c WHERE c.tenantId = @t', parameters: [{ name: '@t', value: tenantId }] }).fetchAll())
        .resources[0] as number,
    close: async () => {
      client.dispose();
      await emulator.close();
    },
  };
}

describe.each(['sqlite', 'cosmos', 'memory'] as const)('%s sync state', (kind) => {
  let b: Backend;
  let repo: SyncStateRepository;
  beforeAll(async () => {
    b = await backend(kind);
  });
  afterAll(() => b.close());
  beforeEach(async () => {
    repo = await b.open();
  });

  test('missing state is undefined; create-only put stores it with an etag; a second create-only put is refused', async () => {
    expect(await repo.get(T1, 'ada@contoso.com')).toBeUndefined();
    const created = await repo.put(state(T1, 'ada@contoso.com'), null);
    expect(created.etag).toEqual(expect.any(String));
    const { etag, ...doc } = (await repo.get(T1, 'ada@contoso.com'))!;
    expect(etag).toBe(created.etag);
    expect(doc).toEqual(state(T1, 'ada@contoso.com'));
    await expectStoreError(repo.put(state(T1, 'ada@contoso.com'), null), 'etag_mismatch');
  });

  test('put needs the current etag; every write changes it; a put after delete is not_found', async () => {
    const v1 = await repo.put(state(T1, 'bo@contoso.com'), null);
    const v2 = await repo.put(state(T1, 'bo@contoso.com', { deltaLink: 'two' }), v1.etag);
    expect(v2.etag).not.toBe(v1.etag);
    await expectStoreError(repo.put(state(T1, 'bo@contoso.com', { deltaLink: 'stale' }), v1.etag), 'etag_mismatch');
    expect((await repo.get(T1, 'bo@contoso.com'))!.deltaLink).toBe('two');
    await repo.delete(T1, 'bo@contoso.com');
    await repo.delete(T1, 'bo@contoso.com'); // idempotent
    expect(await repo.get(T1, 'bo@contoso.com')).toBeUndefined();
    await expectStoreError(repo.put(state(T1, 'bo@contoso.com'), v2.etag), 'not_found');
  });

  test("the last-round record (the admin's sync status) is stored and replaced with the state", async () => {
    const lastRound: MailboxSyncState['lastRound'] = {
      startedAt: '2026-12-02T09:00:00.000Z',
      endedAt: '2026-12-02T09:00:04.000Z',
      outcome: 'failed',
      eventsColoured: 41,
      failedEvents: 0,
      error: { name: 'GraphError', status: 403 },
      lastSuccess: { startedAt: '2026-12-02T08:00:00.000Z', endedAt: '2026-12-02T08:00:03.000Z' },
    };
    const v1 = await repo.put(state(T1, 'status@contoso.com', { lastRound }), null);
    expect((await repo.get(T1, 'status@contoso.com'))!.lastRound).toEqual(lastRound);
    await repo.put(state(T1, 'status@contoso.com', { lastRound: { ...lastRound, outcome: 'done', error: null } }), v1.etag);
    expect((await repo.get(T1, 'status@contoso.com'))!.lastRound).toEqual({ ...lastRound, outcome: 'done', error: null });
  });

  test('tenants are independent: the same mailbox id in two tenants has two states', async () => {
    await repo.put(state(T1, 'x@contoso.com', { deltaLink: 't1' }), null);
    await repo.put(state(T2, 'x@contoso.com', { deltaLink: 't2' }), null);
    expect((await repo.get(T1, 'x@contoso.com'))!.deltaLink).toBe('t1');
    expect((await repo.get(T2, 'x@contoso.com'))!.deltaLink).toBe('t2');
    await repo.delete(T2, 'x@contoso.com');
    expect((await repo.get(T1, 'x@contoso.com'))!.deltaLink).toBe('t1');
  });

  test('a category named "__proto__" is a key like any other: it survives a round trip as CalSync\'s', async () => {
    // JSON.parse makes "__proto__" an own key (an object literal would set the prototype instead).
    const createdCategories = JSON.parse(
      '{"__proto__": {"id": "cat-1", "color": "preset3"}, "Focus": {"id": "cat-2", "color": "preset7"}}',
    ) as MailboxSyncState['createdCategories'];
    await repo.put(state(T1, 'proto@contoso.com', { createdCategories }), null);
    const read = (await repo.get(T1, 'proto@contoso.com'))!;
    expect(Object.keys(read.createdCategories).sort()).toEqual(['Focus', '__proto__']);
    expect(Object.getOwnPropertyDescriptor(read.createdCategories, '__proto__')?.value).toEqual({ id: 'cat-1', color: 'preset3' });
  });

  test('many per-event records survive a round trip and replacement (chunked where the backend must)', async () => {
    const many = (n: number, tag: number): Record<string, number[]> =>
      Object.fromEntries(Array.from({ length: n }, (_, i) => [`AAMkAGI${String(i).padStart(40, '0')}AAA`, i % 3 === 0 ? [tag] : [tag, -1]]));
    const first = await repo.put(state(T1, 'big@contoso.com', { records: many(600, 0), pending: ['AAMk1', 'AAMk2'] }), null);
    const second = await repo.put(state(T1, 'big@contoso.com', { records: many(300, 1) }), first.etag);
    const read = (await repo.get(T1, 'big@contoso.com'))!;
    expect(read.etag).toBe(second.etag);
    expect(read.records).toEqual(many(300, 1));
    expect(read.pending).toEqual([]);
    if (b.itemCount) {
      // Superseded chunks are gone: the head, the lease item and the live chunks only (300 records of ≈55
      // characters ≈ 16,500 characters in 4,000-character chunks: 8 buckets, a power of two).
      expect(await b.itemCount(T1)).toBe(2 + 8);
    }
  });
});
