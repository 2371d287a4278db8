/**
 * Cosmos DB store: one container per repository, partitioned as containers.ts says (tenant first; sync state by
 * /tenantId then /mailboxKey). Every query filters
 * `c.tenantId` in its WHERE clause as well as passing the partition key; reads by id are point reads in the
 * tenant's partition whose result's tenantId is checked again (util.readItem). The one exception is the
 * subscription renewal scan (subscriptions.ts, expiringBefore): cross-tenant bookkeeping by design.
 */
import type { Agent } from 'node:https';
import { CosmosClient, type CosmosClientOptions, type PluginConfig, type RetryOptions } from '@azure/cosmos';
import type { Logger } from 'pino';
import { DefaultAzureCredential, type TokenCredential } from '@azure/identity';
import type { Stores } from '../types';
import { CosmosRuleRepository } from './rules';
import { CosmosSettingsRepository } from './settings';
import { CosmosAuditRepository } from './audit';
import { CosmosSyncStateRepository } from './sync-state';
import { CosmosSubscriptionStore } from './subscriptions';
import { CosmosNotificationInbox } from './notification-inbox';
import { CosmosRuleVersionRepository } from './rule-versions';
import { CosmosChangeStamps } from './change-stamp';
import { CosmosTenantRepository } from './tenants';
import { CosmosSyncRounds } from './sync-rounds';
import { CosmosTenantData } from './tenant-data';
import { COSMOS_CONTAINER_DEFINITIONS } from './containers';
import { checkCosmosProvisioned } from './provision';
import { deadlinePlugin } from './deadline-plugin';
import { requestChargePlugin } from './request-charge-plugin';
import { cosmosCall } from './util';

export { provisionCosmos, CosmosNotProvisionedError, type CosmosProvisionOptions } from './provision';

/**
 * How long a throttled (429) call is retried inside the SDK before it fails. The API answers people: at most 3
 * retries and 5 s in all, then 503 with Retry-After (the SDK's default, 9 retries over up to 30 s, would hold the
 * request open that long), and within the request's deadline besides (deadline-plugin.ts). Workers run in the
 * background and keep the SDK's default.
 * https://learn.microsoft.com/azure/cosmos-db/nosql/troubleshoot-request-rate-too-large
 */
export const COSMOS_THROTTLE_RETRIES = {
  api: { maxRetryAttemptCount: 3, maxWaitTimeInSeconds: 5 },
  worker: { maxRetryAttemptCount: 9, maxWaitTimeInSeconds: 30 },
} as const satisfies Record<string, RetryOptions>;

export type CosmosRetryProfile = keyof typeof COSMOS_THROTTLE_RETRIES;

/** The item /readyz point-reads: it never exists, and a 404 from its partition proves the account answers. */
const READINESS_PROBE = { container: COSMOS_CONTAINER_DEFINITIONS.settings.id, id: 'calsync-readiness-probe' };
import { DEFAULT_AUDIT_RETENTION_DAYS } from '../../config/store';

/** Container ids by repository (the definitions themselves are in containers.ts). */
export const COSMOS_CONTAINERS = Object.fromEntries(Object.entries(COSMOS_CONTAINER_DEFINITIONS).map(([name, definition]) => [name, definition.id])) as {
  [K in keyof typeof COSMOS_CONTAINER_DEFINITIONS]: string;
};

export interface CosmosStoreOptions {
  endpoint: string;
  /** Account key; absent → DefaultAzureCredential (managed identity, az login, …). */
  key?: string;
  database: string;
  /** A per-client agent (tests trust the emulator's certificate through it; never a global TLS switch). */
  agent?: Agent;
  /** Without a key: the Entra credential (default DefaultAzureCredential: managed identity, az login, …). */
  credential?: TokenCredential;
  /** Throttling retries: 'api' (bounded, the default) or 'worker' (the SDK's default). */
  retries?: CosmosRetryProfile;
  /** Each Cosmos request's charge is logged here at debug level. */
  logger?: Logger;
  /** Audit entries expire by TTL after this many days (default DEFAULT_AUDIT_RETENTION_DAYS). */
  auditRetentionDays?: number;
}

/**
 * Opens the store over a provisioned database: it checks each container's partition key and creates nothing
 * (provisionCosmos or infra/cosmos.json does that), so an identity with data-plane roles only can open it.
 */
export async function openCosmosStores(options: CosmosStoreOptions): Promise<Stores> {
  // `plugins` is read by the SDK but left out of its published options type.
  const clientOptions: CosmosClientOptions & { plugins: PluginConfig[] } = {
    endpoint: options.endpoint,
    ...(options.key ? { key: options.key } : { aadCredentials: options.credential ?? new DefaultAzureCredential() }),
    ...(options.agent ? { agent: options.agent } : {}),
    connectionPolicy: { retryOptions: { ...COSMOS_THROTTLE_RETRIES[options.retries ?? 'api'] } },
    // The deadline first (outermost): a try it refuses is never sent, so it is never charged or counted.
    plugins: [deadlinePlugin(), requestChargePlugin(options.logger)],
  };
  const client = new CosmosClient(clientOptions);
  const database = client.database(options.database);
  try {
    await checkCosmosProvisioned(database);
  } catch (err) {
    client.dispose();
    throw err;
  }
  const rulesContainer = database.container(COSMOS_CONTAINERS.rules);
  const stamps = new CosmosChangeStamps(rulesContainer);
  return {
    kind: 'cosmos',
    rules: new CosmosRuleRepository(rulesContainer, stamps),
    ruleVersions: new CosmosRuleVersionRepository(database.container(COSMOS_CONTAINERS.ruleVersions)),
    settings: new CosmosSettingsRepository(database.container(COSMOS_CONTAINERS.settings), stamps),
    audit: new CosmosAuditRepository(database.container(COSMOS_CONTAINERS.audit), (options.auditRetentionDays ?? DEFAULT_AUDIT_RETENTION_DAYS) * 86_400),
    syncState: new CosmosSyncStateRepository(database.container(COSMOS_CONTAINERS.syncState)),
    syncRounds: new CosmosSyncRounds(database.container(COSMOS_CONTAINERS.syncState)),
    subscriptions: new CosmosSubscriptionStore(database.container(COSMOS_CONTAINERS.subscriptions)),
    notificationInbox: new CosmosNotificationInbox(database.container(COSMOS_CONTAINERS.notificationInbox)),
    tenants: new CosmosTenantRepository(database.container(COSMOS_CONTAINERS.tenants)),
    tenantData: new CosmosTenantData(database),
    async ping() {
      // A point read (1 RU), not database.read(): metadata reads have their own, much lower, limit.
      // https://learn.microsoft.com/azure/cosmos-db/concepts-limits (metadata request limits)
      const probe = database.container(READINESS_PROBE.container).item(READINESS_PROBE.id, READINESS_PROBE.id);
      await cosmosCall('readiness probe', () => probe.read());
    },
    async close() {
      client.dispose();
    },
  };
}
