/**
 * What expires by Cosmos TTL (containers with defaultTtl -1; each item carries its own `ttl`): audit entries after
 * the configured retention, and subscription items a day after their Graph subscription lapses unless renewed.
 * The emulator keeps items forever, so these tests check the fields Cosmos acts on.
 */
import { CosmosClient, type Database } from '@azure/cosmos';
import { DEFAULT_AUDIT_RETENTION_DAYS, loadStoreConfig } from '../../server/config/store';
import { openCosmosStores, provisionCosmos } from '../../server/store/cosmos';
import { CosmosSubscriptionStore, SUBSCRIPTION_TTL_GRACE_SECONDS } from '../../server/store/cosmos/subscriptions';
import type { AuditEntry, Stores } from '../../server/store/types';
import { startCosmosEmulator, type TestCosmos } from '../support/cosmos';

const T1 = 'aaaaaaaa-0000-4000-8000-00000000000a';
let cosmos: TestCosmos;
let client: CosmosClient;
const opened: Stores[] = [];
let n = 0;

beforeAll(async () => {
  cosmos = await startCosmosEmulator();
  client = new CosmosClient({ endpoint: cosmos.endpoint, key: cosmos.key, agent: cosmos.agent });
});
afterAll(async () => {
  for (const s of opened) await s.close();
  client.dispose();
  await cosmos.close();
});

async function open(auditRetentionDays?: number): Promise<{ stores: Stores; database: Database }> {
  const name = `ttl_${process.pid}_${++n}`;
  await provisionCosmos({ endpoint: cosmos.endpoint, key: cosmos.key, agent: cosmos.agent, database: name });
  const stores = await openCosmosStores({
    endpoint: cosmos.endpoint,
    key: cosmos.key,
    agent: cosmos.agent,
    database: name,
    ...(auditRetentionDays ? { auditRetentionDays } : {}),
  });
  opened.push(stores);
  return { stores, database: client.database(name) };
}

const entry = (key: string): AuditEntry => ({
  tenantId: T1,
  key,
  at: '2026-01-01T00:00:00.000Z',
  actorId: 'u',
  action: 'create',
  scope: 'org',
  ownerId: null,
  ruleId: 'r_1',
  before: null,
  after: { name: 'x' },
});

test('audit entries carry the configured retention as ttl, and read back without it', async () => {
  const { stores, database } = await open(30);
  await stores.audit.append(entry('k1'));
  const { resource } = await database.container('audit').item('k1', T1).read<{ ttl: number }>();
  expect(resource?.ttl).toBe(30 * 86_400);
  expect((await stores.audit.list({ tenantId: T1, scopes: ['org'] })).items).toEqual([entry('k1')]);
});

test('without a setting, audit entries are kept for the documented default', async () => {
  const { stores, database } = await open();
  await stores.audit.append(entry('k2'));
  const { resource } = await database.container('audit').item('k2', T1).read<{ ttl: number }>();
  expect(resource?.ttl).toBe(DEFAULT_AUDIT_RETENTION_DAYS * 86_400);
});

test('CALSYNC_AUDIT_RETENTION_DAYS reaches the Cosmos store config; nonsense is refused', () => {
  const env = { CALSYNC_STORE: 'cosmos', COSMOS_ENDPOINT: 'https://account.documents.azure.com' };
  expect(loadStoreConfig({ ...env, CALSYNC_AUDIT_RETENTION_DAYS: '90' })).toMatchObject({ kind: 'cosmos', auditRetentionDays: 90 });
  expect(loadStoreConfig(env)).toMatchObject({ auditRetentionDays: DEFAULT_AUDIT_RETENTION_DAYS });
  expect(() => loadStoreConfig({ ...env, CALSYNC_AUDIT_RETENTION_DAYS: '0' })).toThrow(/CALSYNC_AUDIT_RETENTION_DAYS/);
});

test('a subscription item lives until a day past its Graph expiry, and each renewal restarts that', async () => {
  const { database } = await open();
  let now = Date.parse('2026-03-01T00:00:00.000Z');
  const store = new CosmosSubscriptionStore(database.container('subscriptions'), () => now);
  const sub = { subscriptionId: 's1', tenantId: T1, mailboxId: 'ada@contoso.com', clientState: 'x', expiresAt: '2026-03-04T00:00:00.000Z' };
  const ttlOf = async () => {
    const { resources } = await database.container('subscriptions').items.query<{ ttl: number }>('SELECT * FROM c').fetchAll();
    return resources.map((r) => r.ttl);
  };
  await store.put(sub);
  expect(await ttlOf()).toEqual([3 * 86_400 + SUBSCRIPTION_TTL_GRACE_SECONDS]);
  // Renewed two days later for another three days: the item's clock starts again from this write.
  now = Date.parse('2026-03-03T00:00:00.000Z');
  await store.put({ ...sub, expiresAt: '2026-03-06T00:00:00.000Z' });
  expect(await ttlOf()).toEqual([3 * 86_400 + SUBSCRIPTION_TTL_GRACE_SECONDS]);
  expect(await store.forMailbox(T1, 'ada@contoso.com')).toEqual({ ...sub, expiresAt: '2026-03-06T00:00:00.000Z' });
});
