/**
 * The tenant repository contract on both stores: create / get / replace / delete, each write guarded by the
 * record's etag, ids kept apart, and the operator listing of every tenant in tenant-id order.
 */
import { StoreError, type Stores } from '../../server/store/types';
import type { TenantRecord } from '../../server/store/tenants';
import { STORE_KINDS, storeHarness, type StoreHarness } from '../support/stores';

const T1 = 'aaaaaaaa-0000-4000-8000-00000000000a';
const T2 = 'bbbbbbbb-0000-4000-8000-00000000000b';
const T3 = '33333333-0000-4000-8000-000000000003';

function record(tenantId: string, overrides: Partial<TenantRecord> = {}): TenantRecord {
  return {
    tenantId,
    displayName: `Org ${tenantId.slice(0, 4)} – Ünïcode 日本`,
    status: 'active',
    plan: { seats: 10, termStart: '2026-01-01', termEnd: '2027-01-01', graceDays: 14 },
    consentedBy: 'admin@example.com',
    consentedAt: '2026-01-01T09:00:00.000Z',
    contact: 'it@example.com',
    createdAt: '2026-01-01T09:00:00.000Z',
    updatedAt: '2026-01-01T09:00:00.000Z',
    updatedBy: 'operator',
    ...overrides,
  };
}

async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return 'resolved';
  } catch (err) {
    if (err instanceof StoreError) return err.code;
    throw err;
  }
}

describe.each(STORE_KINDS)('%s store: tenants', (kind) => {
  let harness: StoreHarness;
  let s: Stores;
  beforeAll(async () => {
    harness = await storeHarness(kind);
  });
  afterAll(() => harness.close());
  beforeEach(async () => {
    s = await harness.open();
  });

  test('create then get returns the record with an etag; a missing tenant reads as undefined', async () => {
    const created = await s.tenants.create(record(T1));
    expect(created.etag).toEqual(expect.any(String));
    expect(created.etag).not.toBe('');
    expect(await s.tenants.get(T1)).toEqual(created);
    expect(await s.tenants.get(T2)).toBeUndefined();
  });

  test('a second create of the same tenant is a conflict and changes nothing', async () => {
    const created = await s.tenants.create(record(T1));
    expect(await codeOf(s.tenants.create(record(T1, { displayName: 'someone else' })))).toBe('conflict');
    expect(await s.tenants.get(T1)).toEqual(created);
  });

  test('replace needs the current etag; a stale one is refused and the record stays', async () => {
    const created = await s.tenants.create(record(T1));
    const suspended = await s.tenants.replace(record(T1, { status: 'suspended' }), created.etag);
    expect(suspended.etag).not.toBe(created.etag);
    expect(await s.tenants.get(T1)).toEqual(suspended);
    expect(await codeOf(s.tenants.replace(record(T1, { status: 'active' }), created.etag))).toBe('etag_mismatch');
    expect((await s.tenants.get(T1))?.status).toBe('suspended');
    expect(await codeOf(s.tenants.replace(record(T2), created.etag))).toBe('not_found');
    expect(await s.tenants.get(T2)).toBeUndefined();
  });

  test('delete needs the current etag and removes only that tenant', async () => {
    const one = await s.tenants.create(record(T1));
    const two = await s.tenants.create(record(T2));
    expect(await codeOf(s.tenants.delete(T1, two.etag))).toBe('etag_mismatch');
    await s.tenants.delete(T1, one.etag);
    expect(await s.tenants.get(T1)).toBeUndefined();
    expect(await s.tenants.get(T2)).toEqual(two);
    expect(await codeOf(s.tenants.delete(T1, one.etag))).toBe('not_found');
  });

  test('listAll gives every tenant in tenant-id order', async () => {
    expect(await s.tenants.listAll()).toEqual([]);
    const b = await s.tenants.create(record(T2, { status: 'invited', consentedBy: null, consentedAt: null, contact: null }));
    const a = await s.tenants.create(record(T1));
    const c = await s.tenants.create(record(T3, { status: 'offboarded' }));
    expect(await s.tenants.listAll()).toEqual([c, a, b]);
  });
});
