/**
 * The items one mailbox's Cosmos sync state is made of, and the pure functions between them and a
 * MailboxSyncState (sync-state.ts does the reads and writes):
 * - the lease item (`<base>`): lease, last round, and which head and deltas make up the state. It is the only
 *   mutable item and every save writes it last, If-Match: writing it commits the save.
 * - a head (`<base>.h.<gen>`): every field but the records, and the record chunks it was compacted with;
 * - chunks (`<base>.c.<gen>.<bucket>`): the records, in buckets by a hash of the event id;
 * - deltas (`<base>.d.<gen>`): what one save changed since the head (fields, records set, records removed).
 * Heads, chunks and deltas are immutable, written under fresh ids before the lease item names them, and carry
 * a `ttl`, so one that no lease item names (a lost race, a crash before the commit, a cleanup that failed)
 * expires by itself (https://learn.microsoft.com/azure/cosmos-db/nosql/time-to-live).
 */
import { createHash, randomBytes } from 'node:crypto';
import type { MailboxSyncState } from '../sync-state';
import { emptySyncState } from '../sync-state';

/**
 * Target characters of records per chunk. Chunks are rewritten only by compactions (every few changed saves) but
 * read one point read each, billed 1 RU up to 1 KB and little more per KB above it (optimize-cost-reads-writes):
 * fewer, larger chunks are cheaper to read, and only somewhat dearer to rewrite.
 */
export const SYNC_STATE_CHUNK_CHARS = 16_000;
/** Seconds an immutable item lives unless rewritten; live ones are rewritten once half of it has passed. */
export const SYNC_STATE_ITEM_TTL_S = 7 * 24 * 3600;
/** A save compacts (writes a new head) instead of adding a delta once this many deltas are live… */
export const SYNC_STATE_MAX_DELTAS = 8;
/** …or once the live deltas would hold more than this many characters (reads would fetch them all). */
export const SYNC_STATE_DELTA_CHARS = 8_000;

type CreatedCategories = MailboxSyncState['createdCategories'];
export type LeaseFields = Pick<MailboxSyncState, 'lease' | 'lastRound'>;
type HeadFields = Omit<MailboxSyncState, 'records' | 'createdCategories' | 'lease' | 'lastRound'>;
/** Head fields as stored: createdCategories as [name, category] pairs ("__proto__" does not survive as a key). */
type StoredFields = HeadFields & { createdCategoryList: Array<[string, CreatedCategories[string]]> };

interface Keyed {
  id: string;
  tenantId: string;
  mailboxKey: string;
}
export interface LeaseItem extends Keyed, LeaseFields {
  /** Generation of the live head; null while the state is a lease only. */
  head: string | null;
  /** Generations of the live deltas, oldest first, applied over the head in this order. */
  deltas: string[];
}
/** A chunk as the head lists it, `<gen>.<hash>`: an unchanged, young bucket keeps its chunk. */
type ChunkRef = string;
export interface HeadItem extends Keyed, StoredFields {
  chunks: ChunkRef[];
  ttl: number;
}
export interface ChunkItem extends Keyed {
  data: string;
  ttl: number;
}
export interface DeltaChange {
  fields: Partial<StoredFields>;
  /** Records added or changed, and ids removed. */
  set: Array<[string, number[]]>;
  del: string[];
}
export interface DeltaItem extends Keyed, DeltaChange {
  ttl: number;
}

export function baseId(tenantId: string, mailboxKey: string): string {
  return `sy_${createHash('sha256').update(`${tenantId}\n${mailboxKey}`).digest('base64url').slice(0, 22)}`;
}
export const headId = (base: string, gen: string): string => `${base}.h.${gen}`;
export const deltaId = (base: string, gen: string): string => `${base}.d.${gen}`;
export const chunkIds = (base: string, head: Pick<HeadItem, 'chunks'>): string[] =>
  head.chunks.map((ref, bucket) => `${base}.c.${ref.split('.')[0]}.${bucket}`);

/** A generation: the write's time in base-36 seconds, then 4 random characters (ids never collide). */
export const newGen = (now: Date): string => `${Math.floor(now.getTime() / 1000).toString(36)}${randomBytes(3).toString('base64url')}`;
export const genTimeMs = (gen: string): number => parseInt(gen.split('.')[0]!.slice(0, -4), 36) * 1000;

const hashOf = (text: string): string => createHash('sha256').update(text).digest('base64url').slice(0, 16);

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

/**
 * The chunk list for `records`: a bucket whose content hash is unchanged and whose chunk is younger than half
 * the ttl keeps its chunk; the others are written as `fresh` under generation `gen`.
 */
export function planChunks(
  records: Record<string, number[]>,
  previous: ChunkRef[],
  gen: string,
  nowMs: number,
  chunkChars: number,
): { chunks: ChunkRef[]; fresh: Array<{ bucket: number; data: string }> } {
  const texts = bucketTexts(records, bucketCount(records, chunkChars));
  const fresh: Array<{ bucket: number; data: string }> = [];
  const chunks = texts.map((data, bucket): ChunkRef => {
    const hash = hashOf(data);
    const old = texts.length === previous.length ? previous[bucket] : undefined;
    if (old && old.endsWith(`.${hash}`) && nowMs - genTimeMs(old) < (SYNC_STATE_ITEM_TTL_S * 1000) / 2) return old;
    fresh.push({ bucket, data });
    return `${gen}.${hash}`;
  });
  return { chunks, fresh };
}

function storedFields(state: MailboxSyncState): StoredFields {
  const { records, createdCategories, lease, lastRound, ...fields } = state;
  void records;
  void lease;
  void lastRound;
  return { ...fields, createdCategoryList: Object.entries(createdCategories) };
}

/** What `next` changed against `prev` (lease fields aside); undefined when nothing did. */
export function diffStates(prev: MailboxSyncState, next: MailboxSyncState): DeltaChange | undefined {
  const before = storedFields(prev) as unknown as Record<string, unknown>;
  const after = storedFields(next) as unknown as Record<string, unknown>;
  const fields: Record<string, unknown> = {};
  for (const key of Object.keys(after)) if (JSON.stringify(after[key]) !== JSON.stringify(before[key])) fields[key] = after[key];
  const set = Object.entries(next.records).filter(([id, record]) => JSON.stringify(prev.records[id]) !== JSON.stringify(record));
  const del = Object.keys(prev.records).filter((id) => !(id in next.records));
  if (Object.keys(fields).length === 0 && set.length === 0 && del.length === 0) return undefined;
  return { fields: fields as Partial<StoredFields>, set, del };
}

/** The state (lease fields aside) a head, its chunks and the live deltas make up; no head = a lease only. */
export function assemble(tenantId: string, mailboxId: string, head: HeadItem | undefined, chunks: ChunkItem[], deltas: DeltaItem[]): MailboxSyncState {
  const fields: Partial<StoredFields> = {};
  const records: Record<string, number[]> = {};
  if (head) {
    const { id, tenantId: _t, mailboxKey, chunks: _refs, ttl, ...stored } = head;
    void [id, _t, mailboxKey, _refs, ttl];
    Object.assign(fields, stored);
    for (const chunk of chunks) for (const [eventId, record] of JSON.parse(chunk.data) as Array<[string, number[]]>) records[eventId] = record;
  }
  for (const delta of deltas) {
    Object.assign(fields, delta.fields);
    for (const [eventId, record] of delta.set) records[eventId] = record;
    for (const eventId of delta.del) delete records[eventId];
  }
  const { createdCategoryList, ...rest } = fields;
  const createdCategories = Object.create(null) as CreatedCategories;
  for (const [name, category] of createdCategoryList ?? []) createdCategories[name] = category;
  return { ...emptySyncState(tenantId, mailboxId), ...rest, createdCategories, records };
}

/** The lease fields as stored: a field the state was put without stays absent (not null) when read back. */
export function leaseFieldsOf(source: LeaseFields): LeaseFields {
  return JSON.parse(JSON.stringify({ lease: source.lease, lastRound: source.lastRound })) as LeaseFields;
}

export const headContentOf = (state: MailboxSyncState): StoredFields => storedFields(state);
