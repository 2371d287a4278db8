/**
 * Opening the Cosmos store creates nothing: it reads each container, and fails naming every container that is
 * missing or keyed differently from containers.ts, with the template command that creates it. Production (an
 * Entra identity, no key) sends no create; only provisionCosmos (key-based) does.
 */
import { CosmosClient } from '@azure/cosmos';
import type { TokenCredential } from '@azure/identity';
import { CosmosNotProvisionedError, openCosmosStores, provisionCosmos } from '../../server/store/cosmos';
import { COSMOS_CONTAINER_DEFINITIONS } from '../../server/store/cosmos/containers';
import { startCosmosEmulator, type TestCosmos } from '../support/cosmos';
import { startCosmosProxy, type CosmosProxy } from '../support/cosmos-proxy';

/** Every container the store needs (8 with the tenants container of issue #15). */
const CONTAINER_COUNT = Object.keys(COSMOS_CONTAINER_DEFINITIONS).length;

/** What a managed identity would give the SDK; the emulator does not check the token. */
const identity: TokenCredential = { getToken: async () => ({ token: 'managed-identity-token', expiresOnTimestamp: Date.now() + 3_600_000 }) };

let emulator: TestCosmos;
let proxy: CosmosProxy;
let admin: CosmosClient;
let dbCounter = 0;
const freshName = () => `startup_${process.pid}_${++dbCounter}`;

beforeAll(async () => {
  emulator = await startCosmosEmulator();
  proxy = await startCosmosProxy(emulator);
  admin = new CosmosClient({ endpoint: emulator.endpoint, key: emulator.key, agent: emulator.agent });
});

afterAll(async () => {
  admin.dispose();
  await proxy.close();
  await emulator.close();
});

async function openFailure(database: string, credentials: { key: string } | { credential: TokenCredential }): Promise<CosmosNotProvisionedError> {
  const err: unknown = await openCosmosStores({ endpoint: proxy.endpoint, database, agent: emulator.agent, ...credentials }).then(
    async (stores) => {
      await stores.close();
      return undefined;
    },
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(CosmosNotProvisionedError);
  return err as CosmosNotProvisionedError;
}

const creates = () => proxy.requests.filter((r) => r.method === 'POST' && /^\/dbs(\/[^/]+\/colls)?\/?$/.test(r.path));

test('a missing container and a container with another partition key are both named, with the template command', async () => {
  const database = freshName();
  await provisionCosmos({ endpoint: emulator.endpoint, key: emulator.key, database, agent: emulator.agent });
  const db = admin.database(database);
  await db.container('audit').delete();
  await db.container('rules').delete();
  await db.containers.create({ id: 'rules', partitionKey: { paths: ['/id'] } });

  const err = await openFailure(database, { key: emulator.key });
  expect(err.problems).toEqual([
    { container: 'rules', problem: 'partition key is Hash [/id], expected Hash [/tenantId]' },
    { container: 'audit', problem: 'missing' },
  ]);
  expect(err.message).toContain(`Cosmos DB database ${database} is not provisioned`);
  expect(err.message).toContain('rules: partition key is Hash [/id], expected Hash [/tenantId]');
  expect(err.message).toContain('audit: missing');
  expect(err.message).toContain(`az deployment group create --resource-group <group> --template-file infra/cosmos.json`);
  expect(err.message).toContain(`databaseName=${database}`);
  // Opening did not repair anything behind the message.
  await expect(db.container('audit').read()).rejects.toMatchObject({ code: 404 });
});

test('a production open (identity, no key) of a missing database names every container and sends no create', async () => {
  proxy.requests.length = 0;
  const err = await openFailure(freshName(), { credential: identity });
  expect(err.problems.map((p) => p.problem)).toEqual(Array(CONTAINER_COUNT).fill('missing'));
  expect(proxy.requests.length).toBeGreaterThan(0);
  expect(creates()).toEqual([]);
});

test('a production open of a provisioned database reads and never creates, and the stores work', async () => {
  const database = freshName();
  await provisionCosmos({ endpoint: emulator.endpoint, key: emulator.key, database, agent: emulator.agent });
  proxy.requests.length = 0;
  const stores = await openCosmosStores({ endpoint: proxy.endpoint, database, agent: emulator.agent, credential: identity });
  try {
    await stores.ping();
    expect(await stores.settings.get('tenant-a')).toBeUndefined();
    expect(proxy.requests.filter((r) => r.method !== 'GET' && r.method !== 'POST')).toEqual([]);
    expect(creates()).toEqual([]);
    // Every container was read once by the check.
    expect(proxy.requests.filter((r) => r.method === 'GET' && /^\/dbs\/[^/]+\/colls\/[^/]+\/?$/.test(r.path))).toHaveLength(CONTAINER_COUNT);
  } finally {
    await stores.close();
  }
});

test('the key-based infrastructure step creates what is missing and is idempotent', async () => {
  const database = freshName();
  await provisionCosmos({ endpoint: emulator.endpoint, key: emulator.key, database, agent: emulator.agent });
  await admin.database(database).container('subscriptions').delete();
  await provisionCosmos({ endpoint: emulator.endpoint, key: emulator.key, database, agent: emulator.agent });
  const stores = await openCosmosStores({ endpoint: emulator.endpoint, key: emulator.key, database, agent: emulator.agent });
  await stores.close();
});
