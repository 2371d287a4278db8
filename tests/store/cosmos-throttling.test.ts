/**
 * Cosmos limits as the API meets them, scripted per request by a proxy in front of the emulator (which itself never
 * throttles): the API's client retries a 429 at most 3 times before answering 503 with Retry-After (the SDK's
 * default is 9), a worker's client keeps the SDK's retries, a 413 becomes 413 item_too_large, and /readyz probes
 * with one point read of an item, not a database read. Inside a request's deadline (store/deadline.ts) the retries
 * stop where the deadline is: a 429 whose wait ends past it is not retried, and past it no try is sent.
 */
import request from 'supertest';
import { createApp } from '../../server/app';
import { createTokenVerifier } from '../../server/auth/verifier';
import { openCosmosStores, provisionCosmos } from '../../server/store/cosmos';
import { runWithDeadline } from '../../server/store/deadline';
import { StoreError, type Stores } from '../../server/store/types';
import { silentLogger } from '../support/app';
import { startCosmosEmulator, type TestCosmos } from '../support/cosmos';
import { startCosmosProxy, type CosmosProxy, type FaultScript } from '../support/cosmos-proxy';
import { personalDraft } from '../support/rules';
import { startTestIssuer, type TestIssuer } from '../support/token-issuer';
import { tokenFactory } from '../support/tokens';
import { seedCustomerTenants } from '../support/tenants';

/** Cosmos's throttle answer: 429 with how long to wait (https://learn.microsoft.com/rest/api/cosmos-db/http-status-codes-for-cosmosdb). */
const THROTTLED = { status: 429, headers: { 'x-ms-retry-after-ms': '1', 'x-ms-substatus': '3200' } };
const settingsReads =
  (database: string): FaultScript =>
  (r) =>
    r.method === 'GET' && r.path.startsWith(`/dbs/${database}/colls/settings/docs/`) ? THROTTLED : undefined;

let emulator: TestCosmos;
let proxy: CosmosProxy;
let issuer: TestIssuer;
const database = `throttling_${process.pid}`;
const opened: Stores[] = [];

async function open(retries?: 'api' | 'worker'): Promise<Stores> {
  const stores = await openCosmosStores({ endpoint: proxy.endpoint, key: emulator.key, database, agent: emulator.agent, retries });
  opened.push(stores);
  await seedCustomerTenants(stores);
  return stores;
}

beforeAll(async () => {
  emulator = await startCosmosEmulator();
  proxy = await startCosmosProxy(emulator);
  issuer = await startTestIssuer();
  await provisionCosmos({ endpoint: emulator.endpoint, key: emulator.key, database, agent: emulator.agent });
});

afterEach(() => {
  proxy.script(undefined);
  proxy.requests.length = 0;
});

afterAll(async () => {
  for (const s of opened) await s.close();
  await issuer.close();
  await proxy.close();
  await emulator.close();
});

test('the API client gives a throttled read 1 + 3 tries, then a StoreError throttled with Cosmos\u2019s wait', async () => {
  const stores = await open();
  proxy.script(settingsReads(database));
  const err: unknown = await stores.settings.get('tenant-a').catch((e: unknown) => e);
  expect(err).toBeInstanceOf(StoreError);
  expect(err).toMatchObject({ code: 'throttled', retryAfterMs: 1 });
  expect(proxy.requests.filter((r) => r.path.includes('/colls/settings/docs/'))).toHaveLength(4);
});

test('a worker\u2019s client keeps the SDK\u2019s 9 retries', async () => {
  const stores = await open('worker');
  proxy.script(settingsReads(database));
  await expect(stores.settings.get('tenant-a')).rejects.toMatchObject({ code: 'throttled' });
  expect(proxy.requests.filter((r) => r.path.includes('/colls/settings/docs/'))).toHaveLength(10);
});

/** Runs fn inside a deadline `ms` from now, as an API request's store calls run. */
function withinDeadline<T>(ms: number, fn: () => Promise<T>): Promise<T> {
  const controller = new AbortController();
  if (ms <= 0) controller.abort();
  return runWithDeadline({ at: Date.now() + ms, signal: controller.signal }, fn);
}

const settingsDocReads = () => proxy.requests.filter((r) => r.path.includes('/colls/settings/docs/'));

describe('throttling retries within the request deadline', () => {
  test('a 429 whose wait ends past the deadline is not retried: one try, throttled with Cosmos’s wait', async () => {
    const stores = await open();
    // Cosmos asks for 120 s; the SDK alone would sleep that long before its next try.
    proxy.script((r) =>
      r.method === 'GET' && r.path.startsWith(`/dbs/${database}/colls/settings/docs/`)
        ? { ...THROTTLED, headers: { ...THROTTLED.headers, 'x-ms-retry-after-ms': '120000' } }
        : undefined,
    );
    const err: unknown = await withinDeadline(60_000, () => stores.settings.get('tenant-a')).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StoreError);
    expect(err).toMatchObject({ code: 'throttled', retryAfterMs: 120_000 });
    expect(settingsDocReads()).toHaveLength(1);
  });

  test('a scripted 429, 429, then success within the deadline is retried to the answer (3 tries)', async () => {
    const stores = await open();
    let throttled = 0;
    proxy.script((r) => (r.method === 'GET' && r.path.startsWith(`/dbs/${database}/colls/settings/docs/`) && throttled++ < 2 ? THROTTLED : undefined));
    await expect(withinDeadline(60_000, () => stores.settings.get('tenant-a'))).resolves.toBeUndefined();
    expect(settingsDocReads()).toHaveLength(3);
  });

  test('past the deadline no try is sent: the call fails timed_out', async () => {
    const stores = await open();
    await expect(withinDeadline(0, () => stores.settings.get('tenant-a'))).rejects.toMatchObject({ code: 'timed_out' });
    expect(settingsDocReads()).toHaveLength(0);
  });
});

describe('through the API', () => {
  let app: ReturnType<typeof createApp>;
  let auth: string;
  beforeAll(async () => {
    const verifier = createTokenVerifier({ audience: issuer.audience, jwksUrl: issuer.jwksUrl, issuerTemplate: issuer.issuerTemplate });
    app = createApp({ stores: await open(), verifier, logger: silentLogger, effectiveCacheTtlMs: 0 });
    auth = `Bearer ${await tokenFactory(issuer).for('aliceA')}`;
  });

  test('a request throttled past its retries is 503 unavailable with Retry-After', async () => {
    proxy.script((r) => (r.path.includes('/docs') ? THROTTLED : undefined));
    const res = await request(app).get('/api/rules?scope=effective').set('Authorization', auth);
    expect(res.status).toBe(503);
    expect(res.body.code).toBe('unavailable');
    expect(res.headers['retry-after']).toBe('1');
  });

  test('a 429 asking for a wait past the request deadline is 503 with Cosmos’s wait as Retry-After, after one try', async () => {
    proxy.script((r) => (r.path.includes('/docs') ? { ...THROTTLED, headers: { ...THROTTLED.headers, 'x-ms-retry-after-ms': '30000' } } : undefined));
    const res = await request(app).get('/api/settings').set('Authorization', auth);
    expect(res.status).toBe(503);
    expect(res.body.code).toBe('unavailable');
    expect(res.headers['retry-after']).toBe('30');
    expect(proxy.requests.filter((r) => r.path.includes('/docs'))).toHaveLength(1);
  });

  test('a Cosmos 413 (item over 2 MB) is 413 item_too_large', async () => {
    // Item writes only: a query is a POST too, marked by its header.
    proxy.script((r) =>
      r.method === 'POST' && /\/colls\/rules\/docs\/?$/.test(r.path) && r.headers['x-ms-documentdb-isquery'] === undefined
        ? { status: 413, body: { code: 'RequestEntityTooLarge', message: 'Request size is too large' } }
        : undefined,
    );
    const res = await request(app).post('/api/rules').set('Authorization', auth).send(personalDraft());
    expect(res.status).toBe(413);
    expect(res.body.code).toBe('item_too_large');
  });

  test('/readyz is one point read of an item (a 404 is ready), no database read', async () => {
    const res = await request(app).get('/readyz');
    expect(res.status).toBe(200);
    expect(proxy.requests).toEqual([{ method: 'GET', path: `/dbs/${database}/colls/settings/docs/calsync-readiness-probe` }]);
  });

  test('/readyz is 503 when that read is throttled past its retries', async () => {
    proxy.script(settingsReads(database));
    expect((await request(app).get('/readyz')).status).toBe(503);
  });
});
