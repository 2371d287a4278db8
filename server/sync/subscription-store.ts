/**
 * Where Graph subscriptions are remembered: one per enrolled mailbox, with the clientState that authenticates
 * its notifications. Kept apart from the sync state because that document is leased by whichever worker runs
 * the mailbox's round; a subscription renewal must not contend with it.
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
  bySubscriptionId(subscriptionId: string): Promise<MailboxSubscription | undefined>;
  forMailbox(tenantId: string, mailboxId: string): Promise<MailboxSubscription | undefined>;
  /** Every subscription expiring before `before` (ISO comparison). */
  expiringBefore(before: Date): Promise<MailboxSubscription[]>;
  /** Stores it, replacing the mailbox's previous subscription. */
  put(subscription: MailboxSubscription): Promise<void>;
  delete(subscriptionId: string): Promise<void>;
}

/** The embedded default and tests. A persistent store (SQLite table / Cosmos container) is the lead's to add. */
export class InMemorySubscriptionStore implements SubscriptionStore {
  private readonly byId = new Map<string, MailboxSubscription>();

  async bySubscriptionId(subscriptionId: string): Promise<MailboxSubscription | undefined> {
    const s = this.byId.get(subscriptionId);
    return s && { ...s };
  }

  async forMailbox(tenantId: string, mailboxId: string): Promise<MailboxSubscription | undefined> {
    const s = [...this.byId.values()].find((x) => x.tenantId === tenantId && x.mailboxId.toLowerCase() === mailboxId.toLowerCase());
    return s && { ...s };
  }

  async expiringBefore(before: Date): Promise<MailboxSubscription[]> {
    return [...this.byId.values()].filter((s) => Date.parse(s.expiresAt) < before.getTime()).map((s) => ({ ...s }));
  }

  async put(subscription: MailboxSubscription): Promise<void> {
    for (const [id, s] of this.byId) {
      if (s.tenantId === subscription.tenantId && s.mailboxId.toLowerCase() === subscription.mailboxId.toLowerCase()) this.byId.delete(id);
    }
    this.byId.set(subscription.subscriptionId, { ...subscription });
  }

  async delete(subscriptionId: string): Promise<void> {
    this.byId.delete(subscriptionId);
  }
}
