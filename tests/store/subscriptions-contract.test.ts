/**
 * The subscription store's contract, against SQLite and Cosmos (in-process emulator) and the in-memory one
 * the tests use: lookups by id and by mailbox, one subscription per mailbox, the renewal query.
 */
import type { MailboxSubscription, SubscriptionStore } from '../../server/store/subscriptions';
import { InMemorySubscriptionStore } from '../../server/sync/subscription-store';
import { STORE_KINDS, storeHarness, type StoreHarness } from '../support/stores';

const T1 = 'aaaaaaaa-0000-4000-8000-00000000000a';
const T2 = 'bbbbbbbb-0000-4000-8000-00000000000b';

const sub = (overrides: Partial<MailboxSubscription> & { subscriptionId: string }): MailboxSubscription => ({
  tenantId: T1,
  mailboxId: 'Ada@contoso.com',
  clientState: `state-${overrides.subscriptionId}`,
  expiresAt: '2026-12-01T00:00:00.000Z',
  ...overrides,
});

type Kind = (typeof STORE_KINDS)[number] | 'memory';

describe.each<Kind>([...STORE_KINDS, 'memory'])('%s subscription store', (kind) => {
  let harness: StoreHarness | undefined;
  let store: SubscriptionStore;

  beforeAll(async () => {
    if (kind !== 'memory') harness = await storeHarness(kind);
  });
  afterAll(() => harness?.close());
  beforeEach(async () => {
    store = harness ? (await harness.open()).subscriptions : new InMemorySubscriptionStore();
  });

  test('found by subscription id and by mailbox (any letter case); unknown ids are undefined', async () => {
    await store.put(sub({ subscriptionId: 's1' }));
    expect(await store.bySubscriptionId(T1, 's1')).toEqual(sub({ subscriptionId: 's1' }));
    expect(await store.forMailbox(T1, 'ada@CONTOSO.com')).toEqual(sub({ subscriptionId: 's1' }));
    expect(await store.bySubscriptionId(T1, 's2')).toBeUndefined();
    expect(await store.forMailbox(T2, 'ada@contoso.com')).toBeUndefined();
  });

  test('lookup and delete by subscription id stay inside the tenant named', async () => {
    await store.put(sub({ subscriptionId: 's1' }));
    expect(await store.bySubscriptionId(T2, 's1')).toBeUndefined();
    await store.delete(T2, 's1');
    expect(await store.bySubscriptionId(T1, 's1')).toEqual(sub({ subscriptionId: 's1' }));
  });

  test("a mailbox's new subscription replaces its old one; other mailboxes and tenants keep theirs", async () => {
    await store.put(sub({ subscriptionId: 'old' }));
    await store.put(sub({ subscriptionId: 'bo', mailboxId: 'bo@contoso.com' }));
    await store.put(sub({ subscriptionId: 't2', tenantId: T2 }));
    await store.put(sub({ subscriptionId: 'new', mailboxId: 'ADA@contoso.com' }));
    expect(await store.bySubscriptionId(T1, 'old')).toBeUndefined();
    expect((await store.forMailbox(T1, 'ada@contoso.com'))?.subscriptionId).toBe('new');
    expect((await store.forMailbox(T1, 'bo@contoso.com'))?.subscriptionId).toBe('bo');
    expect((await store.forMailbox(T2, 'ada@contoso.com'))?.subscriptionId).toBe('t2');
  });

  test('a renewal keeps the id and moves the expiry; the renewal query sees only what expires before the bound', async () => {
    await store.put(sub({ subscriptionId: 'soon', expiresAt: '2026-11-25T00:00:00.000Z' }));
    await store.put(sub({ subscriptionId: 'later', mailboxId: 'bo@contoso.com', expiresAt: '2026-11-28T00:00:00.000Z' }));
    await store.put(sub({ subscriptionId: 'other-tenant', tenantId: T2, expiresAt: '2026-11-24T12:00:00.000Z' }));
    const due = await store.expiringBefore(new Date('2026-11-26T00:00:00.000Z'));
    expect(due.map((s) => s.subscriptionId).sort()).toEqual(['other-tenant', 'soon']);
    await store.put(sub({ subscriptionId: 'soon', expiresAt: '2026-11-29T00:00:00.000Z' }));
    expect(await store.expiringBefore(new Date('2026-11-26T00:00:00.000Z'))).toEqual([
      sub({ subscriptionId: 'other-tenant', tenantId: T2, expiresAt: '2026-11-24T12:00:00.000Z' }),
    ]);
  });

  test('delete removes one subscription; deleting an unknown one is not an error', async () => {
    await store.put(sub({ subscriptionId: 'gone' }));
    await store.put(sub({ subscriptionId: 'kept', mailboxId: 'bo@contoso.com' }));
    await store.delete(T1, 'gone');
    await store.delete(T1, 'never-existed');
    expect(await store.bySubscriptionId(T1, 'gone')).toBeUndefined();
    expect(await store.forMailbox(T1, 'ada@contoso.com')).toBeUndefined();
    expect((await store.bySubscriptionId(T1, 'kept'))?.subscriptionId).toBe('kept');
  });
});
