/**
 * Graph subscriptions in Cosmos DB (container partitioned by /tenantId). The item id is derived from
 * (tenant, mailbox), so storing a mailbox's new subscription is one upsert that replaces the old one.
 * Every query filters tenantId in WHERE and passes the partition key, except the renewal pass
 * (`expiringBefore`): it looks for what expires soon in every tenant, the one cross-partition query here.
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
  /** Seconds until Cosmos deletes the item (container TTL on, containers.ts): see subscriptionTtlSeconds. */
  ttl: number;
}

/** A day past Graph's own expiry: the renewal pass and `ensure` still find a lapsed subscription to replace. */
export const SUBSCRIPTION_TTL_GRACE_SECONDS = 86_400;

/**
 * How long the item outlives its last write: until the Graph subscription expires, plus the grace. Every
 * renewal rewrites the item (and so restarts its TTL); an item nobody renews any more — the mailbox left
 * enrolment — is deleted by Cosmos once Graph has dropped the subscription too (Graph subscriptions on Outlook
 * events live at most 10,080 minutes: https://learn.microsoft.com/graph/api/resources/subscription#subscription-lifetime;
 * item TTL: https://learn.microsoft.com/azure/cosmos-db/nosql/time-to-live).
 */
export function subscriptionTtlSeconds(expiresAtMs: number, nowMs: number): number {
  const remaining = Number.isFinite(expiresAtMs) ? Math.ceil((expiresAtMs - nowMs) / 1000) : 0;
  return Math.max(0, remaining) + SUBSCRIPTION_TTL_GRACE_SECONDS;
}

function itemId(tenantId: string, mailboxId: string): string {
  return `sub_${createHash('sha256').update(`${tenantId}\n${mailboxId.toLowerCase()}`).digest('base64url').slice(0, 43)}`;
}

function toSubscription(resource: Record<string, unknown>): MailboxSubscription {
  const { doc } = stripSystem<SubscriptionItem>(resource);
  return { subscriptionId: doc.subscriptionId, tenantId: doc.tenantId, mailboxId: doc.mailboxId, clientState: doc.clientState, expiresAt: doc.expiresAt };
}

export class CosmosSubscriptionStore implements SubscriptionStore {
  constructor(
    private readonly container: Container,
    private readonly now: () => number = Date.now,
  ) {}

  /** `partitionKey` undefined only for the cross-tenant renewal scan. */
  private async query(query: string, parameters: { name: string; value: string | number }[], partitionKey: string | undefined): Promise<MailboxSubscription[]> {
    const { resources } = await cosmosCall('subscription', () =>
      this.container.items.query<Record<string, unknown>>({ query, parameters }, partitionKey === undefined ? {} : { partitionKey }).fetchAll(),
    );
    return resources.map(toSubscription);
  }

  private byIdInTenant(tenantId: string, subscriptionId: string): Promise<MailboxSubscription[]> {
    return this.query(
      'SELECT * FROM c WHERE c.tenantId = @tenantId AND c.subscriptionId = @id',
      [
        { name: '@tenantId', value: tenantId },
        { name: '@id', value: subscriptionId },
      ],
      tenantId,
    );
  }

  async bySubscriptionId(tenantId: string, subscriptionId: string): Promise<MailboxSubscription | undefined> {
    return (await this.byIdInTenant(tenantId, subscriptionId))[0];
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

  async forTenant(tenantId: string): Promise<MailboxSubscription[]> {
    return this.query('SELECT * FROM c WHERE c.tenantId = @tenantId', [{ name: '@tenantId', value: tenantId }], tenantId);
  }

  async expiringBefore(before: Date): Promise<MailboxSubscription[]> {
    // Cross-partition by design: renewal is bookkeeping over every tenant's subscriptions.
    return this.query('SELECT * FROM c WHERE c.expiresAtMs < @before', [{ name: '@before', value: before.getTime() }], undefined);
  }

  async put(subscription: MailboxSubscription): Promise<void> {
    const expiresAtMs = Date.parse(subscription.expiresAt);
    const item: SubscriptionItem = {
      ...subscription,
      id: itemId(subscription.tenantId, subscription.mailboxId),
      mailboxKey: subscription.mailboxId.toLowerCase(),
      expiresAtMs,
      ttl: subscriptionTtlSeconds(expiresAtMs, this.now()),
    };
    await cosmosCall('subscription', () => this.container.items.upsert(item));
  }

  async delete(tenantId: string, subscriptionId: string): Promise<void> {
    for (const s of await this.byIdInTenant(tenantId, subscriptionId)) {
      await cosmosCall('subscription', async () => {
        try {
          await this.container.item(itemId(s.tenantId, s.mailboxId), s.tenantId).delete();
        } catch (err) {
          // Already gone is what delete wants.
          if ((err as { code?: number }).code !== 404) throw err;
        }
      });
    }
  }
}
