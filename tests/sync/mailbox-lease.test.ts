/** The mailbox lease in the sync state, on every store: exclusive, expiring, renewable, and lost means no more writes. */
import { emptySyncState, type SyncStateRepository } from '../../server/store/sync-state';
import { StoreError } from '../../server/store/types';
import { InMemorySyncStateRepository } from '../../server/sync/in-memory-sync-state';
import { acquireLease, type LeasedSyncState } from '../../server/sync/mailbox-lease';
import { storeHarness, type StoreHarness } from '../support/stores';

const T = 'aaaaaaaa-0000-4000-8000-00000000000a';
const TTL = 30_000;
let clock = Date.parse('2026-03-02T08:00:00Z');
const now = () => new Date(clock);
const opts = (holder: string) => ({ holder, ttlMs: TTL, now });

async function take(repo: SyncStateRepository, mailbox: string, holder: string): Promise<LeasedSyncState> {
  const outcome = await acquireLease(repo, T, mailbox, opts(holder));
  if (!outcome.acquired) throw new Error(`${holder} did not get the lease`);
  return outcome.lease;
}

describe.each(['memory', 'sqlite', 'cosmos'] as const)('%s lease', (kind) => {
  let stores: StoreHarness | undefined;
  let repo: SyncStateRepository;
  beforeAll(async () => {
    if (kind !== 'memory') stores = await storeHarness(kind);
  });
  afterAll(async () => stores?.close());
  beforeEach(async () => {
    repo = stores ? (await stores.open()).syncState : new InMemorySyncStateRepository();
  });

  test('one holder at a time; the state the lease created reads as no state; a round write carries the lease', async () => {
    const a = await take(repo, 'ada@contoso.com', 'worker-a');
    expect(await acquireLease(repo, T, 'ada@contoso.com', opts('worker-b'))).toEqual({ acquired: false, heldUntil: new Date(clock + TTL) });
    expect(await a.get(T, 'ada@contoso.com')).toBeUndefined();
    await expect(a.put(emptySyncState(T, 'ada@contoso.com'), 'some-etag')).rejects.toMatchObject({ code: 'etag_mismatch' });
    const saved = await a.put({ ...emptySyncState(T, 'ada@contoso.com'), deltaLink: 'd1', updatedAt: now().toISOString() }, null);
    expect((await a.get(T, 'ada@contoso.com'))?.etag).toBe(saved.etag);
    expect((await repo.get(T, 'ada@contoso.com'))?.lease).toEqual({ holder: 'worker-a', expiresAt: new Date(clock + TTL).toISOString() });
  });

  test('two workers racing for a free mailbox: exactly one wins', async () => {
    const outcomes = await Promise.all(['w1', 'w2', 'w3'].map((h) => acquireLease(repo, T, 'bo@contoso.com', opts(h))));
    expect(outcomes.filter((o) => o.acquired)).toHaveLength(1);
  });

  test('renewal moves the stored etag, yet the round keeps writing with the etag it saw', async () => {
    const a = await take(repo, 'cy@contoso.com', 'worker-a');
    const first = await a.put({ ...emptySyncState(T, 'cy@contoso.com'), deltaLink: 'd1', updatedAt: now().toISOString() }, null);
    clock += 10_000;
    expect(await a.renew()).toBe(true);
    expect((await repo.get(T, 'cy@contoso.com'))?.etag).not.toBe(first.etag);
    const second = await a.put({ ...emptySyncState(T, 'cy@contoso.com'), deltaLink: 'd2', updatedAt: now().toISOString() }, first.etag);
    const stored = await repo.get(T, 'cy@contoso.com');
    expect(stored).toMatchObject({ deltaLink: 'd2', lease: { holder: 'worker-a', expiresAt: new Date(clock + TTL).toISOString() } });
    expect(stored?.etag).toBe(second.etag);
  });

  test('a lapsed lease goes to another worker; the first then cannot write state or renew', async () => {
    const a = await take(repo, 'dee@contoso.com', 'worker-a');
    const v1 = await a.put({ ...emptySyncState(T, 'dee@contoso.com'), deltaLink: 'by-a', updatedAt: now().toISOString() }, null);
    clock += TTL + 1;
    const b = await take(repo, 'dee@contoso.com', 'worker-b');
    const error = await a.put({ ...emptySyncState(T, 'dee@contoso.com'), deltaLink: 'late-a', updatedAt: now().toISOString() }, v1.etag).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreError);
    expect(a.lost).toBe(true);
    expect(await a.renew()).toBe(false);
    expect(await repo.get(T, 'dee@contoso.com')).toMatchObject({ deltaLink: 'by-a', lease: { holder: 'worker-b' } });
    expect((await b.get(T, 'dee@contoso.com'))?.deltaLink).toBe('by-a');
  });

  test('release frees the mailbox at once', async () => {
    const a = await take(repo, 'eve@contoso.com', 'worker-a');
    await a.release();
    expect((await repo.get(T, 'eve@contoso.com'))?.lease).toBeNull();
    await take(repo, 'eve@contoso.com', 'worker-b');
  });
});
