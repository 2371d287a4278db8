/**
 * What a Graph notification does. Each one is matched to its subscription (within the tenant it names) and
 * its clientState compared in constant time; unknown subscriptions and wrong clientStates are dropped (counted, not logged verbatim).
 * - change notification → queue a round for the mailbox (once per mailbox per delivery: a round reads every
 *   change through delta anyway), unless it is the echo of CalSync's own write (own-writes.ts): counted, no round;
 * - `missed` → queue a full round (the deltaLink is dropped: changes may have gone unseen);
 * - `reauthorizationRequired` → renew the subscription;
 * - `subscriptionRemoved` → create it again, and queue a round to catch up.
 * The endpoint is public, so an item costs a store read only when it could be genuine: its tenant is one this
 * service serves and its ids are GUIDs; an id repeated within a delivery is looked up once (and the store passed
 * in is expected to cache lookups across deliveries: CachedSubscriptionStore).
 * Renewals and recreations call Graph, which may take longer than Graph waits for our answer, so they run
 * after the answer; `idle()` waits for them (tests, shutdown). Rounds go to the queue with a bounded wait; a slow
 * or failing queue parks them in the durable inbox instead (see handOff), and `drainInbox` moves them on.
 */
import { timingSafeEqual } from 'node:crypto';
import pino, { type Logger } from 'pino';
import { GUID } from '../config/fields';
import type { InboxEntry, NotificationInbox } from '../store/notification-inbox';
import type { MailboxJob, MailboxQueue } from './mailbox-queue';
import { mailboxRef } from './mailbox-round';
import type { OwnWrites } from './own-writes';
import { isPlainRound, type QueuedRounds } from './queued-rounds';
import { safeError } from './safe-error';
import type { SubscriptionHealth } from './subscription-health';
import type { SubscriptionManager } from './subscription-manager';
import type { MailboxSubscription, SubscriptionStore } from '../store/subscriptions';
import type { NotificationReceiver } from './ports';

export interface NotificationHandlerOptions {
  queue: MailboxQueue;
  store: SubscriptionStore;
  subscriptions: SubscriptionManager;
  /** The tenants this service serves (any spelling); items naming another are dropped without a lookup. */
  tenants(): Promise<string[]> | string[];
  /** Where rounds are parked when the queue does not take them within `handOffMs`; absent: wait for the queue. */
  inbox?: NotificationInbox;
  /**
   * How long a delivery waits for the queue before parking its rounds (default 2 s). Graph expects the answer
   * within 3 s and counts a response over 2,900 ms as slow: https://learn.microsoft.com/graph/change-notifications-delivery-webhooks#throttling
   */
  handOffMs?: number;
  /** Told of `missed` and `subscriptionRemoved`: the mailbox's schedule is the short one until it is caught up. */
  health?: Pick<SubscriptionHealth, 'troubled'>;
  /** The change keys of CalSync's own writes: a notification that only reports one of them queues no round. */
  ownWrites?: Pick<OwnWrites, 'isEcho'>;
  /**
   * Plain rounds this process queued that no worker started yet: a change for such a mailbox rides on that round
   * instead of queuing another (queued-rounds.ts; only where this process's workers are the queue's only ones).
   */
  queuedRounds?: Pick<QueuedRounds, 'claim' | 'unclaim'>;
  logger?: Logger;
}

export interface NotificationCounts {
  accepted: number;
  forged: number;
  lifecycle: number;
  /** Rounds parked in the inbox because the queue was slow or failing. */
  parked: number;
  /** Change notifications that reported CalSync's own write (no round queued for them). */
  ownWrites: number;
  /** Mailboxes whose round was already queued and not started: the delivery queued none for them. */
  coalesced: number;
}

/** Graph's subscription ids are lower-case GUIDs; requiring that form means one cache entry per id. */
const isSubscriptionId = (s: string): boolean => GUID.test(s) && s === s.toLowerCase();

/**
 * Moves parked rounds to the queue (oldest first, up to `limit`); the number moved. Besides slow notification
 * deliveries, `calsync rules import` parks the mailboxes an import affects here: the inbox is the one durable
 * place every process that hosts the sync reads, whatever its queue.
 */
export async function drainInbox(inbox: NotificationInbox, queue: MailboxQueue, limit = 100): Promise<number> {
  let moved = 0;
  for (const entry of await inbox.pending(limit)) {
    // Queue first, then remove: a crash in between queues it twice, never zero times.
    await queue.enqueue(toJob(entry));
    await inbox.remove(entry);
    moved++;
  }
  return moved;
}

/** Equal-length buffers only (timingSafeEqual throws otherwise); the length check itself reveals only the length. */
export function clientStateMatches(expected: string, given: unknown): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(expected, 'utf8');
  const b = Buffer.from(given, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}

const toEntry = (job: MailboxJob): InboxEntry => ({ tenantId: job.tenantId, mailboxId: job.mailboxId, full: !!job.full });
const toJob = (entry: InboxEntry): MailboxJob => ({
  tenantId: entry.tenantId,
  mailboxId: entry.mailboxId,
  reason: entry.full ? 'missed' : 'notification',
  ...(entry.full ? { full: true } : {}),
});

export class NotificationHandler implements NotificationReceiver {
  readonly counts: NotificationCounts = { accepted: 0, forged: 0, lifecycle: 0, parked: 0, ownWrites: 0, coalesced: 0 };
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
    let served: Map<string, string> | undefined;
    const lookups = new Map<string, Promise<MailboxSubscription | undefined>>();
    for (const n of notifications) {
      const item = (n && typeof n === 'object' ? n : {}) as Record<string, unknown>;
      const { tenantId, subscriptionId } = item;
      if (typeof tenantId !== 'string' || typeof subscriptionId !== 'string' || !GUID.test(tenantId) || !isSubscriptionId(subscriptionId)) {
        this.counts.forged++;
        continue;
      }
      // Asked once per delivery, and only once an item could be genuine.
      served ??= new Map((await this.options.tenants()).map((t) => [t.toLowerCase(), t]));
      const tenant = served.get(tenantId.toLowerCase());
      if (tenant === undefined) {
        this.counts.forged++;
        continue;
      }
      // Graph names the tenant in every notification; the lookup stays inside it (a wrong tenant finds nothing).
      const key = `${tenant}\n${subscriptionId}`;
      let lookup = lookups.get(key);
      if (!lookup) lookups.set(key, (lookup = this.options.store.bySubscriptionId(tenant, subscriptionId)));
      const subscription = await lookup;
      if (!subscription || !clientStateMatches(subscription.clientState, item.clientState)) {
        this.counts.forged++;
        continue;
      }
      const base = { tenantId: subscription.tenantId, mailboxId: subscription.mailboxId };
      switch (item.lifecycleEvent) {
        case undefined:
          if (this.options.ownWrites?.isEcho(base.tenantId, base.mailboxId, item.resourceData)) {
            this.counts.ownWrites++;
            break;
          }
          this.counts.accepted++;
          queue({ ...base, reason: 'notification' });
          break;
        case 'missed':
          this.counts.lifecycle++;
          this.options.health?.troubled(base.tenantId, base.mailboxId, 'missed');
          queue({ ...base, reason: 'missed', full: true });
          break;
        case 'reauthorizationRequired':
          this.counts.lifecycle++;
          this.later(subscription, 'renew', () => this.options.subscriptions.renew(subscription));
          break;
        case 'subscriptionRemoved':
          this.counts.lifecycle++;
          this.options.health?.troubled(base.tenantId, base.mailboxId, 'removed');
          this.later(subscription, 'recreate', () => this.options.subscriptions.recreate(subscription));
          queue({ ...base, reason: 'notification' });
          break;
        default:
          this.logger.info({ mailbox: mailboxRef(subscription.mailboxId) }, 'unknown lifecycle event ignored');
      }
    }
    const waiting = this.options.queuedRounds;
    const toQueue: MailboxJob[] = [];
    for (const job of jobs.values()) {
      if (!waiting || !isPlainRound(job) || waiting.claim(job.tenantId, job.mailboxId)) toQueue.push(job);
      else this.counts.coalesced++;
    }
    try {
      await this.handOff(toQueue);
    } catch (error) {
      // Neither the queue nor the inbox took them: Graph delivers again, and that delivery must queue them.
      if (waiting) for (const job of toQueue) if (isPlainRound(job)) waiting.unclaim(job.tenantId, job.mailboxId);
      throw error;
    }
  }

  /**
   * The queue gets `handOffMs`; if it has not taken every job by then (or fails), the jobs are parked in the
   * durable inbox and the delivery is answered. The queue call is left running: if it lands too, the drain
   * queues the parked jobs a second time, which runs a round twice — harmless — and never loses one.
   */
  private async handOff(jobs: MailboxJob[]): Promise<void> {
    if (jobs.length === 0) return;
    const enqueued = Promise.all(jobs.map((job) => this.options.queue.enqueue(job)));
    const inbox = this.options.inbox;
    if (!inbox) {
      await enqueued;
      return;
    }
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), this.options.handOffMs ?? 2_000)));
    const outcome = await Promise.race([
      enqueued.then(
        () => 'queued' as const,
        (err: unknown) => ({ err }),
      ),
      late,
    ]).finally(() => clearTimeout(timer));
    if (outcome === 'queued') return;
    if (outcome !== 'late') this.logger.warn({ err: safeError(outcome.err) }, 'queue refused notification rounds; parked in the inbox');
    await inbox.add(jobs.map(toEntry));
    this.counts.parked += jobs.length;
    this.track(
      enqueued.then(
        () => undefined,
        (err: unknown) => this.logger.warn({ err: safeError(err) }, 'slow queue call for parked notification rounds failed'),
      ),
    );
  }

  /** Moves parked rounds to the queue (oldest first, up to `limit`); the number moved. Safe to run anywhere, at any time. */
  async drainInbox(limit = 100): Promise<number> {
    return this.options.inbox ? drainInbox(this.options.inbox, this.options.queue, limit) : 0;
  }

  /** Resolves when the renewals, recreations and slow queue calls started so far have finished. */
  async idle(): Promise<void> {
    while (this.background.size > 0) await Promise.all([...this.background]);
  }

  private later(subscription: MailboxSubscription, what: string, fn: () => Promise<unknown>): void {
    this.track(
      fn().then(
        () => undefined,
        (err: unknown) => this.logger.warn({ err: safeError(err), mailbox: mailboxRef(subscription.mailboxId) }, `subscription ${what} failed`),
      ),
    );
  }

  private track(work: Promise<void>): void {
    const p = work.finally(() => this.background.delete(p));
    this.background.add(p);
  }
}
