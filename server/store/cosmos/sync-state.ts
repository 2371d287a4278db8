/**
 * Sync state in Cosmos DB, in a container with the hierarchical partition key [/tenantId, /mailboxKey]
 * (containers.ts; docs/COSMOS.md says why): each mailbox is its own logical partition, so a tenant's states
 * spread over physical partitions instead of filling one 20 GB / 10,000 RU/s logical partition.
 *
 * A mailbox's state is three kinds of item, each written only when its content changed (writes are the bill):
 * - the lease item (`<id>.lease`): the lease and the last round's record, the only item a round that found
 *   nothing new writes (when it takes and when it gives up the lease);
 * - the head (`<id>`): every other field, plus the list of record chunks and their content hashes;
 * - chunk items (`<id>.<gen>.<bucket>`): the per-event records, split into buckets by a hash of the event id,
 *   so a changed record rewrites only its bucket's chunk. Chunks are immutable: a changed bucket is written
 *   under a new id, then the head is replaced with If-Match, then the superseded chunk is deleted — best effort,
 *   since the write has committed by then. Chunks carry a `ttl` and live ones are rewritten before half of it
 *   has passed, so a superseded chunk whose delete failed still expires (time-to-live needs the container's
 *   defaultTtl, -1 in containers.ts; https://learn.microsoft.com/azure/cosmos-db/nosql/time-to-live).
 *
 * The etag handed out covers the head and the lease item together. Heads and leases are point reads; chunks are
 * one query inside the mailbox's partition. Item ids still derive from a hash of (tenant, mailbox), unique across
 * the container, and every read checks tenantId (the emulator used in tests ignores partition keys).
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Container, PartitionKey } from '@azure/cosmos';
import { StoreError } from '../types';
import type { MailboxSyncState, StoredSyncState, SyncStateRepository } from '../sync-state';
import { emptySyncState } from '../sync-state';
import { cosmosCall, mapCosmosError, statusOf, stripSystem } from './util';

export const SYNC_STATE_CONTAINER = 'syncState';

/** Target characters of records per chunk: about the 1 KB a write is billed by at least, times a few. */
export const SYNC_STATE_CHUNK_CHARS = 4_000;

/** Seconds a chunk lives unless rewritten; live chunks are rewritten once half of it has passed. */
export const SYNC_STATE_CHUNK_TTL_S = 7 * 24 * 3600;

type CreatedCategories = MailboxSyncState['createdCategories'];
type LeaseFields = Pick<MailboxSyncState, 'lease' | 'lastRound'>;
type HeadFields = Omit<MailboxSyncState, 'records' | 'createdCategories' | 'lease' | 'lastRound'>;
/**
 * One bucket's chunk as the head lists it, `<gen>.<hash>`, kept short since the head is rewritten by every
 * changed save: gen = the write's time in base-36 seconds plus 4 random characters (the chunk is rewritten
 * before its ttl runs out), hash = the bucket's content hash (an unchanged bucket is not rewritten).
 */
type ChunkRef = string;
interface HeadItem extends HeadFields {
  id: string;
  mailboxKey: string;
  kind: 'head';
  /** createdCategories as [name, category] pairs ("__proto__" does not survive as an object key). */
  createdCategoryList: Array<[string, CreatedCategories[string]]>;
  chunks: ChunkRef[];
  contentHash: string;
}
interface LeaseItem extends LeaseFields {
  id: string;
  tenantId: string;
  mailboxKey: string;
  kind: 'lease';
  contentHash: string;
}
interface ChunkItem {
  id: string;
  tenantId: string;
  mailboxKey: string;
  kind: 'chunk';
  data: string;
  ttl: number;
}
interface Current {
  head?: { item: HeadItem; etag: string };
  lease?: { item: LeaseItem; etag: string };
}

const hashOf = (text: string): string => createHash('sha256').update(text).digest('base64url').slice(0, 16);
const chunkId = (base: string, ref: ChunkRef, bucket: number): string => `${base}.${ref.split('.')[0]}.${bucket}`;
const writtenAtMs = (ref: ChunkRef): number => parseInt(ref.slice(0, ref.indexOf('.') - 4), 36) * 1000;

function baseId(tenantId: string, mailboxKey: string): string {
  return `ss_${createHash('sha256').update(`${tenantId}\n${mailboxKey}`).digest('base64url').slice(0, 43)}`;
}

/** Buckets: a power of two, so the count (and with it every chunk) only changes when the records double or halve. */
function bucketCount(records: Record<string, number[]>, chunkChars: number): number {
  const chars = Object.entries(records).reduce((n, [id, r]) => n + id.length + 4 * r.length + 6, 0);
  if (chars === 0) return 0;
  let count = 1;
  while (count * chunkChars < chars) count *= 2;
  return count;
}

/** Each bucket's records as JSON with sorted keys (the same records always give the same text and hash). */
function bucketTexts(records: Record<string, number[]>, count: number): string[] {
  const buckets: Array<Array<[string, number[]]>> = Array.from({ length: count }, () => []);
  for (const id of Object.keys(records).sort()) buckets[createHash('sha1').update(id).digest().readUInt32BE(0) % count]!.push([id, records[id]!]);
  return buckets.map((entries) => JSON.stringify(entries));
}

const etagOf = (c: Current): string => `${c.head?.etag ?? '-'}|${c.lease?.etag ?? '-'}`;

export class CosmosSyncStateRepository implements SyncStateRepository {
  constructor(
    private readonly container: Container,
    private readonly chunkChars = SYNC_STATE_CHUNK_CHARS,
    private readonly now: () => Date = () => new Date(),
  ) {}

  private async point<T>(id: string, tenantId: string, key: PartitionKey): Promise<{ item: T; etag: string } | undefined> {
    const { resource, statusCode } = await cosmosCall('sync state', () => this.container.item(id, key).read<Record<string, unknown>>());
    if (statusCode === 404 || !resource || resource.tenantId !== tenantId || resource.id !== id) return undefined;
    const { doc, etag } = stripSystem<T>(resource);
    return { item: doc, etag };
  }

  private async readCurrent(tenantId: string, mailboxKey: string): Promise<Current> {
    const id = baseId(tenantId, mailboxKey);
    const key = [tenantId, mailboxKey];
    const [head, lease] = await Promise.all([this.point<HeadItem>(id, tenantId, key), this.point<LeaseItem>(`${id}.lease`, tenantId, key)]);
    return { ...(head ? { head } : {}), ...(lease ? { lease } : {}) };
  }

  private async readChunks(tenantId: string, mailboxKey: string): Promise<Map<string, ChunkItem>> {
    const { resources } = await cosmosCall('sync state', () =>
      this.container.items
        .query<ChunkItem>(
          {
            query: 'SELECT c.id, c.tenantId, c.data FROM c WHERE c.tenantId = @tenantId AND c.mailboxKey = @mailboxKey AND c.kind = "chunk"',
            parameters: [
              { name: '@tenantId', value: tenantId },
              { name: '@mailboxKey', value: mailboxKey },
            ],
          },
          { partitionKey: [tenantId, mailboxKey], maxItemCount: -1 },
        )
        .fetchAll(),
    );
    return new Map(resources.filter((c) => c.tenantId === tenantId).map((c) => [c.id, c]));
  }

  async get(tenantId: string, mailboxId: string): Promise<StoredSyncState | undefined> {
    const mailboxKey = mailboxId.toLowerCase();
    // A writer may delete the chunks of the head just read; the next head names chunks that exist.
    for (let attempt = 0; attempt < 5; attempt++) {
      const current = await this.readCurrent(tenantId, mailboxKey);
      if (!current.head && !current.lease) return undefined;
      const stored = current.lease?.item;
      // A field the state was put without is absent again (not null), as the other stores give it back.
      const leaseFields: LeaseFields = { ...(stored && 'lease' in stored ? { lease: stored.lease } : {}), ...(stored && 'lastRound' in stored ? { lastRound: stored.lastRound } : {}) };
      if (!current.head) return { ...emptySyncState(tenantId, mailboxId), ...leaseFields, etag: etagOf(current) };
      const { id, mailboxKey: _key, kind, chunks, contentHash, createdCategoryList, ...fields } = current.head.item;
      void _key;
      void kind;
      void contentHash;
      const found = chunks.length > 0 ? await this.readChunks(tenantId, mailboxKey) : new Map<string, ChunkItem>();
      const ids = chunks.map((ref, bucket) => chunkId(id, ref, bucket));
      if (ids.some((c) => !found.has(c))) continue;
      const records: Record<string, number[]> = {};
      for (const c of ids) for (const [eventId, record] of JSON.parse(found.get(c)!.data) as Array<[string, number[]]>) records[eventId] = record;
      const created = Object.create(null) as CreatedCategories;
      for (const [name, category] of createdCategoryList) created[name] = category;
      return { ...fields, createdCategories: created, records, ...leaseFields, etag: etagOf(current) };
    }
    throw new StoreError('unavailable', 'sync state kept changing while being read');
  }

  async put(state: MailboxSyncState, ifMatch: string | null): Promise<StoredSyncState> {
    const { records, createdCategories, lease, lastRound, ...fields } = state;
    const { tenantId } = state;
    const mailboxKey = state.mailboxId.toLowerCase();
    const id = baseId(tenantId, mailboxKey);
    const key = [tenantId, mailboxKey];
    const current = await this.readCurrent(tenantId, mailboxKey);
    const exists = current.head !== undefined || current.lease !== undefined;
    if (ifMatch === null && exists) throw new StoreError('etag_mismatch', 'sync state already exists');
    if (ifMatch !== null && !exists) throw new StoreError('not_found', 'no sync state');
    if (ifMatch !== null && etagOf(current) !== ifMatch) throw new StoreError('etag_mismatch', 'etag mismatch');

    // What would change: chunks whose bucket content changed (or that near their ttl) get new ids; the rest stay.
    const now = this.now();
    const texts = bucketTexts(records, bucketCount(records, this.chunkChars));
    const previous = current.head?.item.chunks ?? [];
    const gen = `${Math.floor(now.getTime() / 1000).toString(36)}${randomBytes(3).toString('base64url')}`;
    const fresh: ChunkItem[] = [];
    const chunks = texts.map((data, bucket): ChunkRef => {
      const hash = hashOf(data);
      const old = texts.length === previous.length ? previous[bucket] : undefined;
      if (old && old.endsWith(`.${hash}`) && now.getTime() - writtenAtMs(old) < (SYNC_STATE_CHUNK_TTL_S * 1000) / 2) return old;
      const ref = `${gen}.${hash}`;
      fresh.push({ id: chunkId(id, ref, bucket), tenantId, mailboxKey, kind: 'chunk', data, ttl: SYNC_STATE_CHUNK_TTL_S });
      return ref;
    });
    const headContent = { ...fields, createdCategoryList: Object.entries(createdCategories), chunks };
    const headHash = hashOf(JSON.stringify(headContent));
    const leaseContent: LeaseFields = JSON.parse(JSON.stringify({ lease, lastRound })) as LeaseFields;
    const leaseHash = hashOf(JSON.stringify(leaseContent));
    const headChanged = current.head?.item.contentHash !== headHash;
    if (!headChanged && current.lease?.item.contentHash === leaseHash) return { ...structuredClone(state), etag: etagOf(current) };

    // The lease item is written first by every put that writes anything: its If-Match (or create) is the one
    // guard a rival's write meets, whichever of the items it changes.
    const next: Current = { ...current };
    next.lease = await this.writeGuarded<LeaseItem>({ id: `${id}.lease`, tenantId, mailboxKey, kind: 'lease', ...leaseContent, contentHash: leaseHash }, key, current.lease?.etag);
    if (headChanged) {
      for (const chunk of fresh) await cosmosCall('sync state', () => this.container.items.create(chunk));
      try {
        next.head = await this.writeGuarded<HeadItem>({ id, mailboxKey, kind: 'head', ...headContent, contentHash: headHash }, key, current.head?.etag);
      } catch (err) {
        await this.deleteChunks(fresh.map((c) => c.id), key);
        throw err;
      }
      const kept = new Set(chunks.map((ref, bucket) => chunkId(id, ref, bucket)));
      await this.deleteChunks(previous.map((ref, bucket) => chunkId(id, ref, bucket)).filter((c) => !kept.has(c)), key);
    }
    return { ...structuredClone(state), etag: etagOf(next) };
  }

  async delete(tenantId: string, mailboxId: string): Promise<void> {
    const mailboxKey = mailboxId.toLowerCase();
    const key = [tenantId, mailboxKey];
    const current = await this.readCurrent(tenantId, mailboxKey);
    for (const item of [current.head?.item, current.lease?.item]) {
      if (!item) continue;
      try {
        await this.container.item(item.id, key).delete();
      } catch (err) {
        if (statusOf(err) !== 404) mapCosmosError(err, 'sync state');
      }
    }
    await this.deleteChunks(current.head?.item.chunks.map((ref, bucket) => chunkId(current.head!.item.id, ref, bucket)) ?? [], key);
  }

  /** Creates the item, or replaces it If-Match the etag it was read with; a lost race is 'etag_mismatch'. */
  private async writeGuarded<T extends { id: string }>(item: T, key: PartitionKey, etag: string | undefined): Promise<{ item: T; etag: string }> {
    try {
      const response =
        etag === undefined
          ? await this.container.items.create(item)
          : await this.container.item(item.id, key).replace(item, { accessCondition: { type: 'IfMatch', condition: etag } });
      return { item, etag: stripSystem(response.resource as unknown as Record<string, unknown>).etag };
    } catch (err) {
      if (statusOf(err) === 409 || statusOf(err) === 412) throw new StoreError('etag_mismatch', 'etag mismatch');
      if (statusOf(err) === 404) throw new StoreError('not_found', 'no sync state');
      return mapCosmosError(err, 'sync state');
    }
  }

  /**
   * Best effort: the write these chunks belonged to has committed (or failed) already, so a throttled or failed
   * delete changes nothing for the caller; the chunk's ttl removes it later.
   */
  private async deleteChunks(ids: string[], key: PartitionKey): Promise<void> {
    for (const chunkId of ids) {
      try {
        await this.container.item(chunkId, key).delete();
      } catch {
        // Left for its ttl.
      }
    }
  }
}
