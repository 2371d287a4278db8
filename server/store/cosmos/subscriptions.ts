/**
 * Graph subscriptions in Cosmos DB (container partitioned by /tenantId). The item id is derived from
 * (tenant, mailbox), so storing a mailbox's new subscription is one upsert that replaces the old one.
 * Notifications name only the subscription, so that lookup and the renewal pass are cross-partition queries;
 * both are rare next to the rounds they trigger, and the clientState check follows the lookup.
 */
import { createHash } from 'node:crypto';
import type { Container } from '@azure/cosmos';
import type { MailboxSubscription, SubscriptionStore } from '../subscriptions';
import { cosmosCall, stripSystem } from './util';

export const SUBSCRIPTIONS_CONTAINER = 'subscriptions';

interface SubscriptionItem extends MailboxSubscription {
  id: string;
  mailboxKey: string;
  /** expiresAt as epoch ms, so the renewal query compares numbers. */
  expiresAtMs: number;
}

function itemId(tenantId: string, mailboxId: string): string {
  return `sub_${createHash('sha256').update(`${tenantId}\n${mailboxId.toLowerCase()}`).digest('base64url').slice(0, 43)}`;
}

function toSubscription(resource: Record<string, unknown>): MailboxSubscription {
  const { doc } = stripSystem<SubscriptionItem>(resource);
  return { subscriptionId: doc.subscriptionId, tenantId: doc.tenantId, mailboxId: doc.mailboxId, clientState: doc.clientState, expiresAt: doc.expiresAt };
}

export class CosmosSubscriptionStore implements SubscriptionStore {
  constructor(private readonly container: Container) {}

  private async query(query: string, parameters: { name: string; value: string | number }[], partitionKey?: string): Promise<MailboxSubscription[]> {
    const { resources } = await cosmosCall('subscription', () =>
      this.container.items.query<Record<string, unknown>>({ query, parameters }, partitionKey === undefined ? {} : { partitionKey }).fetchAll(),
    );
    return resources.map(toSubscription);
  }

  async bySubscriptionId(subscriptionId: string): Promise<MailboxSubscription | undefined> {
    return (await this.query('SELECT * FROM c WHERE c.subscriptionId = @id', [{ name: '@id', value: subscriptionId }]))[0];
  }

  async forMailbox(tenantId: string, mailboxId: string): Promise<MailboxSubscription | undefined> {
    const found = await this.query(
      'SELECT * FROM c WHERE c.tenantId = @tenantId AND c.id = @id',
      [
        { name: '@tenantId', value: tenantId },
        { name: '@id', value: itemId(tenantId, mailboxId) },
      ],
      tenantId,
    );
    return found[0];
  }

  async expiringBefore(before: Date): Promise<MailboxSubscription[]> {
    return this.query('SELECT * FROM c WHERE c.expiresAtMs < @before', [{ name: '@before', value: before.getTime() }]);
  }

  async put(subscription: MailboxSubscription): Promise<void> {
    const item: SubscriptionItem = {
      ...subscription,
      id: itemId(subscription.tenantId, subscription.mailboxId),
      mailboxKey: subscription.mailboxId.toLowerCase(),
      expiresAtMs: Date.parse(subscription.expiresAt),
    };
    await cosmosCall('subscription', () => this.container.items.upsert(item));
  }

  async delete(subscriptionId: string): Promise<void> {
    const { resources } = await cosmosCall('subscription', () =>
      this.container.items.query<{ id: string; tenantId: string }>({ query: 'SELECT c.id, c.tenantId FROM c WHERE c.subscriptionId = @id', parameters: [{ name: '@id', value: subscriptionId }] }).fetchAll(),
    );
    for (const r of resources) {
      await cosmosCall('subscription', async () => {
        try {
          await this.container.item(r.id, r.tenantId).delete();
        } catch (err) {
          // Already gone is what delete wants.
          if ((err as { code?: number }).code !== 404) throw err;
        }
      });
    }
  }
}
