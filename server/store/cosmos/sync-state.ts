/**
 * Sync state in Cosmos DB (container partitioned by /tenantId). A mailbox's state is a small head item plus
 * chunk items holding the per-event records, so a mailbox with many events never meets the 2 MB item limit:
 * chunks of a new generation are written first, then the head is replaced with If-Match (the etag guard),
 * then the previous generation's chunks are deleted. A reader that races a writer re-reads.
 * Item ids are derived from a hash of (tenant, mailbox), so they are unique across the whole container
 * (the emulator used in tests ignores partition keys); every query also filters tenantId in WHERE.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Container } from '@azure/cosmos';
import { StoreError } from '../types';
import type { MailboxSyncState, StoredSyncState, SyncStateRepository } from '../sync-state';
import { cosmosCall, mapCosmosError, splitChunks, statusOf, stripSystem } from './util';

export const SYNC_STATE_CONTAINER = 'syncState';

/** Characters of serialized records per chunk item; well under 2 MB even after JSON string escaping. */
export const SYNC_STATE_CHUNK_CHARS = 1_000_000;

type CreatedCategories = MailboxSyncState['createdCategories'];
type HeadFields = Omit<MailboxSyncState, 'records' | 'pending' | 'createdCategories'>;
interface HeadItem extends HeadFields {
  id: string;
  kind: 'head';
  gen: string;
  chunks: number;
  /**
   * createdCategories as [name, category] pairs: names are anyone's to choose, and a "__proto__" key does not
   * survive the trip through the SDK and the emulator as an object key (tests/sync/sync-state-contract.test.ts).
   */
  createdCategoryList?: Array<[string, CreatedCategories[string]]>;
  /** Heads written before createdCategoryList. */
  createdCategories?: CreatedCategories;
}
interface ChunkItem {
  id: string;
  tenantId: string;
  mailboxId: string;
  kind: 'chunk';
  gen: string;
  index: number;
  data: string;
}

function headId(tenantId: string, mailboxId: string): string {
  return `ss_${createHash('sha256').update(`${tenantId}\n${mailboxId.toLowerCase()}`).digest('base64url').slice(0, 43)}`;
}

export class CosmosSyncStateRepository implements SyncStateRepository {
  constructor(
    private readonly container: Container,
    private readonly chunkChars = SYNC_STATE_CHUNK_CHARS,
  ) {}

  private async readHead(tenantId: string, mailboxId: string): Promise<{ head: HeadItem; etag: string } | undefined> {
    const { resources } = await cosmosCall('sync state', () =>
      this.container.items
        .query<Record<string, unknown>>(
          {
            query: 'SELECT * FROM c WHERE c.tenantId = @tenantId AND c.id = @id AND c.kind = "head"',
            parameters: [
              { name: '@tenantId', value: tenantId },
              { name: '@id', value: headId(tenantId, mailboxId) },
            ],
          },
          { partitionKey: tenantId },
        )
        .fetchAll(),
    );
    if (!resources[0]) return undefined;
    const { doc, etag } = stripSystem<HeadItem>(resources[0]);
    return { head: doc, etag };
  }

  private async readChunks(tenantId: string, mailboxId: string, gen: string): Promise<ChunkItem[]> {
    const { resources } = await cosmosCall('sync state', () =>
      this.container.items
        .query<ChunkItem>(
          {
            query: 'SELECT c.id, c.tenantId, c.mailboxId, c.kind, c.gen, c["index"], c.data FROM c WHERE c.tenantId = @tenantId AND c.mailboxId = @mailboxId AND c.kind = "chunk" AND c.gen = @gen',
            parameters: [
              { name: '@tenantId', value: tenantId },
              { name: '@mailboxId', value: mailboxId },
              { name: '@gen', value: gen },
            ],
          },
          { partitionKey: tenantId },
        )
        .fetchAll(),
    );
    return resources.sort((a, b) => a.index - b.index);
  }

  async get(tenantId: string, mailboxId: string): Promise<StoredSyncState | undefined> {
    // A writer may delete the chunks of the head just read; the next head names chunks that exist.
    for (let attempt = 0; attempt < 5; attempt++) {
      const found = await this.readHead(tenantId, mailboxId);
      if (!found) return undefined;
      const { id, kind, gen, chunks, createdCategoryList, createdCategories, ...fields } = found.head;
      void id;
      void kind;
      const parts = await this.readChunks(tenantId, mailboxId, gen);
      if (parts.length !== chunks) continue;
      const body = JSON.parse(parts.map((p) => p.data).join('')) as Pick<MailboxSyncState, 'records' | 'pending'>;
      const created = Object.create(null) as CreatedCategories;
      for (const [name, category] of createdCategoryList ?? Object.entries(createdCategories ?? {})) created[name] = category;
      return { ...fields, createdCategories: created, records: body.records, pending: body.pending, etag: found.etag };
    }
    throw new StoreError('unavailable', 'sync state kept changing while being read');
  }

  async put(state: MailboxSyncState, ifMatch: string | null): Promise<StoredSyncState> {
    const { records, pending, createdCategories, ...fields } = state;
    const id = headId(state.tenantId, state.mailboxId);
    const previous = ifMatch === null ? undefined : await this.readHead(state.tenantId, state.mailboxId);
    if (ifMatch !== null) {
      if (!previous) throw new StoreError('not_found', 'no sync state');
      if (previous.etag !== ifMatch) throw new StoreError('etag_mismatch', 'etag mismatch');
    }
    const gen = randomBytes(9).toString('base64url');
    const parts = splitChunks(JSON.stringify({ records, pending }), this.chunkChars);
    const chunkItems: ChunkItem[] = parts.map((data, index) => ({ id: `${id}.${gen}.${index}`, tenantId: state.tenantId, mailboxId: state.mailboxId, kind: 'chunk', gen, index, data }));
    for (const chunk of chunkItems) await cosmosCall('sync state', () => this.container.items.create(chunk));
    const head: HeadItem = { ...fields, createdCategoryList: Object.entries(createdCategories), id, kind: 'head', gen, chunks: chunkItems.length };
    let written: Record<string, unknown>;
    try {
      const response =
        ifMatch === null
          ? await this.container.items.create(head)
          : await this.container.item(id, state.tenantId).replace(head, { accessCondition: { type: 'IfMatch', condition: ifMatch } });
      written = response.resource as unknown as Record<string, unknown>;
    } catch (err) {
      await this.deleteChunks(chunkItems);
      if (ifMatch === null && statusOf(err) === 409) throw new StoreError('etag_mismatch', 'sync state already exists');
      return mapCosmosError(err, 'sync state');
    }
    if (previous) await this.deleteChunks(await this.readChunks(state.tenantId, state.mailboxId, previous.head.gen));
    return { ...structuredClone(state), etag: stripSystem(written).etag };
  }

  async delete(tenantId: string, mailboxId: string): Promise<void> {
    const found = await this.readHead(tenantId, mailboxId);
    if (!found) return;
    try {
      await this.container.item(found.head.id, tenantId).delete();
    } catch (err) {
      if (statusOf(err) !== 404) mapCosmosError(err, 'sync state');
    }
    await this.deleteChunks(await this.readChunks(tenantId, mailboxId, found.head.gen));
  }

  private async deleteChunks(chunks: Array<Pick<ChunkItem, 'id' | 'tenantId'>>): Promise<void> {
    for (const chunk of chunks) {
      try {
        await this.container.item(chunk.id, chunk.tenantId).delete();
      } catch (err) {
        if (statusOf(err) !== 404) mapCosmosError(err, 'sync state');
      }
    }
  }
}
