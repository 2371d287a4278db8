/**
 * Sync state in Cosmos DB, in a container with the hierarchical partition key [/tenantId, /mailboxKey]
 * (containers.ts; docs/COSMOS.md says why): each mailbox is its own logical partition, so a tenant's states
 * spread over physical partitions instead of filling one 20 GB / 10,000 RU/s logical partition.
 *
 * Writes are the bill, so a save writes what it changed and little else (the items: sync-state-layout.ts):
 * - nothing changed: nothing written; only the lease or the last round changed: the lease item alone;
 * - records or fields changed: one delta item with only those, then the lease item naming it;
 * - every SYNC_STATE_MAX_DELTAS saves (or SYNC_STATE_DELTA_CHARS of deltas, or a live item past half its ttl)
 *   the save compacts instead: the buckets whose content changed, a new head, then the lease item naming the
 *   head and no delta. The superseded head, chunks and deltas are then deleted — best effort, since the save
 *   has committed by then; what a failed delete leaves expires by its ttl.
 * The lease item is written last, If-Match the etag the caller holds (create for a new state): that one write
 * is both the fence against a rival and the commit. A crash before it leaves items nothing names, and the
 * state reads as before.
 *
 * Every read is a point read in the mailbox's partition (lease item, then head and deltas, then chunks): no
 * query, which Azure serves from the partition too but the emulator answers by scanning the whole container.
 * The state last read or written is kept per mailbox with the lease item's etag it belongs to, so a save with
 * that etag (the worker's round) reads nothing first: its commit's If-Match fails if the state moved on. Item ids derive from a hash of
 * (tenant, mailbox), unique across the container, and every read checks tenantId (the emulator used in tests
 * ignores partition keys).
 */
import type { Container, PartitionKey } from '@azure/cosmos';
import { LRUCache } from 'lru-cache';
import { StoreError } from '../types';
import type { MailboxSyncState, StoredSyncState, SyncStateRepository } from '../sync-state';
import { cosmosCall, mapCosmosError, statusOf, stripSystem } from './util';
import {
  assemble,
  baseId,
  chunkIds,
  deltaId,
  diffStates,
  genTimeMs,
  headContentOf,
  headId,
  leaseFieldsOf,
  newGen,
  planChunks,
  SYNC_STATE_CHUNK_CHARS,
  SYNC_STATE_DELTA_CHARS,
  SYNC_STATE_ITEM_TTL_S,
  SYNC_STATE_MAX_DELTAS,
  type ChunkItem,
  type DeltaItem,
  type HeadItem,
  type LeaseItem,
} from './sync-state-layout';

export { SYNC_STATE_CHUNK_CHARS, SYNC_STATE_DELTA_CHARS, SYNC_STATE_ITEM_TTL_S, SYNC_STATE_MAX_DELTAS } from './sync-state-layout';
export const SYNC_STATE_CONTAINER = 'syncState';

/** A mailbox's state as stored: the lease item and its etag, the head, and the assembled state. */
interface Current {
  lease: LeaseItem;
  etag: string;
  head?: HeadItem;
  /** The state without its lease fields. */
  state: MailboxSyncState;
  /** Characters of the live deltas. */
  deltaChars: number;
  /** Write time of the oldest live head, chunk or delta. */
  oldestMs: number;
}

export interface CosmosSyncStateOptions {
  chunkChars?: number;
  now?: () => Date;
  /** Mailbox states kept in memory, each with the etag it belongs to. */
  cached?: number;
}

export class CosmosSyncStateRepository implements SyncStateRepository {
  private readonly chunkChars: number;
  private readonly now: () => Date;
  private readonly cache: LRUCache<string, Current>;

  constructor(
    private readonly container: Container,
    options: CosmosSyncStateOptions = {},
  ) {
    this.chunkChars = options.chunkChars ?? SYNC_STATE_CHUNK_CHARS;
    this.now = options.now ?? (() => new Date());
    this.cache = new LRUCache({ max: options.cached ?? 256 });
  }

  private async point<T>(id: string, tenantId: string, key: PartitionKey): Promise<{ item: T; etag: string } | undefined> {
    const { resource, statusCode } = await cosmosCall('sync state', () => this.container.item(id, key).read<Record<string, unknown>>());
    if (statusCode === 404 || !resource || resource.tenantId !== tenantId || resource.id !== id) return undefined;
    const { doc, etag } = stripSystem<T>(resource);
    return { item: doc, etag };
  }

  /**
   * The stored state, or undefined when there is none. A compaction may delete what the lease item just read
   * named; the next read of the lease item names items that exist.
   */
  private async load(tenantId: string, mailboxId: string): Promise<Current | undefined> {
    const mailboxKey = mailboxId.toLowerCase();
    const base = baseId(tenantId, mailboxKey);
    const key = [tenantId, mailboxKey];
    for (let attempt = 0; attempt < 5; attempt++) {
      const lease = await this.point<LeaseItem>(base, tenantId, key);
      if (!lease) return undefined;
      const cached = this.cache.get(`${tenantId}\n${mailboxKey}`);
      if (cached?.etag === lease.etag) return cached;
      const { head: gen, deltas: gens } = lease.item;
      const [head, ...deltas] = await Promise.all([
        gen === null ? Promise.resolve(undefined) : this.point<HeadItem>(headId(base, gen), tenantId, key),
        ...gens.map((d) => this.point<DeltaItem>(deltaId(base, d), tenantId, key)),
      ]);
      if ((gen !== null && !head) || deltas.some((d) => !d)) continue;
      const chunks = head ? await Promise.all(chunkIds(base, head.item).map((id) => this.point<ChunkItem>(id, tenantId, key))) : [];
      if (chunks.some((c) => !c)) continue;
      const live = deltas.map((d) => d!.item);
      const current: Current = {
        lease: lease.item,
        etag: lease.etag,
        ...(head ? { head: head.item } : {}),
        state: assemble(
          tenantId,
          mailboxId,
          head?.item,
          chunks.map((c) => c!.item),
          live,
        ),
        deltaChars: live.reduce((n, d) => n + JSON.stringify(d).length, 0),
        oldestMs: Math.min(...[gen, ...gens, ...(head?.item.chunks ?? [])].filter((g): g is string => g !== null).map(genTimeMs)),
      };
      this.remember(tenantId, mailboxKey, current);
      return current;
    }
    throw new StoreError('unavailable', 'sync state kept changing while being read');
  }

  private remember(tenantId: string, mailboxKey: string, current: Current): void {
    this.cache.set(`${tenantId}\n${mailboxKey}`, current);
  }

  async get(tenantId: string, mailboxId: string): Promise<StoredSyncState | undefined> {
    const current = await this.load(tenantId, mailboxId);
    if (!current) return undefined;
    return { ...structuredClone(current.state), ...leaseFieldsOf(current.lease), etag: current.etag };
  }

  async put(state: MailboxSyncState, ifMatch: string | null): Promise<StoredSyncState> {
    const { tenantId } = state;
    const mailboxKey = state.mailboxId.toLowerCase();
    const base = baseId(tenantId, mailboxKey);
    const key = [tenantId, mailboxKey];
    // The state remembered with the etag the caller holds needs no read: the commit's If-Match fails if it moved on.
    const remembered = ifMatch === null ? undefined : this.cache.get(`${tenantId}\n${mailboxKey}`);
    const current = remembered?.etag === ifMatch ? remembered : await this.load(tenantId, state.mailboxId);
    if (ifMatch === null && current) throw new StoreError('etag_mismatch', 'sync state already exists');
    if (ifMatch !== null && !current) throw new StoreError('not_found', 'no sync state');
    if (ifMatch !== null && current!.etag !== ifMatch) throw new StoreError('etag_mismatch', 'etag mismatch');

    const { lease: _lease, lastRound: _lastRound, ...content } = state;
    void _lease;
    void _lastRound;
    const nextState = structuredClone(content) as MailboxSyncState;
    const now = this.now();
    // A new state is compared with one of no mailbox, so its first save writes a head naming the mailbox.
    const change = diffStates(current?.state ?? assemble(tenantId, '', undefined, [], []), nextState);
    const aged = current?.head !== undefined && now.getTime() - current.oldestMs >= (SYNC_STATE_ITEM_TTL_S * 1000) / 2;
    const deltaChars = change ? JSON.stringify(change).length : 0;
    const gen = newGen(now);
    const deltas = current?.lease.deltas ?? [];
    const compact =
      aged ||
      (change !== undefined && (!current?.head || deltas.length >= SYNC_STATE_MAX_DELTAS || (current?.deltaChars ?? 0) + deltaChars > SYNC_STATE_DELTA_CHARS));

    const leaseItem: LeaseItem = { id: base, tenantId, mailboxKey, ...leaseFieldsOf(state), head: current?.lease.head ?? null, deltas };
    const written: string[] = [];
    let next: Omit<Current, 'lease' | 'etag'> = current ?? { state: nextState, deltaChars: 0, oldestMs: now.getTime() };
    try {
      if (compact) {
        const plan = planChunks(nextState.records, current?.head?.chunks ?? [], gen, now.getTime(), this.chunkChars);
        const head: HeadItem = { ...headContentOf(nextState), id: headId(base, gen), tenantId, mailboxKey, chunks: plan.chunks, ttl: SYNC_STATE_ITEM_TTL_S };
        const ids = chunkIds(base, head);
        for (const { bucket, data } of plan.fresh)
          await this.create<ChunkItem>({ id: ids[bucket]!, tenantId, mailboxKey, data, ttl: SYNC_STATE_ITEM_TTL_S }, written);
        await this.create(head, written);
        Object.assign(leaseItem, { head: gen, deltas: [] });
        next = { head, state: nextState, deltaChars: 0, oldestMs: Math.min(now.getTime(), ...plan.chunks.map(genTimeMs)) };
      } else if (change) {
        await this.create<DeltaItem>({ id: deltaId(base, gen), tenantId, mailboxKey, ...change, ttl: SYNC_STATE_ITEM_TTL_S }, written);
        leaseItem.deltas = [...deltas, gen];
        next = { ...next, state: nextState, deltaChars: (current?.deltaChars ?? 0) + deltaChars, oldestMs: Math.min(next.oldestMs, now.getTime()) };
      } else if (current && JSON.stringify(leaseFieldsOf(current.lease)) === JSON.stringify(leaseFieldsOf(leaseItem))) {
        return { ...structuredClone(state), etag: current.etag };
      }
      const etag = await this.commit(leaseItem, key, current?.etag);
      this.remember(tenantId, mailboxKey, { ...next, lease: leaseItem, etag });
      if (compact && current) {
        const live = new Set(next.head ? chunkIds(base, next.head) : []);
        const superseded = [...(current.head ? [current.head.id, ...chunkIds(base, current.head)] : []), ...deltas.map((d) => deltaId(base, d))];
        await this.deleteItems(
          superseded.filter((id) => !live.has(id)),
          key,
        );
      }
      return { ...structuredClone(state), etag };
    } catch (err) {
      // Nothing names what this save wrote: remove it now rather than wait for its ttl.
      await this.deleteItems(written, key);
      throw err;
    }
  }

  async delete(tenantId: string, mailboxId: string): Promise<void> {
    const mailboxKey = mailboxId.toLowerCase();
    const base = baseId(tenantId, mailboxKey);
    const key = [tenantId, mailboxKey];
    const lease = await this.point<LeaseItem>(base, tenantId, key);
    if (!lease) return;
    const head = lease.item.head === null ? undefined : await this.point<HeadItem>(headId(base, lease.item.head), tenantId, key);
    // The lease item first: once it is gone the state is, whatever happens to the rest.
    try {
      await this.container.item(base, key).delete();
    } catch (err) {
      if (statusOf(err) !== 404) mapCosmosError(err, 'sync state');
    }
    this.cache.delete(`${tenantId}\n${mailboxKey}`);
    await this.deleteItems([...(head ? [head.item.id, ...chunkIds(base, head.item)] : []), ...lease.item.deltas.map((d) => deltaId(base, d))], key);
  }

  private async create<T extends { id: string }>(item: T, written: string[]): Promise<void> {
    await cosmosCall('sync state', () => this.container.items.create(item));
    written.push(item.id);
  }

  /** Creates the lease item, or replaces it If-Match the etag it was read with; a lost race is 'etag_mismatch'. */
  private async commit(item: LeaseItem, key: PartitionKey, etag: string | undefined): Promise<string> {
    try {
      const response =
        etag === undefined
          ? await this.container.items.create(item)
          : await this.container.item(item.id, key).replace(item, { accessCondition: { type: 'IfMatch', condition: etag } });
      return stripSystem(response.resource as unknown as Record<string, unknown>).etag;
    } catch (err) {
      if (statusOf(err) === 409 || statusOf(err) === 412) throw new StoreError('etag_mismatch', 'etag mismatch');
      if (statusOf(err) === 404) throw new StoreError('not_found', 'no sync state');
      return mapCosmosError(err, 'sync state');
    }
  }

  /** Best effort: what these items belonged to has committed (or failed) already; a failed delete leaves the item to its ttl. */
  private async deleteItems(ids: string[], key: PartitionKey): Promise<void> {
    for (const id of ids) {
      try {
        await this.container.item(id, key).delete();
      } catch {
        // Left for its ttl.
      }
    }
  }
}
