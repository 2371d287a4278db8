/**
 * The test emulator's transactional batch layer (tests/support/cosmos-batch.ts) behaves as Microsoft documents
 * Cosmos's: all or nothing, per-operation statuses (the failed one's own, 424 for the rest), one logical
 * partition, at most 100 operations and 2 MB.
 */
import https from 'node:https';
import { CosmosClient, type Container, type OperationInput } from '@azure/cosmos';
import { startCosmosEmulator, type TestCosmos } from '../support/cosmos';

let cosmos: TestCosmos;
let client: CosmosClient;
let container: Container;
let n = 0;

beforeAll(async () => {
  cosmos = await startCosmosEmulator();
  client = new CosmosClient({ endpoint: cosmos.endpoint, key: cosmos.key, agent: cosmos.agent });
  const { database } = await client.databases.createIfNotExists({ id: 'batch_layer' });
  ({ container } = await database.containers.createIfNotExists({ id: 'items', partitionKey: { paths: ['/tenantId'] } }));
});
afterAll(async () => {
  client.dispose();
  await cosmos.close();
});

/** A fresh tenant (partition) per test. */
const tenant = () => `t${++n}`;

async function snapshot(tenantId: string): Promise<Record<string, { v: unknown; etag: string }>> {
  const { resources } = await container.items
    .query<{ id: string; v: unknown; _etag: string }>({ query: 'SELECT * FROM c WHERE c.tenantId = @t', parameters: [{ name: '@t', value: tenantId }] })
    .fetchAll();
  return Object.fromEntries(resources.map((r) => [r.id, { v: r.v, etag: r._etag }]));
}

test('a batch that succeeds applies every operation and reports each status', async () => {
  const t = tenant();
  await container.items.create({ id: 'a', tenantId: t, v: 1 });
  await container.items.create({ id: 'b', tenantId: t, v: 1 });
  const ops: OperationInput[] = [
    { operationType: 'Create', resourceBody: { id: 'c', tenantId: t, v: 1 } },
    { operationType: 'Replace', id: 'a', resourceBody: { id: 'a', tenantId: t, v: 2 } },
    { operationType: 'Delete', id: 'b' },
  ];
  const response = await container.items.batch(ops, t);
  expect(response.code).toBe(200);
  expect(response.result?.map((r) => r.statusCode)).toEqual([201, 200, 204]);
  const after = await snapshot(t);
  expect(Object.keys(after).sort()).toEqual(['a', 'c']);
  expect(after.a!.v).toBe(2);
});

test('when one operation fails nothing is kept: the failed one carries its status, the others 424', async () => {
  const t = tenant();
  await container.items.create({ id: 'a', tenantId: t, v: 1 });
  await container.items.create({ id: 'b', tenantId: t, v: 1 });
  const before = await snapshot(t);
  const ops: OperationInput[] = [
    { operationType: 'Create', resourceBody: { id: 'new', tenantId: t, v: 1 } },
    { operationType: 'Replace', id: 'a', resourceBody: { id: 'a', tenantId: t, v: 2 }, ifMatch: before.a!.etag },
    // If-Match on a delete: the batch format takes it (the SDK's type omits it, see server/store/cosmos/rule-batch.ts).
    { operationType: 'Delete', id: 'b', ifMatch: 'stale-etag' } as OperationInput,
    { operationType: 'Upsert', resourceBody: { id: 'later', tenantId: t, v: 1 } },
  ];
  const response = await container.items.batch(ops, t);
  expect(response.code).toBe(207);
  expect(response.result?.map((r) => r.statusCode)).toEqual([424, 424, 412, 424]);
  // Contents and etags as before: the earlier writes were never visible.
  expect(await snapshot(t)).toEqual(before);
});

test('a create of an existing id fails the batch with 409 and keeps nothing', async () => {
  const t = tenant();
  await container.items.create({ id: 'a', tenantId: t, v: 1 });
  const before = await snapshot(t);
  const response = await container.items.batch(
    [
      { operationType: 'Create', resourceBody: { id: 'x', tenantId: t, v: 1 } },
      { operationType: 'Create', resourceBody: { id: 'a', tenantId: t, v: 9 } },
    ],
    t,
  );
  expect(response.result?.map((r) => r.statusCode)).toEqual([424, 409]);
  expect(await snapshot(t)).toEqual(before);
});

test('an operation outside the batch partition refuses the whole batch', async () => {
  const t = tenant();
  const other = tenant();
  await expect(
    container.items.batch(
      [
        { operationType: 'Create', resourceBody: { id: 'x', tenantId: t, v: 1 } },
        { operationType: 'Create', resourceBody: { id: 'y', tenantId: other, v: 1 } },
      ],
      t,
    ),
  ).rejects.toThrow(/400|partition/i);
  expect(await snapshot(t)).toEqual({});
  expect(await snapshot(other)).toEqual({});
});

/** A batch request sent as the SDK sends it, bypassing the SDK's own 100-operation check. */
function rawBatch(t: string, body: string): Promise<number> {
  const url = new URL('/dbs/batch_layer/colls/items/docs', cosmos.endpoint);
  return new Promise((resolve, reject) => {
    const req = https.request(
      url,
      {
        method: 'POST',
        agent: cosmos.agent,
        headers: {
          'content-type': 'application/json',
          'x-ms-cosmos-is-batch-request': 'true',
          'x-ms-cosmos-batch-atomic': 'true',
          'x-ms-documentdb-partitionkey': JSON.stringify([t]),
        },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

test('more than 100 operations are refused whole (400); exactly 100 run', async () => {
  const t = tenant();
  const creates = (count: number, prefix: string) =>
    JSON.stringify(Array.from({ length: count }, (_, i) => ({ operationType: 'Create', resourceBody: { id: `${prefix}${i}`, tenantId: t, v: 1 } })));
  expect(await rawBatch(t, creates(101, 'over'))).toBe(400);
  expect(await snapshot(t)).toEqual({});
  expect(await rawBatch(t, creates(100, 'ok'))).toBe(200);
  expect(Object.keys(await snapshot(t))).toHaveLength(100);
});

test('a batch over 2 MB is refused whole (413)', async () => {
  const t = tenant();
  const big = 'x'.repeat(700 * 1024);
  const body = JSON.stringify([0, 1, 2].map((i) => ({ operationType: 'Create', resourceBody: { id: `big${i}`, tenantId: t, v: big } })));
  expect(await rawBatch(t, body)).toBe(413);
  expect(await snapshot(t)).toEqual({});
});
