/**
 * Graph subscriptions for enrolled mailboxes: `/users/{id}/events`, created/updated/deleted, a random
 * clientState per subscription, change and lifecycle notifications to the same URL. Created when missing,
 * renewed before expiry (and on `reauthorizationRequired`), recreated when Graph removed one.
 */
import { randomBytes } from 'node:crypto';
import type { Client } from '@microsoft/microsoft-graph-client';
import pino, { type Logger } from 'pino';
import { mailboxRef } from './mailbox-round';
import { safeError } from './safe-error';
import type { SubscriptionHealth } from './subscription-health';
import type { MailboxSubscription, SubscriptionStore } from '../store/subscriptions';
import type { TenantGate } from './tenant-consent';

/** Graph's limit for events (outlook resources): 4,230 minutes, just under three days. */
export const MAX_SUBSCRIPTION_MINUTES = 4230;

export interface SubscriptionManagerOptions {
  clientFor(tenantId: string): Client;
  /** Tenants stopped for lack of consent: their subscriptions are neither created nor renewed (nor deleted). */
  tenantGate?: Pick<TenantGate, 'isStopped'>;
  store: SubscriptionStore;
  /** Public https URL of POST /api/notifications (loopback http against the sandbox). */
  notificationUrl: string;
  /** Subscription lifetime (default and maximum 4,230 minutes). */
  lifetimeMinutes?: number;
  /** Renew when less than this is left (default 12 hours). */
  renewBeforeMs?: number;
  /** Told what Graph confirmed (created, renewed, still there) and when a renewal failed: the scheduler's view. */
  health?: Pick<SubscriptionHealth, 'confirmed' | 'troubled'>;
  logger?: Logger;
  now?: () => Date;
}

const statusOf = (e: unknown): number | undefined => (e as { statusCode?: number })?.statusCode;

export class SubscriptionManager {
  private readonly logger: Logger;
  private readonly now: () => Date;
  private readonly lifetimeMs: number;

  constructor(private readonly options: SubscriptionManagerOptions) {
    this.logger = options.logger ?? pino({ level: 'silent' });
    this.now = options.now ?? (() => new Date());
    this.lifetimeMs = Math.min(MAX_SUBSCRIPTION_MINUTES, options.lifetimeMinutes ?? MAX_SUBSCRIPTION_MINUTES) * 60_000;
  }

  /** The mailbox's subscription, created when there is none or it has expired. */
  async ensure(tenantId: string, mailboxId: string): Promise<MailboxSubscription> {
    const known = await this.options.store.forMailbox(tenantId, mailboxId);
    if (known && Date.parse(known.expiresAt) > this.now().getTime()) {
      this.options.health?.confirmed(tenantId, mailboxId, known.expiresAt);
      return known;
    }
    if (this.options.tenantGate?.isStopped(tenantId)) throw new Error('the tenant is stopped for lack of consent; no subscription is created');
    return this.create(tenantId, mailboxId);
  }

  /** Extends the subscription's expiry; one Graph no longer knows is created again. */
  async renew(subscription: MailboxSubscription): Promise<MailboxSubscription> {
    // A stopped tenant's subscription is left to lapse in Graph and kept in the store (nothing is deleted).
    if (this.options.tenantGate?.isStopped(subscription.tenantId)) return subscription;
    const expiresAt = this.expiry();
    try {
      try {
        await this.options
          .clientFor(subscription.tenantId)
          .api(`/subscriptions/${encodeURIComponent(subscription.subscriptionId)}`)
          .patch({ expirationDateTime: expiresAt });
      } catch (e) {
        if (statusOf(e) !== 404) throw e;
        this.logger.info({ mailbox: mailboxRef(subscription.mailboxId) }, 'subscription gone at renewal; creating it again');
        return await this.recreate(subscription);
      }
      const renewed = { ...subscription, expiresAt };
      await this.options.store.put(renewed);
      this.options.health?.confirmed(renewed.tenantId, renewed.mailboxId, renewed.expiresAt);
      return renewed;
    } catch (e) {
      // Until a renewal succeeds, nothing says Graph will keep notifying: the mailbox goes back to the short schedule.
      this.options.health?.troubled(subscription.tenantId, subscription.mailboxId, 'renewal-failed');
      throw e;
    }
  }

  /** Replaces a subscription Graph removed (or that is otherwise unusable) with a new one. */
  async recreate(subscription: MailboxSubscription): Promise<MailboxSubscription> {
    try {
      await this.options
        .clientFor(subscription.tenantId)
        .api(`/subscriptions/${encodeURIComponent(subscription.subscriptionId)}`)
        .delete();
    } catch (e) {
      if (statusOf(e) !== 404) throw e;
    }
    await this.options.store.delete(subscription.tenantId, subscription.subscriptionId);
    return this.create(subscription.tenantId, subscription.mailboxId);
  }

  /** Renews every subscription that expires within renewBeforeMs; the number renewed. Call on a timer. */
  async renewDue(): Promise<number> {
    const due = await this.options.store.expiringBefore(new Date(this.now().getTime() + (this.options.renewBeforeMs ?? 12 * 3_600_000)));
    let renewed = 0;
    for (const s of due) {
      if (this.options.tenantGate?.isStopped(s.tenantId)) continue;
      try {
        await this.renew(s);
        renewed++;
      } catch (err) {
        this.logger.warn({ err: safeError(err), mailbox: mailboxRef(s.mailboxId) }, 'subscription renewal failed; next pass retries');
      }
    }
    return renewed;
  }

  private async create(tenantId: string, mailboxId: string): Promise<MailboxSubscription> {
    // 192 random bits as base64url: 32 characters, well under Graph's 128.
    const clientState = randomBytes(24).toString('base64url');
    const created = (await this.options
      .clientFor(tenantId)
      .api('/subscriptions')
      .post({
        changeType: 'created,updated,deleted',
        notificationUrl: this.options.notificationUrl,
        lifecycleNotificationUrl: this.options.notificationUrl,
        resource: `/users/${encodeURIComponent(mailboxId)}/events`,
        expirationDateTime: this.expiry(),
        clientState,
      })) as { id: string; expirationDateTime: string };
    const subscription: MailboxSubscription = { subscriptionId: created.id, tenantId, mailboxId, clientState, expiresAt: created.expirationDateTime };
    await this.options.store.put(subscription);
    this.options.health?.confirmed(tenantId, mailboxId, subscription.expiresAt);
    this.logger.info({ mailbox: mailboxRef(mailboxId) }, 'subscription created');
    return subscription;
  }

  private expiry(): string {
    return new Date(this.now().getTime() + this.lifetimeMs).toISOString();
  }
}
