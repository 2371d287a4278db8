/**
 * For Cosmos sync-state tests: one in-process emulator per file and a fresh sync-state container (the production
 * definition's hierarchical key) per test, plus records shaped like a mailbox's.
 */
import { CosmosClient, PartitionKeyKind, type Container } from '@azure/cosmos';
import { SYNC_STATE_CONTAINER_DEFINITION } from '../../server/store/cosmos/containers';
import type { MailboxSyncState, StoredSyncState } from '../../server/store/sync-state';
import { startCosmosEmulator, type TestCosmos } from './cosmos';

/** Registers the hooks; call at the top of a test file, read `.container` inside tests. */
export function useSyncStateContainer(): { readonly container: Container } {
  let emulator: TestCosmos;
  let client: CosmosClient;
  let db = 0;
  const current: { container?: Container } = {};
  beforeAll(async () => {
    emulator = await startCosmosEmulator();
    client = new CosmosClient({ endpoint: emulator.endpoint, key: emulator.key, agent: emulator.agent });
  });
  afterAll(async () => {
    client.dispose();
    await emulator.close();
  });
  beforeEach(async () => {
    const { database } = await client.databases.createIfNotExists({ id: `sync_state_${process.pid}_${++db}` });
    const paths = SYNC_STATE_CONTAINER_DEFINITION.partitionKeyPaths;
    current.container = (
      await database.containers.createIfNotExists({
        id: SYNC_STATE_CONTAINER_DEFINITION.id,
        partitionKey: { paths, kind: PartitionKeyKind.MultiHash, version: 2 },
      })
    ).container;
  });
  return {
    get container(): Container {
      return current.container!;
    },
  };
}

/** n records, each id as long as a Graph event id (152 characters). */
export function eventRecords(n: number, tag = 0): Record<string, number[]> {
  return Object.fromEntries(Array.from({ length: n }, (_, i) => [eventIdOf(i), [tag, i % 3]]));
}

export const eventIdOf = (i: number): string => `AAMkAGI2TG93AAA${String(i).padStart(135, '0')}==`;

/** The changed records as the bench measures them: JSON of {id: new record, or null when removed}. */
export function changedRecordsBytes(before: Record<string, number[]>, after: Record<string, number[]>): number {
  const changed: Record<string, number[] | null> = {};
  for (const [id, record] of Object.entries(after)) if (JSON.stringify(before[id]) !== JSON.stringify(record)) changed[id] = record;
  for (const id of Object.keys(before)) if (!(id in after)) changed[id] = null;
  return Buffer.byteLength(JSON.stringify(changed));
}

export const withoutEtag = ({ etag, ...state }: StoredSyncState): MailboxSyncState => (void etag, state);
