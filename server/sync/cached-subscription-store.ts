/**
 * A SubscriptionStore that remembers notification lookups briefly, found or not, so a flood of notifications
 * naming the same subscription id (forged or genuine) costs one store read per id per TTL. Concurrent lookups
 * of one id share one read (lru-cache's fetch). This process's own writes (put/delete) forget the ids they touch,
 * so a subscription created here is found at once; one created by another instance can be reported unknown for
 * up to the TTL — its notifications are then dropped, and the mailbox's scheduled round catches the change up.
 */
import { LRUCache } from 'lru-cache';
import type { MailboxSubscription, SubscriptionStore } from '../store/subscriptions';

export interface SubscriptionCacheOptions {
  /** How long a lookup is remembered (default 60 s). */
  ttlMs?: number;
  /** Most ids remembered at once; the least recently used go first (default 10,000). */
  maxEntries?: number;
}

/** `found: undefined` caches "no such subscription" (lru-cache does not store undefined itself). */
interface Lookup {
  found: MailboxSubscription | undefined;
}

const cacheKey = (tenantId: string, subscriptionId: string): string => `${tenantId}\n${subscriptionId}`;

export class CachedSubscriptionStore implements SubscriptionStore {
  private readonly cache: LRUCache<string, Lookup, { tenantId: string; subscriptionId: string }>;

  constructor(
    private readonly inner: SubscriptionStore,
    options: SubscriptionCacheOptions = {},
  ) {
    this.cache = new LRUCache({
      max: options.maxEntries ?? 10_000,
      ttl: options.ttlMs ?? 60_000,
      fetchMethod: async (_key, _stale, { context }) => ({ found: await inner.bySubscriptionId(context.tenantId, context.subscriptionId) }),
    });
  }

  async bySubscriptionId(tenantId: string, subscriptionId: string): Promise<MailboxSubscription | undefined> {
    const lookup = await this.cache.fetch(cacheKey(tenantId, subscriptionId), { context: { tenantId, subscriptionId } });
    return lookup?.found && { ...lookup.found };
  }

  forMailbox(tenantId: string, mailboxId: string): Promise<MailboxSubscription | undefined> {
    return this.inner.forMailbox(tenantId, mailboxId);
  }

  forTenant(tenantId: string): Promise<MailboxSubscription[]> {
    return this.inner.forTenant(tenantId);
  }

  expiringBefore(before: Date): Promise<MailboxSubscription[]> {
    return this.inner.expiringBefore(before);
  }

  async put(subscription: MailboxSubscription): Promise<void> {
    // The mailbox's previous subscription is replaced: forget it too, so it stops being accepted here at once.
    const previous = await this.inner.forMailbox(subscription.tenantId, subscription.mailboxId);
    await this.inner.put(subscription);
    if (previous) this.cache.delete(cacheKey(previous.tenantId, previous.subscriptionId));
    this.cache.delete(cacheKey(subscription.tenantId, subscription.subscriptionId));
  }

  async delete(tenantId: string, subscriptionId: string): Promise<void> {
    await this.inner.delete(tenantId, subscriptionId);
    this.cache.delete(cacheKey(tenantId, subscriptionId));
  }
}
