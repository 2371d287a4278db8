/**
 * A round whose store calls are throttled past the client's retries (StoreError 'throttled', what a Cosmos 429
 * becomes) is given back to the queue hidden for a while, as a Graph throttle is: it never uses up deliveries,
 * so a long busy spell does not send healthy mailboxes to the poison queue.
 */
import type { SyncStateRepository } from '../../server/store/sync-state';
import { StoreError } from '../../server/store/types';
import { InProcessMailboxQueue } from '../../server/sync/in-process-queue';
import { MAX_DEQUEUES } from '../../server/sync/mailbox-queue';
import { startSyncStack, type SyncStack } from './support/sync-stack';
import { ADA } from './support/team';

/** The repository, with its next `throttledCalls` calls refused as a throttled Cosmos would. */
function throttledSyncState(inner: SyncStateRepository, retryAfterMs: number): { repo: SyncStateRepository; throttle(calls: number): void } {
  let remaining = 0;
  const repo = new Proxy(inner, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver) as unknown;
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        if (remaining > 0) {
          remaining--;
          return Promise.reject(new StoreError('throttled', 'Cosmos DB is throttling requests (429)', retryAfterMs));
        }
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
  return { repo, throttle: (calls) => void (remaining = calls) };
}

describe('a job whose store is throttled', () => {
  let s: SyncStack;
  let clock = Date.now();
  const queue = new InProcessMailboxQueue(() => clock);
  beforeAll(async () => {
    s = await startSyncStack({ queue });
  });
  afterAll(() => s.close());

  test('goes back to the queue with a delay, more times than the poison limit, and runs once the store answers', async () => {
    const store = throttledSyncState(s.stores.syncState, 2_000);
    const worker = s.worker({ syncState: store.repo, now: () => new Date(clock), storeThrottledRetryMs: 30_000 });
    await queue.enqueue({ tenantId: s.tenantId, mailboxId: ADA, reason: 'schedule' });
    for (let attempt = 1; attempt <= MAX_DEQUEUES + 2; attempt++) {
      store.throttle(1);
      expect(await worker.runOnce()).toBe(1);
      const outcome = s.outcomes.at(-1);
      expect(outcome).toMatchObject({ kind: 'deferred', reason: 'store-throttled', requeued: { mailboxId: ADA, reason: 'schedule' } });
      expect(outcome?.kind === 'deferred' && outcome.notBefore.getTime()).toBe(clock + 30_000);
      // Hidden for the delay, then handed out again as a fresh message (its first delivery).
      clock += 29_999;
      expect(await queue.receive(1, 1_000)).toEqual([]);
      clock += 1;
    }
    expect(await queue.poisoned()).toEqual([]);
    expect(await worker.runOnce()).toBe(1);
    expect(s.outcomes.at(-1)).toMatchObject({ kind: 'done', message: { dequeueCount: 1 }, report: { committed: true } });
  });

  test('waits at least as long as the store asked', async () => {
    const store = throttledSyncState(s.stores.syncState, 90_000);
    const worker = s.worker({ syncState: store.repo, now: () => new Date(clock), storeThrottledRetryMs: 30_000 });
    await queue.enqueue({ tenantId: s.tenantId, mailboxId: ADA, reason: 'notification' });
    store.throttle(1);
    await worker.runOnce();
    const outcome = s.outcomes.at(-1);
    expect(outcome?.kind === 'deferred' && outcome.notBefore.getTime()).toBe(clock + 90_000);
    clock += 90_000;
    expect(await worker.runOnce()).toBe(1);
    expect(s.outcomes.at(-1)).toMatchObject({ kind: 'done' });
  });
});
