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
  /** Notifications name only the subscription, not the tenant: this lookup is by id alone. */
  bySubscriptionId(subscriptionId: string): Promise<MailboxSubscription | undefined>;
  forMailbox(tenantId: string, mailboxId: string): Promise<MailboxSubscription | undefined>;
  /** Every subscription expiring before `before`, across tenants (the renewal pass). */
  expiringBefore(before: Date): Promise<MailboxSubscription[]>;
  /** Stores it, replacing the mailbox's previous subscription. */
  put(subscription: MailboxSubscription): Promise<void>;
  delete(subscriptionId: string): Promise<void>;
}
