/**
 * A tenant's items in every Cosmos container but `tenants` (see ../tenant-data.ts). Each container is partitioned
 * by the tenant first, so the queries stay in the tenant's partitions (a prefix of sync state's hierarchical key);
 * the WHERE clause names the tenant too, because the emulator ignores the partitionKey option. Containers that
 * index nothing (settings, sync state, the inbox's tenantId) are read by scan, which the SDK allows only when asked
 * (`enableScanInQuery`): offboarding is rare, and its cost is the tenant's items, once.
 */
import type { Container, Database, PartitionKey } from '@azure/cosmos';
import type { TenantDataCounts, TenantDataStore } from '../tenant-data';
import { COSMOS_CONTAINER_DEFINITIONS, type CosmosContainerDefinition } from './containers';
import { cosmosCall, mapCosmosError, statusOf } from './util';

/** Deletes in flight per container: a few, so one tenant's erase does not eat the account's request units. */
const DELETES_IN_FLIGHT = 4;

type Keys = Record<string, unknown> & { id: string };

export class CosmosTenantData implements TenantDataStore {
  private readonly containers: Array<{ definition: CosmosContainerDefinition; container: Container }>;

  constructor(database: Database) {
    this.containers = Object.values(COSMOS_CONTAINER_DEFINITIONS)
      .filter((definition) => definition !== COSMOS_CONTAINER_DEFINITIONS.tenants)
      .map((definition) => ({ definition, container: database.container(definition.id) }));
  }

  async count(tenantId: string): Promise<TenantDataCounts> {
    const counts: TenantDataCounts = {};
    for (const { definition, container } of this.containers) counts[definition.id] = (await this.keysOf(container, definition, tenantId)).length;
    return counts;
  }

  async erase(tenantId: string): Promise<TenantDataCounts> {
    const erased: TenantDataCounts = {};
    for (const { definition, container } of this.containers) {
      const keys = await this.keysOf(container, definition, tenantId);
      let next = 0;
      const worker = async (): Promise<void> => {
        for (let i = next++; i < keys.length; i = next++) await this.deleteItem(container, keys[i]!.id, partitionKeyOf(definition, keys[i]!));
      };
      await Promise.all(Array.from({ length: Math.min(DELETES_IN_FLIGHT, keys.length) }, worker));
      erased[definition.id] = keys.length;
    }
    return erased;
  }

  /** The id and partition-key values of each of the tenant's items in one container. */
  private async keysOf(container: Container, definition: CosmosContainerDefinition, tenantId: string): Promise<Keys[]> {
    const fields = ['c.id', ...definition.partitionKeyPaths.map((path) => `c${path.replace(/\//g, '.')}`)];
    const query = {
      query: `SELECT ${[...new Set(fields)].join(', ')} FROM c WHERE c.tenantId = @tenantId`,
      parameters: [{ name: '@tenantId', value: tenantId }],
    };
    const partitionKey: PartitionKey = definition.partitionKeyPaths.length === 1 ? tenantId : [tenantId];
    const { resources } = await cosmosCall('tenant data', () => container.items.query<Keys>(query, { partitionKey, enableScanInQuery: true }).fetchAll());
    return resources;
  }

  private async deleteItem(container: Container, id: string, partitionKey: PartitionKey): Promise<void> {
    try {
      await container.item(id, partitionKey).delete();
    } catch (err) {
      // Gone already (a TTL, or an earlier erase that stopped midway): that is the aim.
      if (statusOf(err) === 404) return;
      mapCosmosError(err, 'tenant data');
    }
  }
}

function partitionKeyOf(definition: CosmosContainerDefinition, item: Keys): PartitionKey {
  const values = definition.partitionKeyPaths.map((path) => item[path.slice(1)] as string);
  return values.length === 1 ? values[0]! : values;
}
