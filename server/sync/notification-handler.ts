/**
 * What a Graph notification does. Each one is matched to its subscription (within the tenant it names) and
 * its clientState compared in constant time; unknown subscriptions and wrong clientStates are dropped (counted, not logged verbatim).
 * - change notification → queue a round for the mailbox (once per mailbox per delivery: a round reads every
 *   change through delta anyway);
 * - `missed` → queue a full round (the deltaLink is dropped: changes may have gone unseen);
 * - `reauthorizationRequired` → renew the subscription;
 * - `subscriptionRemoved` → create it again, and queue a round to catch up.
 * Renewals and recreations call Graph, which may take longer than Graph waits for our answer, so they run
 * after the answer; `idle()` waits for them (tests, shutdown).
 */
import { timingSafeEqual } from 'node:crypto';
import pino, { type Logger } from 'pino';
import type { NotificationReceiver } from '../routes/notifications';
import type { MailboxJob, MailboxQueue } from './mailbox-queue';
import { mailboxRef } from './mailbox-round';
import { safeError } from './safe-error';
import type { SubscriptionManager } from './subscription-manager';
import type { MailboxSubscription, SubscriptionStore } from '../store/subscriptions';

export interface NotificationHandlerOptions {
  queue: MailboxQueue;
  store: SubscriptionStore;
  subscriptions: SubscriptionManager;
  logger?: Logger;
}

export interface NotificationCounts {
  accepted: number;
  forged: number;
  lifecycle: number;
}

/** Equal-length buffers only (timingSafeEqual throws otherwise); the length check itself reveals only the length. */
export function clientStateMatches(expected: string, given: unknown): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(expected, 'utf8');
  const b = Buffer.from(given, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}

export class NotificationHandler implements NotificationReceiver {
  readonly counts: NotificationCounts = { accepted: 0, forged: 0, lifecycle: 0 };
  private readonly logger: Logger;
  private readonly background = new Set<Promise<void>>();

  constructor(private readonly options: NotificationHandlerOptions) {
    this.logger = options.logger ?? pino({ level: 'silent' });
  }

  async receive(notifications: unknown[]): Promise<void> {
    const jobs = new Map<string, MailboxJob>();
    const queue = (job: MailboxJob): void => {
      const k = `${job.tenantId}\n${job.mailboxId.toLowerCase()}`;
      // A full round covers a normal one; never downgrade.
      if (!jobs.get(k)?.full) jobs.set(k, job);
    };
    for (const n of notifications) {
      const item = (n && typeof n === 'object' ? n : {}) as Record<string, unknown>;
      // Graph names the tenant in every notification; the lookup stays inside it (a wrong tenant finds nothing).
      const subscription =
        typeof item.subscriptionId === 'string' && typeof item.tenantId === 'string' ? await this.options.store.bySubscriptionId(item.tenantId, item.subscriptionId) : undefined;
      if (!subscription || !clientStateMatches(subscription.clientState, item.clientState)) {
        this.counts.forged++;
        continue;
      }
      const base = { tenantId: subscription.tenantId, mailboxId: subscription.mailboxId };
      switch (item.lifecycleEvent) {
        case undefined:
          this.counts.accepted++;
          queue({ ...base, reason: 'notification' });
          break;
        case 'missed':
          this.counts.lifecycle++;
          queue({ ...base, reason: 'missed', full: true });
          break;
        case 'reauthorizationRequired':
          this.counts.lifecycle++;
          this.later(subscription, 'renew', () => this.options.subscriptions.renew(subscription));
          break;
        case 'subscriptionRemoved':
          this.counts.lifecycle++;
          this.later(subscription, 'recreate', () => this.options.subscriptions.recreate(subscription));
          queue({ ...base, reason: 'notification' });
          break;
        default:
          this.logger.info({ mailbox: mailboxRef(subscription.mailboxId) }, 'unknown lifecycle event ignored');
      }
    }
    for (const job of jobs.values()) await this.options.queue.enqueue(job);
  }

  /** Resolves when the renewals and recreations started so far have finished. */
  async idle(): Promise<void> {
    while (this.background.size > 0) await Promise.all([...this.background]);
  }

  private later(subscription: MailboxSubscription, what: string, fn: () => Promise<unknown>): void {
    const p = fn()
      .then(() => undefined)
      .catch((err: unknown) => this.logger.warn({ err: safeError(err), mailbox: mailboxRef(subscription.mailboxId) }, `subscription ${what} failed`))
      .finally(() => this.background.delete(p));
    this.background.add(p);
  }
}
