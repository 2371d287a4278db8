/** The in-memory subscription store (tests, throwaway runs); the stores' persistent ones are in server/store. */
import type { MailboxSubscription, SubscriptionStore } from '../store/subscriptions';

export type { MailboxSubscription, SubscriptionStore };

export class InMemorySubscriptionStore implements SubscriptionStore {
  private readonly byId = new Map<string, MailboxSubscription>();

  async bySubscriptionId(tenantId: string, subscriptionId: string): Promise<MailboxSubscription | undefined> {
    const s = this.byId.get(subscriptionId);
    return s?.tenantId === tenantId ? { ...s } : undefined;
  }

  async forMailbox(tenantId: string, mailboxId: string): Promise<MailboxSubscription | undefined> {
    const s = [...this.byId.values()].find((x) => x.tenantId === tenantId && x.mailboxId.toLowerCase() === mailboxId.toLowerCase());
    return s && { ...s };
  }

  async forTenant(tenantId: string): Promise<MailboxSubscription[]> {
    return [...this.byId.values()].filter((s) => s.tenantId === tenantId).map((s) => ({ ...s }));
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

  async delete(tenantId: string, subscriptionId: string): Promise<void> {
    if (this.byId.get(subscriptionId)?.tenantId === tenantId) this.byId.delete(subscriptionId);
  }
}
