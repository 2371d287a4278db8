/**
 * TenantService on the SQLite store (the repository contract covers both stores): status transitions, plan
 * validation and defaults, seats, etag-guarded writes and the audit entry each write leaves.
 */
import { DomainError } from '../../../server/domain/errors';
import { openSqliteStores } from '../../../server/store/sqlite';
import type { Stores } from '../../../server/store/types';
import { TenantService } from '../../../server/services/tenants';

const T = 'aaaaaaaa-0000-4000-8000-00000000000a';
const OP = { userId: 'operator:jo', displayName: 'Jo Operator' };
let stores: Stores;
let service: TenantService;
const now = new Date('2026-05-17T10:00:00Z');

beforeEach(() => {
  stores = openSqliteStores({ path: ':memory:' });
  service = new TenantService(stores, { now: () => now });
});
afterEach(() => stores.close());

async function refusal(p: Promise<unknown>): Promise<{ code: string; paths: string[] }> {
  try {
    await p;
  } catch (err) {
    if (err instanceof DomainError) return { code: err.code, paths: err.details.map((d) => d.path) };
    throw err;
  }
  throw new Error('expected a refusal');
}

test('consent without a prepared plan activates the tenant on the 30-day, 10-seat trial', async () => {
  const t = await service.activate({ userId: 'admin-oid' }, T.toUpperCase(), { displayName: 'Contoso', consentedBy: 'admin@contoso.com' });
  expect(t).toMatchObject({ tenantId: T, status: 'active', displayName: 'Contoso', consentedBy: 'admin@contoso.com', consentedAt: now.toISOString() });
  expect(t.plan).toEqual({ seats: 10, termStart: '2026-05-17', termEnd: '2026-06-16', graceDays: 14 });
});

test('a plan set before consent makes an invited record; consent keeps that plan', async () => {
  const invited = await service.setPlan(OP, T, { seats: 50 }, 'Fabrikam');
  expect(invited).toMatchObject({ status: 'invited', displayName: 'Fabrikam', consentedBy: null });
  expect(invited.plan).toEqual({ seats: 50, termStart: '2026-05-17', termEnd: '2027-05-17', graceDays: 14 });
  const active = await service.activate({ userId: 'admin-oid' }, T, { displayName: 'Fabrikam Ltd', consentedBy: 'admin@fabrikam.com' });
  expect(active.status).toBe('active');
  expect(active.plan).toEqual(invited.plan);
});

test('a new termStart alone moves termEnd to twelve months after it; an explicit termEnd wins', async () => {
  await service.setPlan(OP, T, { seats: 20 });
  expect((await service.setPlan(OP, T, { termStart: '2026-09-01' })).plan).toMatchObject({ seats: 20, termStart: '2026-09-01', termEnd: '2027-09-01' });
  expect((await service.setPlan(OP, T, { termEnd: '2028-01-01' })).plan).toMatchObject({ termStart: '2026-09-01', termEnd: '2028-01-01' });
});

test('invalid plans are refused naming each field, and nothing is stored', async () => {
  expect(await refusal(service.setPlan(OP, T, { seats: 9 }))).toEqual({ code: 'validation_failed', paths: ['seats'] });
  expect(await refusal(service.setPlan(OP, T, { seats: 10.5, termStart: '2026-02-30', graceDays: -1 }))).toEqual({
    code: 'validation_failed',
    paths: ['seats', 'termStart', 'graceDays'],
  });
  expect(await refusal(service.setPlan(OP, T, { termStart: '2026-06-01', termEnd: '2026-06-01' }))).toEqual({ code: 'validation_failed', paths: ['termEnd'] });
  expect(await stores.tenants.get(T)).toBeUndefined();
  expect(await refusal(service.setPlan(OP, 'not-a-guid', { seats: 10 }))).toEqual({ code: 'validation_failed', paths: ['tenantId'] });
});

test('exactly the seats is allowed; one over is seats_exceeded with both numbers', async () => {
  await service.setPlan(OP, T, { seats: 12 });
  await expect(service.checkSeats(T, 12)).resolves.toBeUndefined();
  const err = await service.checkSeats(T, 13).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(DomainError);
  expect((err as DomainError).code).toBe('seats_exceeded');
  expect((err as DomainError).details).toEqual([
    { path: 'enrolledMailboxes', message: '13 mailboxes', code: 'would_enrol' },
    { path: 'seats', message: '12 seats', code: 'seats' },
  ]);
});

test('suspend and resume; transitions the table does not allow are conflicts', async () => {
  await service.activate(OP, T, { displayName: 'Contoso', consentedBy: 'a' });
  expect((await service.suspend(OP, T)).status).toBe('suspended');
  // Consent does not lift an operator's suspension.
  expect(await refusal(service.activate(OP, T, { displayName: 'Contoso', consentedBy: 'a' }))).toEqual({ code: 'conflict', paths: [] });
  expect((await service.resume(OP, T)).status).toBe('active');
  expect(await refusal(service.resume(OP, T))).toEqual({ code: 'conflict', paths: [] });
  expect((await service.markConsentRevoked(OP, T)).status).toBe('consent_revoked');
  expect((await service.activate(OP, T, { displayName: 'Contoso', consentedBy: 'b' })).status).toBe('active');
  expect(await refusal(service.suspend(OP, 'bbbbbbbb-0000-4000-8000-00000000000b'))).toEqual({ code: 'not_found', paths: [] });
});

test('a write against a record changed since it was read is refused, not lost', async () => {
  await service.setPlan(OP, T, { seats: 10 });
  const realGet = stores.tenants.get.bind(stores.tenants);
  // Another operator's change lands between this write's read and its replace.
  stores.tenants.get = async (id) => {
    const read = await realGet(id);
    stores.tenants.get = realGet;
    await new TenantService(stores).setPlan(OP, T, { seats: 99 });
    return read;
  };
  await expect(service.setPlan(OP, T, { seats: 11 })).rejects.toMatchObject({ code: 'etag_mismatch' });
  expect((await stores.tenants.get(T))?.plan.seats).toBe(99);
});

test('every write is audited in the tenant with who, before and after', async () => {
  let clock = now.getTime();
  // One ms apart, so the entries' keys order as the writes did.
  service = new TenantService(stores, { now: () => new Date(clock++) });
  await service.setPlan(OP, T, { seats: 10 });
  await service.setPlan(OP, T, { seats: 25 });
  const { items } = await stores.audit.list({ tenantId: T, scopes: ['tenant'] });
  expect(items).toHaveLength(2);
  expect(items[0]).toMatchObject({ action: 'tenant', scope: 'tenant', actorId: 'operator:jo', actorName: 'Jo Operator' });
  expect((items[0]!.before as { plan: { seats: number } }).plan.seats).toBe(10);
  expect((items[0]!.after as { plan: { seats: number } }).plan.seats).toBe(25);
  expect(items[1]!.before).toBeNull();
});

test("access is cached, and this instance's own writes show at once", async () => {
  await service.activate(OP, T, { displayName: 'Contoso', consentedBy: 'a' });
  expect((await service.access(T))?.status).toBe('active');
  await service.suspend(OP, T);
  expect((await service.access(T))?.status).toBe('suspended');
  // A change through another instance is not seen until the entry expires.
  await new TenantService(stores).resume(OP, T);
  expect((await service.access(T))?.status).toBe('suspended');
  expect((await new TenantService(stores, { accessCacheTtlMs: 0 }).access(T))?.status).toBe('active');
});
