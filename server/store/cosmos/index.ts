/**
 * Cosmos DB store: one container per repository, partitioned by /tenantId (sync state by /tenantId then
 * /mailboxKey: containers.ts). Every query filters `c.tenantId` in its WHERE clause as well as passing the
 * partition key; reads by id are point reads in the tenant's partition whose result's tenantId is checked again
 * (util.readItem). The one exception is the
 * subscription renewal scan (subscriptions.ts, expiringBefore): cross-tenant bookkeeping by design.
 */
import type { Agent } from 'node:https';
import { CosmosClient, PartitionKeyKind, type Database } from '@azure/cosmos';
import { DefaultAzureCredential } from '@azure/identity';
import type { Stores } from '../types';
import { CosmosRuleRepository } from './rules';
import { CosmosSettingsRepository } from './settings';
import { CosmosAuditRepository } from './audit';
import { CosmosSyncStateRepository } from './sync-state';
import { CosmosSubscriptionStore } from './subscriptions';
import { CosmosNotificationInbox } from './notification-inbox';
import { CosmosRuleVersionRepository } from './rule-versions';
import { COSMOS_CONTAINER_DEFINITIONS } from './containers';

/** Container ids by repository (the definitions themselves are in containers.ts). */
export const COSMOS_CONTAINERS = Object.fromEntries(
  Object.entries(COSMOS_CONTAINER_DEFINITIONS).map(([name, definition]) => [name, definition.id]),
) as { [K in keyof typeof COSMOS_CONTAINER_DEFINITIONS]: string };

export interface CosmosStoreOptions {
  endpoint: string;
  /** Account key; absent → DefaultAzureCredential (managed identity, az login, …). */
  key?: string;
  database: string;
  /** A per-client agent (tests trust the emulator's certificate through it; never a global TLS switch). */
  agent?: Agent;
  /** Create the database and containers when missing (default true). */
  createIfMissing?: boolean;
}

export async function openCosmosStores(options: CosmosStoreOptions): Promise<Stores> {
  const client = new CosmosClient({
    endpoint: options.endpoint,
    ...(options.key ? { key: options.key } : { aadCredentials: new DefaultAzureCredential() }),
    ...(options.agent ? { agent: options.agent } : {}),
  });
  let database: Database;
  if (options.createIfMissing === false) {
    database = client.database(options.database);
  } else {
    database = (await client.databases.createIfNotExists({ id: options.database })).database;
    for (const definition of Object.values(COSMOS_CONTAINER_DEFINITIONS)) {
      await database.containers.createIfNotExists({
        id: definition.id,
        // More than one path is a hierarchical key: Cosmos needs kind MultiHash, version 2 to say so
        // (https://learn.microsoft.com/azure/cosmos-db/hierarchical-partition-keys).
        partitionKey: definition.partitionKeyPaths.length > 1 ? { paths: definition.partitionKeyPaths, kind: PartitionKeyKind.MultiHash, version: 2 } : { paths: definition.partitionKeyPaths },
        ...(definition.indexingPolicy ? { indexingPolicy: definition.indexingPolicy } : {}),
        ...(definition.defaultTtl !== undefined ? { defaultTtl: definition.defaultTtl } : {}),
      });
    }
  }
  return {
    kind: 'cosmos',
    rules: new CosmosRuleRepository(database.container(COSMOS_CONTAINERS.rules)),
    ruleVersions: new CosmosRuleVersionRepository(database.container(COSMOS_CONTAINERS.ruleVersions)),
    settings: new CosmosSettingsRepository(database.container(COSMOS_CONTAINERS.settings)),
    audit: new CosmosAuditRepository(database.container(COSMOS_CONTAINERS.audit)),
    syncState: new CosmosSyncStateRepository(database.container(COSMOS_CONTAINERS.syncState)),
    subscriptions: new CosmosSubscriptionStore(database.container(COSMOS_CONTAINERS.subscriptions)),
    notificationInbox: new CosmosNotificationInbox(database.container(COSMOS_CONTAINERS.notificationInbox)),
    async ping() {
      await database.read();
    },
    async close() {
      client.dispose();
    },
  };
}
