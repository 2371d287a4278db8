/**
 * The Cosmos sync state's deltas and compactions read back as the state that was saved: by a reader with no
 * memory of the writes, by a writer whose remembered state another instance moved on, and after a crash at each
 * step between a save's first write and its commit (the lease item), scripted per request.
 */
import { CosmosSyncStateRepository, SYNC_STATE_ITEM_TTL_S, SYNC_STATE_MAX_DELTAS } from '../../server/store/cosmos/sync-state';
import { emptySyncState, type MailboxSyncState, type StoredSyncState } from '../../server/store/sync-state';
import { StoreError } from '../../server/store/types';
import { connectionReset, recordingContainer, type RecordedOp } from '../support/recording-container';
import { eventIdOf, eventRecords, useSyncStateContainer, withoutEtag } from '../support/sync-state-cosmos';

const T = 'aaaaaaaa-0000-4000-8000-00000000000b';
const env = useSyncStateContainer();

/** Save i of a fixed sequence: records added, restamped and removed; fields and categories changed now and then. */
function step(state: MailboxSyncState, i: number): MailboxSyncState {
  const records = { ...state.records };
  records[eventIdOf(1_000 + i)] = [i % 4];
  const ids = Object.keys(records).sort();
  records[ids[(i * 7) % ids.length]!] = [(i + 1) % 4, -1];
  if (i % 3 === 0) delete records[ids[(i * 11) % ids.length]!];
  const createdCategories = Object.assign(Object.create(null) as MailboxSyncState['createdCategories'], state.createdCategories);
  if (i % 5 === 0) createdCategories[i === 5 ? '__proto__' : `Cat ${i}`] = { id: `cat-${i}`, color: `preset${i % 25}` };
  return {
    ...state,
    records,
    createdCategories,
    deltaLink: `https://graph.microsoft.com/v1.0/me/calendarView/delta?$deltatoken=${i}`,
    pending: i % 2 === 0 ? ids.slice(0, 3) : [],
    ...(i % 4 === 0 ? { timeZone: i % 8 === 0 ? 'W. Europe Standard Time' : null, names: ['Customer', `Focus ${i}`] } : {}),
    updatedAt: new Date(Date.UTC(2026, 11, 2, 9, i)).toISOString(),
  };
}

const content = (s: StoredSyncState | undefined) => s && { ...withoutEtag(s), createdCategories: { ...s.createdCategories } };

test('through deltas and compactions a reader with no memory of the writes reads exactly each saved state', async () => {
  const writer = new CosmosSyncStateRepository(env.container, { chunkChars: 2_000 });
  let state: MailboxSyncState = { ...emptySyncState(T, 'Ada@contoso.com'), records: eventRecords(40) };
  let stored = await writer.put(state, null);
  for (let i = 1; i <= 3 * (SYNC_STATE_MAX_DELTAS + 1); i++) {
    state = step(state, i);
    stored = await writer.put(state, stored.etag);
    const read = await new CosmosSyncStateRepository(env.container).get(T, 'ada@contoso.com');
    expect(read?.etag).toBe(stored.etag);
    expect(content(read)).toEqual(content({ ...state, etag: '' }));
    expect(Object.getOwnPropertyDescriptor(read!.createdCategories, '__proto__')?.value).toEqual(i >= 5 ? { id: 'cat-5', color: 'preset5' } : undefined);
  }
});

test('a writer whose remembered state another instance moved on reads and saves the newer state', async () => {
  const a = new CosmosSyncStateRepository(env.container);
  const b = new CosmosSyncStateRepository(env.container);
  const first = await a.put({ ...emptySyncState(T, 'bo@contoso.com'), records: eventRecords(20) }, null);
  const byB = await b.put(step(withoutEtag((await b.get(T, 'bo@contoso.com'))!), 1), first.etag);
  await expect(a.put(step(withoutEtag(first), 2), first.etag)).rejects.toMatchObject({ code: 'etag_mismatch' });
  const seenByA = await a.get(T, 'bo@contoso.com');
  expect(content(seenByA)).toEqual(content(byB));
  const byA = await a.put(step(withoutEtag(seenByA!), 2), seenByA!.etag);
  expect(content(await b.get(T, 'bo@contoso.com'))).toEqual(content(byA));
});

/** Items in the container whose id has this marker (".d." deltas, ".h." heads, ".c." chunks). */
async function itemsWith(marker: string): Promise<Array<{ id: string; ttl?: number }>> {
  const { resources } = await env.container.items.query<{ id: string; ttl?: number }>('SELECT c.id, c.ttl FROM c').fetchAll();
  return resources.filter((r) => r.id.includes(marker));
}

describe.each([
  ['a delta', 'a few records change', (s: MailboxSyncState) => step(s, 1), '.d.'],
  ["a compaction's chunks and head", 'every record changes', (s: MailboxSyncState) => ({ ...s, records: eventRecords(60, 7) }), '.h.'],
])('a crash after %s was written and before the lease item committed it', (_what, _when, change, marker) => {
  test('leaves the state as it was: readable, with the same etag, and writable with that etag', async () => {
    const saved = await new CosmosSyncStateRepository(env.container).put({ ...emptySyncState(T, 'cy@contoso.com'), records: eventRecords(40) }, null);
    // The process dies as it sends the lease item: that write never lands and nothing after it runs.
    const crash = (op: RecordedOp, id: string) => ((op === 'replace' && !id.includes('.')) || op === 'delete' ? connectionReset() : undefined);
    const { container } = recordingContainer(env.container, crash);
    const before = await itemsWith(marker);
    await expect(new CosmosSyncStateRepository(container).put(change(withoutEtag(saved)), saved.etag)).rejects.toBeInstanceOf(StoreError);
    // What the save wrote is there, named by nothing, and expires by its ttl.
    const orphans = (await itemsWith(marker)).filter((item) => !before.some((b) => b.id === item.id));
    expect(orphans).toHaveLength(1);
    expect(orphans[0]!.ttl).toBe(SYNC_STATE_ITEM_TTL_S);

    const restarted = new CosmosSyncStateRepository(env.container);
    const read = await restarted.get(T, 'cy@contoso.com');
    expect(read?.etag).toBe(saved.etag);
    expect(content(read)).toEqual(content(saved));
    const next = change(withoutEtag(read!));
    const retried = await restarted.put(next, read!.etag);
    expect(content(await new CosmosSyncStateRepository(env.container).get(T, 'cy@contoso.com'))).toEqual(content({ ...next, etag: retried.etag }));
  });
});
