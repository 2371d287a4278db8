/**
 * What each Cosmos container must be: its id, partition key and policies. The one description the store opens,
 * the startup check compares against and the provisioning template (infra/) must match. One entry per container,
 * each on its own lines, so a change to one container's definition touches only its entry.
 */
import type { IndexingPolicy } from '@azure/cosmos';
import { SYNC_STATE_CONTAINER } from './sync-state';
import { SUBSCRIPTIONS_CONTAINER } from './subscriptions';
import { NOTIFICATION_INBOX_CONTAINER } from './notification-inbox';
import { RULE_VERSIONS_CONTAINER } from './rule-versions';
import { TENANTS_CONTAINER } from './tenants';

/**
 * An indexing policy that indexes only `paths` (each a scalar property, `/name/?`): Cosmos indexes every
 * property by default, and each indexed property costs request units on every write
 * (https://learn.microsoft.com/azure/cosmos-db/index-policy). The paths are the ones this store's queries filter
 * or order by (tests/store/cosmos-indexing.test.ts derives them from the queries); rule condition trees, audit
 * before/after, address lists and chunk data are never queried and stay out. Point reads need no index.
 */
function indexOnly(...paths: string[]): IndexingPolicy {
  return { indexingMode: 'consistent', automatic: true, includedPaths: paths.map((path) => ({ path })), excludedPaths: [{ path: '/*' }] };
}

export interface CosmosContainerDefinition {
  id: string;
  /** One path (hash) or up to three (hierarchical partition key, MultiHash). */
  partitionKeyPaths: string[];
  /** Absent: Cosmos's default (everything indexed). */
  indexingPolicy?: IndexingPolicy;
  /** Seconds; -1 turns TTL on with no default expiry (items carry their own `ttl`); absent: TTL off. */
  defaultTtl?: number;
}

export const RULES_CONTAINER_DEFINITION: CosmosContainerDefinition = {
  id: 'rules',
  partitionKeyPaths: ['/tenantId'],
  indexingPolicy: indexOnly('/tenantId/?', '/scope/?', '/ownerId/?', '/sortKey/?'),
};

export const SETTINGS_CONTAINER_DEFINITION: CosmosContainerDefinition = {
  id: 'settings',
  partitionKeyPaths: ['/tenantId'],
  // Point reads only (one item per tenant).
  indexingPolicy: indexOnly(),
};

export const AUDIT_CONTAINER_DEFINITION: CosmosContainerDefinition = {
  id: 'audit',
  partitionKeyPaths: ['/tenantId'],
  indexingPolicy: indexOnly('/tenantId/?', '/scope/?', '/ownerId/?', '/key/?'),
  // Entries carry their own ttl (CALSYNC_AUDIT_RETENTION_DAYS); -1 turns TTL on without a container default.
  defaultTtl: -1,
};

/**
 * Hierarchical key: each mailbox is its own logical partition, so one tenant's states can outgrow the 20 GB and
 * 10,000 RU/s of a logical partition (docs/COSMOS.md). Every read is a point read by id, so nothing is indexed
 * (writes cost less): excluding the root path with no included path is a valid policy, id and _ts stay indexed
 * (https://learn.microsoft.com/training/modules/define-indexes-azure-cosmos-db-sql-api/4-review-indexing-policy-strategies). TTL on with no default: heads, chunks and deltas carry their own `ttl` (sync-state-layout.ts).
 */
export const SYNC_STATE_CONTAINER_DEFINITION: CosmosContainerDefinition = {
  id: SYNC_STATE_CONTAINER,
  partitionKeyPaths: ['/tenantId', '/mailboxKey'],
  indexingPolicy: indexOnly(),
  defaultTtl: -1,
};

export const SUBSCRIPTIONS_CONTAINER_DEFINITION: CosmosContainerDefinition = {
  id: SUBSCRIPTIONS_CONTAINER,
  partitionKeyPaths: ['/tenantId'],
  indexingPolicy: indexOnly('/tenantId/?', '/id/?', '/subscriptionId/?', '/expiresAtMs/?'),
  // Items carry a ttl past their Graph expiry, so one nobody renews (an un-enrolled mailbox's) goes by itself.
  defaultTtl: -1,
};

export const NOTIFICATION_INBOX_CONTAINER_DEFINITION: CosmosContainerDefinition = {
  id: NOTIFICATION_INBOX_CONTAINER,
  partitionKeyPaths: ['/tenantId'],
  indexingPolicy: indexOnly('/parkedAtMs/?'),
};

export const RULE_VERSIONS_CONTAINER_DEFINITION: CosmosContainerDefinition = {
  id: RULE_VERSIONS_CONTAINER,
  partitionKeyPaths: ['/tenantId'],
  indexingPolicy: indexOnly('/tenantId/?', '/id/?', '/kind/?', '/setKey/?'),
};

export const TENANTS_CONTAINER_DEFINITION: CosmosContainerDefinition = {
  id: TENANTS_CONTAINER,
  partitionKeyPaths: ['/tenantId'],
  // Point reads, and one unfiltered listing for operators: nothing to index.
  indexingPolicy: indexOnly(),
};

/** Every container, keyed by the repository that uses it. */
export const COSMOS_CONTAINER_DEFINITIONS = {
  rules: RULES_CONTAINER_DEFINITION,
  settings: SETTINGS_CONTAINER_DEFINITION,
  audit: AUDIT_CONTAINER_DEFINITION,
  syncState: SYNC_STATE_CONTAINER_DEFINITION,
  subscriptions: SUBSCRIPTIONS_CONTAINER_DEFINITION,
  notificationInbox: NOTIFICATION_INBOX_CONTAINER_DEFINITION,
  ruleVersions: RULE_VERSIONS_CONTAINER_DEFINITION,
  tenants: TENANTS_CONTAINER_DEFINITION,
} as const satisfies Record<string, CosmosContainerDefinition>;
