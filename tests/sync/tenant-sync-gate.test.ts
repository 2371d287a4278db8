/**
 * After the grace period the sync stops stamping a tenant (issue #15): the worker asks the tenant gate before each
 * round and drops the job of a tenant it refuses, without touching Graph or the sync state. The gate's verdicts
 * follow the term's day boundaries and the record's status; a renewal lets rounds run again.
 */
import { openSqliteStores } from '../../server/store/sqlite';
import type { Stores } from '../../server/store/types';
import { InProcessMailboxQueue } from '../../server/sync/in-process-queue';
import { MailboxWorker, type JobOutcome } from '../../server/sync/mailbox-worker';
import { MailboxGates } from '../../server/sync/mailbox-gate';
import { storeTenantSyncGate } from '../../server/sync/tenant-sync-gate';
import { customerRecord } from '../support/tenants';

const LAPSED = '11111111-0000-4000-8000-000000000001';
const ACTIVE = '22222222-0000-4000-8000-000000000002';
const NO_RECORD = '33333333-0000-4000-8000-000000000003';
const plan = { seats: 10, termStart: '2025-06-01', termEnd: '2026-06-01', graceDays: 14 };
let stores: Stores;
let clock: Date;

beforeEach(async () => {
  stores = openSqliteStores({ path: ':memory:' });
  clock = new Date('2026-06-15T00:00:00Z');
  await stores.tenants.create(customerRecord(LAPSED, { plan }));
  await stores.tenants.create(customerRecord(ACTIVE));
});
afterEach(() => stores.close());

test.each([
  ['2026-05-31T23:59:59Z', true],
  ['2026-06-01T00:00:00Z', true],
  ['2026-06-14T23:59:59Z', true],
  ['2026-06-15T00:00:00Z', false],
])('at %s the tenant is synced: %s', async (at, act) => {
  clock = new Date(at);
  const gate = storeTenantSyncGate(stores.tenants, { now: () => clock, ttlMs: 0 });
  expect(await gate.check(LAPSED)).toEqual(act ? { act: true } : { act: false, reason: 'term_lapsed' });
});

test('a suspended or revoked tenant is not synced; a tenant without a record is', async () => {
  const gate = storeTenantSyncGate(stores.tenants, { now: () => clock, ttlMs: 0 });
  const active = (await stores.tenants.get(ACTIVE))!;
  const { etag, ...record } = active;
  const suspended = await stores.tenants.replace({ ...record, status: 'suspended' }, etag);
  expect(await gate.check(ACTIVE)).toEqual({ act: false, reason: 'not_active' });
  await stores.tenants.replace({ ...record, status: 'consent_revoked' }, suspended.etag);
  expect(await gate.check(ACTIVE)).toEqual({ act: false, reason: 'not_active' });
  expect(await gate.check(NO_RECORD)).toEqual({ act: true });
});

test("with the deployment's configured tenants given, only those sync without a record: an offboarded tenant's late job is refused", async () => {
  const gate = storeTenantSyncGate(stores.tenants, { now: () => clock, ttlMs: 0, recordless: [NO_RECORD.toUpperCase()] });
  expect(await gate.check(NO_RECORD)).toEqual({ act: true });
  const GONE = '44444444-0000-4000-8000-000000000004';
  expect(await gate.check(GONE)).toEqual({ act: false, reason: 'not_customer' });
  // A configured tenant with a record follows its record.
  const active = (await stores.tenants.get(ACTIVE))!;
  const { etag, ...record } = active;
  await stores.tenants.replace({ ...record, status: 'suspended' }, etag);
  const configured = storeTenantSyncGate(stores.tenants, { now: () => clock, ttlMs: 0, recordless: [ACTIVE] });
  expect(await configured.check(ACTIVE)).toEqual({ act: false, reason: 'not_active' });
});

test('a cached verdict lasts one day at most, so a term lapses on time', async () => {
  clock = new Date('2026-06-14T23:59:00Z');
  const gate = storeTenantSyncGate(stores.tenants, { now: () => clock, ttlMs: 3_600_000 });
  expect((await gate.check(LAPSED)).act).toBe(true);
  clock = new Date('2026-06-15T00:01:00Z');
  expect((await gate.check(LAPSED)).act).toBe(false);
});

test("the worker drops a lapsed tenant's job without Graph or sync state, runs others, and runs it again after renewal", async () => {
  const queue = new InProcessMailboxQueue();
  const outcomes: JobOutcome[] = [];
  const clientsAskedFor: string[] = [];
  const worker = new MailboxWorker({
    queue,
    syncState: stores.syncState,
    // The gate is asked before the client: a job that reaches here would start a round (made to fail at once).
    clientFor: (tenantId) => {
      clientsAskedFor.push(tenantId);
      throw new Error('no Graph in this test');
    },
    tenantSyncGate: storeTenantSyncGate(stores.tenants, { now: () => clock, ttlMs: 0 }),
    round: {
      loadRules: async () => ({ rules: [], settings: { internalDomains: [], syncWindowDays: { past: 1, future: 1 } } }) as never,
      gates: new MailboxGates(),
    },
    concurrency: 4,
    now: () => clock,
    onJobDone: (o) => outcomes.push(o),
  });
  await queue.enqueue({ tenantId: LAPSED, mailboxId: 'ann@lapsed.example', reason: 'schedule' });
  await queue.enqueue({ tenantId: ACTIVE, mailboxId: 'bob@active.example', reason: 'schedule' });
  expect(await worker.runOnce()).toBe(2);
  expect(outcomes.map((o) => [o.kind, o.message.job.tenantId])).toEqual([
    ['skipped', LAPSED],
    ['failed', ACTIVE],
  ]);
  expect(clientsAskedFor).toEqual([ACTIVE]);
  // Dropped, not retried: the schedule queues it again on its next tick.
  expect(await stores.syncState.get(LAPSED, 'ann@lapsed.example')).toBeUndefined();

  // An operator renews: the next round for the tenant runs.
  const lapsed = (await stores.tenants.get(LAPSED))!;
  const { etag, ...record } = lapsed;
  await stores.tenants.replace({ ...record, plan: { ...plan, termEnd: '2027-06-01' } }, etag);
  await queue.enqueue({ tenantId: LAPSED, mailboxId: 'ann@lapsed.example', reason: 'schedule' });
  await worker.runOnce();
  expect(clientsAskedFor).toEqual([ACTIVE, LAPSED]);
});
