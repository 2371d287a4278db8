/**
 * Where Graph subscriptions are remembered: one per enrolled mailbox, with the clientState that authenticates
 * its notifications. Its own table/container, apart from the sync state, because that document is leased by
 * whichever worker runs the mailbox's round; a renewal must not contend with it.
 */
export interface MailboxSubscription {
  subscriptionId: string;
  tenantId: string;
  mailboxId: string;
  /** Random per subscription (≤ 128 characters); a notification carrying anything else is forged. */
  clientState: string;
  /** ISO. */
  expiresAt: string;
}

export interface SubscriptionStore {
  /**
   * A notification names its subscription and its tenant (Graph's `tenantId`); the lookup is scoped to that
   * tenant, so a wrong or forged tenant finds nothing (and the clientState is still checked after it).
   */
  bySubscriptionId(tenantId: string, subscriptionId: string): Promise<MailboxSubscription | undefined>;
  forMailbox(tenantId: string, mailboxId: string): Promise<MailboxSubscription | undefined>;
  /**
   * Every subscription expiring before `before`, across tenants: the renewal pass is the one bookkeeping scan
   * that is not about one tenant (on Cosmos, the only cross-partition query).
   */
  expiringBefore(before: Date): Promise<MailboxSubscription[]>;
  /** Every subscription of one tenant (offboarding deletes them in Graph, then here). */
  forTenant(tenantId: string): Promise<MailboxSubscription[]>;
  /** Stores it, replacing the mailbox's previous subscription. */
  put(subscription: MailboxSubscription): Promise<void>;
  delete(tenantId: string, subscriptionId: string): Promise<void>;
}
