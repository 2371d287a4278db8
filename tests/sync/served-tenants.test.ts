/** The sync serves its configured tenants and every active tenant record, re-read at most once per TTL. */
import { servedTenants } from '../../server/sync/served-tenants';
import { openSqliteStores } from '../../server/store/sqlite';
import type { Stores } from '../../server/store/types';
import type { TenantRepository } from '../../server/store/tenants';
import { customerRecord } from '../support/tenants';

const HOME = 'aaaaaaaa-0000-4000-8000-000000000001';
const ACTIVE = 'bbbbbbbb-0000-4000-8000-000000000002';
const SUSPENDED = 'cccccccc-0000-4000-8000-000000000003';
const INVITED = 'dddddddd-0000-4000-8000-000000000004';

let stores: Stores;
beforeEach(async () => {
  stores = openSqliteStores({ path: ':memory:' });
  await stores.tenants.create(customerRecord(ACTIVE));
  await stores.tenants.create(customerRecord(SUSPENDED, { status: 'suspended' }));
  await stores.tenants.create(customerRecord(INVITED, { status: 'invited' }));
});
afterEach(() => stores.close());

test('configured tenants and active records; a tenant activated later is served once the TTL has passed', async () => {
  let clock = 0;
  let lists = 0;
  const counting: TenantRepository = {
    ...stores.tenants,
    get: (id) => stores.tenants.get(id),
    listAll: () => (lists++, stores.tenants.listAll()),
  } as TenantRepository;
  const served = servedTenants([HOME.toUpperCase()], counting, { ttlMs: 30_000, now: () => clock });
  expect(await served()).toEqual([HOME, ACTIVE]);

  const invited = (await stores.tenants.get(INVITED))!;
  const { etag, ...record } = invited;
  await stores.tenants.replace({ ...record, status: 'active' }, etag);
  clock = 29_999;
  expect(await served()).toEqual([HOME, ACTIVE]);
  clock = 30_000;
  expect(await served()).toEqual([HOME, ACTIVE, INVITED]);
  expect(lists).toBe(2);
});

test('calls at once share one listing, and a store outage keeps the tenants known before', async () => {
  let fail = false;
  let lists = 0;
  const flaky = { listAll: () => (lists++, fail ? Promise.reject(new Error('store down')) : stores.tenants.listAll()) } as unknown as TenantRepository;
  let clock = 0;
  const served = servedTenants([HOME], flaky, { ttlMs: 1_000, now: () => clock });
  const [a, b] = await Promise.all([served(), served()]);
  expect(a).toEqual([HOME, ACTIVE]);
  expect(b).toEqual(a);
  expect(lists).toBe(1);
  fail = true;
  clock = 5_000;
  expect(await served()).toEqual([HOME, ACTIVE]);
  expect(lists).toBe(2);
});
