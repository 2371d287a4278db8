/**
 * The mailbox lease in the sync state, on every store: exclusive, expiring, renewable, and lost means no more writes.
 * `openLease` (the worker's) writes nothing until the round's first durable put (pending ids, before PATCHes), and
 * the round's final state goes with the release in one put.
 */
import { emptySyncState, type SyncStateRepository } from '../../server/store/sync-state';
import { StoreError } from '../../server/store/types';
import { InMemorySyncStateRepository } from '../../server/sync/in-memory-sync-state';
import { acquireLease, isLeaseLost, openLease, type LeasedSyncState } from '../../server/sync/mailbox-lease';
import { recordDue } from '../../server/sync/round-status';
import { storeHarness, type StoreHarness } from '../support/stores';

const T = 'aaaaaaaa-0000-4000-8000-00000000000a';
const TTL = 30_000;
let clock = Date.parse('2026-03-02T08:00:00Z');
const now = () => new Date(clock);
const opts = (holder: string) => ({ holder, ttlMs: TTL, now });
/** A state as a round stores it before its PATCHes: durable at once. */
const pendingState = (mailbox: string, deltaLink: string) => ({
  ...emptySyncState(T, mailbox),
  deltaLink,
  pending: ['event-1'],
  updatedAt: now().toISOString(),
});
const record = (endedAt: string, eventsColoured = 3) => ({
  startedAt: endedAt,
  endedAt,
  outcome: 'done' as const,
  eventsColoured,
  failedEvents: 0,
  error: null,
  lastSuccess: null,
});

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
    const first = await a.put(pendingState('cy@contoso.com', 'd1'), null);
    clock += 10_000;
    expect(await a.renew()).toBe(true);
    expect((await repo.get(T, 'cy@contoso.com'))?.etag).not.toBe(first.etag);
    const second = await a.put(pendingState('cy@contoso.com', 'd2'), first.etag);
    const stored = await repo.get(T, 'cy@contoso.com');
    expect(stored).toMatchObject({ deltaLink: 'd2', lease: { holder: 'worker-a', expiresAt: new Date(clock + TTL).toISOString() } });
    expect(stored?.etag).toBe(second.etag);
  });

  test('a lapsed lease goes to another worker; the first then cannot write state or renew', async () => {
    const a = await take(repo, 'dee@contoso.com', 'worker-a');
    const v1 = await a.put(pendingState('dee@contoso.com', 'by-a'), null);
    clock += TTL + 1;
    const b = await take(repo, 'dee@contoso.com', 'worker-b');
    const error = await a.put(pendingState('dee@contoso.com', 'late-a'), v1.etag).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreError);
    expect(a.lost).toBe(true);
    expect(await a.renew()).toBe(false);
    expect(await repo.get(T, 'dee@contoso.com')).toMatchObject({ deltaLink: 'by-a', lease: { holder: 'worker-b' } });
    expect((await b.get(T, 'dee@contoso.com'))?.deltaLink).toBe('by-a');
  });

  test("a round's final state waits for the release: one put carries it and gives the lease up", async () => {
    const a = await take(repo, 'fay@contoso.com', 'worker-a');
    const claimed = (await repo.get(T, 'fay@contoso.com'))!.etag;
    const final = await a.put({ ...emptySyncState(T, 'fay@contoso.com'), deltaLink: 'final', updatedAt: now().toISOString() }, null);
    expect((await repo.get(T, 'fay@contoso.com'))?.etag).toBe(claimed);
    expect(await a.get(T, 'fay@contoso.com')).toMatchObject({ deltaLink: 'final', etag: final.etag });
    expect(await a.release((s) => record(s.updatedAt))).toBe(true);
    expect(await repo.get(T, 'fay@contoso.com')).toMatchObject({ deltaLink: 'final', lease: null, lastRound: { outcome: 'done' } });
  });

  test('openLease writes nothing; the first durable put claims the lease, and a rival that only read then cannot write', async () => {
    const seeded = await repo.put({ ...emptySyncState(T, 'gil@contoso.com'), deltaLink: 'd0', updatedAt: now().toISOString() }, null);
    const [a, b] = await Promise.all(['worker-a', 'worker-b'].map((h) => openLease(repo, T, 'gil@contoso.com', opts(h))));
    if (!a?.acquired || !b?.acquired) throw new Error('both may open the mailbox to read');
    expect((await repo.get(T, 'gil@contoso.com'))?.etag).toBe(seeded.etag);
    expect(await a.lease.renew()).toBe(true);
    expect((await repo.get(T, 'gil@contoso.com'))?.etag).toBe(seeded.etag);

    const seenByA = await a.lease.get(T, 'gil@contoso.com');
    await a.lease.put(pendingState('gil@contoso.com', 'by-a'), seenByA!.etag);
    expect((await repo.get(T, 'gil@contoso.com'))?.lease).toEqual({ holder: 'worker-a', expiresAt: new Date(clock + TTL).toISOString() });
    // Now claimed, the lease is a fence: a third worker is refused, and b's first durable put fails before any PATCH.
    expect(await openLease(repo, T, 'gil@contoso.com', opts('worker-c'))).toEqual({ acquired: false, heldUntil: new Date(clock + TTL) });
    const seenByB = await b.lease.get(T, 'gil@contoso.com');
    const refused = await b.lease.put(pendingState('gil@contoso.com', 'by-b'), seenByB!.etag).catch((e: unknown) => e);
    expect(isLeaseLost(refused)).toBe(true);
    expect(await b.lease.release((s) => record(s.updatedAt))).toBe(false);
    expect(await a.lease.release((s) => record(s.updatedAt))).toBe(true);
    expect(await repo.get(T, 'gil@contoso.com')).toMatchObject({ deltaLink: 'by-a', lease: null });
  });

  test("a round that changed nothing writes nothing, unless its record is due; a rival's write meanwhile wins", async () => {
    const mailbox = 'hal@contoso.com';
    await repo.put({ ...emptySyncState(T, mailbox), deltaLink: 'd0', updatedAt: now().toISOString(), lastRound: record(now().toISOString()) }, null);
    const quietRound = async (eventsColoured = 3): Promise<boolean> => {
      const opened = await openLease(repo, T, mailbox, opts('worker-a'));
      if (!opened.acquired) throw new Error('not opened');
      const seen = await opened.lease.get(T, mailbox);
      const { etag, ...state } = seen!;
      await opened.lease.put(state, etag);
      return opened.lease.release(() => record(now().toISOString(), eventsColoured), recordDue);
    };
    const before = (await repo.get(T, mailbox))!.etag;
    clock += 60_000;
    expect(await quietRound()).toBe(true);
    expect((await repo.get(T, mailbox))?.etag).toBe(before);
    // A record that says something new is written at once, in one put.
    expect(await quietRound(4)).toBe(true);
    expect((await repo.get(T, mailbox))?.lastRound?.eventsColoured).toBe(4);
    const afterChange = (await repo.get(T, mailbox))!.etag;
    // So is one that has grown old.
    clock += 30 * 60_000;
    await quietRound(4);
    expect((await repo.get(T, mailbox))?.etag).not.toBe(afterChange);

    // Another worker writes while this round reads: this round's record is not written over it.
    const opened = await openLease(repo, T, mailbox, opts('worker-a'));
    if (!opened.acquired) throw new Error('not opened');
    const rival = await take(repo, mailbox, 'worker-b');
    const { etag: rivalSaw, ...rivalState } = (await rival.get(T, mailbox))!;
    await rival.put({ ...rivalState, deltaLink: 'by-b', pending: ['event-1'] }, rivalSaw);
    await rival.release();
    expect(await opened.lease.release(() => record(now().toISOString(), 9), recordDue)).toBe(false);
    expect(await repo.get(T, mailbox)).toMatchObject({ deltaLink: 'by-b', lastRound: { eventsColoured: 4 } });
  });

  test('release frees the mailbox at once', async () => {
    const a = await take(repo, 'eve@contoso.com', 'worker-a');
    await a.release();
    expect((await repo.get(T, 'eve@contoso.com'))?.lease).toBeNull();
    await take(repo, 'eve@contoso.com', 'worker-b');
  });
});
