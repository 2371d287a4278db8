/**
 * The scheduler: every enrolled mailbox gets a round at least every `intervalMs` (its own schedule, from when
 * it was last queued), and `requestResync` queues mailboxes at once — the API calls it after rule and settings
 * changes. A mailbox whose change notifications are live (SubscriptionHealth) gets its scheduled round only every
 * `liveIntervalMs`: notifications bring its changes, and the schedule is the safety net. Liveness is asked at every
 * tick, so a mailbox that loses it is due on the short interval at once. Run one scheduler per deployment: a second
 * one only adds duplicate (harmless) jobs.
 */
import pino, { type Logger } from 'pino';
import type { Stores } from '../store/types';
import type { MailboxJob, MailboxQueue } from './mailbox-queue';
import { mailboxRef } from './mailbox-round';
import { safeError } from './safe-error';
import type { SubscriptionHealth } from './subscription-health';

export interface SyncSchedulerOptions {
  queue: MailboxQueue;
  stores: Pick<Stores, 'settings'>;
  /** The tenants to schedule. */
  tenants(): Promise<string[]> | string[];
  /** Every mailbox of a tenant, for settings that enrol 'all' (Graph `/users` in production). */
  allMailboxes(tenantId: string): Promise<string[]>;
  /** The members with a mailbox of an enrolled group, transitively (Graph transitiveMembers in production); none without it. */
  groupMailboxes?(tenantId: string, groupId: string): Promise<string[]>;
  /**
   * The object id of a mailbox's user when a listing already gave it (the directory's /users pages, the enrolled
   * groups' members): the job carries it, and the worker, in whatever process, asks Graph for no owner.
   */
  ownerOf?(tenantId: string, mailboxId: string): string | undefined;
  /** The seats a tenant's plan has (undefined: no plan, no cap); 'all' past them is cut to the first `seats`. */
  seatsOf?(tenantId: string): Promise<number | undefined>;
  /**
   * When given, each scheduled mailbox's change-notification subscription is ensured as it is queued (created
   * when missing or expired; the subscription store answers without Graph otherwise). A failure is logged and
   * retried at the next due time; the round is queued regardless.
   */
  subscriptions?: { ensure(tenantId: string, mailboxId: string): Promise<unknown> };
  /** Rounds per mailbox at least this often (default 15 minutes). */
  intervalMs?: number;
  /** Rounds per mailbox with live notifications at least this often (default: intervalMs; needs `health`). */
  liveIntervalMs?: number;
  /** Which mailboxes' notifications are live; without it every mailbox is on `intervalMs`. */
  health?: Pick<SubscriptionHealth, 'isLive'>;
  /** How often the schedule is checked (default a tenth of the interval, at most 30 s). */
  tickMs?: number;
  logger?: Logger;
  now?: () => Date;
}

/** Rounds per mailbox when the runtime is given no interval (CALSYNC_SYNC_INTERVAL_MINUTES defaults to the same 15). */
export const DEFAULT_INTERVAL_MS = 900_000;

const key = (tenantId: string, mailboxId: string): string => `${tenantId}\n${mailboxId.toLowerCase()}`;

/** 'all' enrolled past the plan's seats: how many the directory has, and how many are synced. */
export interface OverSeats {
  seats: number;
  directoryMailboxes: number;
}

export class SyncScheduler {
  /** When each mailbox was last queued (epoch ms); it is due one interval later, the interval as of the tick. */
  private readonly queuedAt = new Map<string, number>();
  private timer: NodeJS.Timeout | undefined;
  private ticking: Promise<unknown> = Promise.resolve();
  private readonly intervalMs: number;
  private readonly liveIntervalMs: number;
  private readonly logger: Logger;
  private readonly now: () => number;
  /** Tenants whose 'all' was cut to their seats at the last look, as it stood then. */
  private readonly overSeatsBy = new Map<string, OverSeats>();

  constructor(private readonly options: SyncSchedulerOptions) {
    this.intervalMs = options.intervalMs ?? DEFAULT_INTERVAL_MS;
    this.liveIntervalMs = options.liveIntervalMs ?? this.intervalMs;
    this.logger = options.logger ?? pino({ level: 'silent' });
    this.now = () => (options.now ?? (() => new Date()))().getTime();
  }

  start(): void {
    if (this.timer) return;
    const tickMs = this.options.tickMs ?? Math.min(30_000, Math.max(1, Math.floor(this.intervalMs / 10)));
    this.timer = setInterval(() => {
      this.ticking = this.tick().catch((err: unknown) => this.logger.error({ err: safeError(err) }, 'schedule tick failed'));
    }, tickMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.ticking;
  }

  /**
   * The tenant's enrolled mailboxes, from its settings (none without settings): 'all' the directory, else the named
   * list and the members of the enrolled groups (the union, once each). A mailbox that leaves every enrolled group
   * is no longer scheduled; its stamps stay until an admin runs undo for it.
   */
  async enrolled(tenantId: string): Promise<string[]> {
    const settings = await this.options.stores.settings.get(tenantId);
    if (!settings) return [];
    if (settings.enrolledMailboxes === 'all') return this.withinSeats(tenantId, [], await this.options.allMailboxes(tenantId));
    const groups = settings.enrolledGroups ?? [];
    if (groups.length === 0 || !this.options.groupMailboxes) return settings.enrolledMailboxes;
    const listed = new Set(settings.enrolledMailboxes.map((m) => m.toLowerCase()));
    const members = new Set<string>();
    for (const groupId of groups) {
      for (const m of await this.options.groupMailboxes(tenantId, groupId)) if (!listed.has(m.toLowerCase())) members.add(m.toLowerCase());
    }
    return this.withinSeats(tenantId, settings.enrolledMailboxes, [...members]);
  }

  /** The tenant's 'all' cut to its seats at the last look; undefined when it fits (or enrols a list). */
  overSeats(tenantId: string): OverSeats | undefined {
    return this.overSeatsBy.get(tenantId);
  }

  /**
   * A directory past the plan's seats (issue #15): the named mailboxes first (a list is never cut: saving one past
   * the seats is refused, seats_exceeded), then the first of the directory's or the groups' mailboxes by address —
   * a stable order, so the same people stay coloured from tick to tick — and the rest are reported, not dropped silently.
   */
  private async withinSeats(tenantId: string, listed: string[], found: string[]): Promise<string[]> {
    const seats = await this.options.seatsOf?.(tenantId);
    const total = listed.length + found.length;
    if (seats === undefined || total <= seats) {
      this.overSeatsBy.delete(tenantId);
      return [...listed, ...found];
    }
    const before = this.overSeatsBy.get(tenantId);
    this.overSeatsBy.set(tenantId, { seats, directoryMailboxes: total });
    if (before?.directoryMailboxes !== total || before.seats !== seats) {
      this.logger.warn({ tenantId, seats, directoryMailboxes: total }, "enrolment is past the plan's seats: only the first mailboxes by address are synced");
    }
    const byAddress = (a: string, b: string) => (a.toLowerCase() < b.toLowerCase() ? -1 : a.toLowerCase() > b.toLowerCase() ? 1 : 0);
    return [...listed, ...[...found].sort(byAddress).slice(0, Math.max(0, seats - listed.length))];
  }

  /** Queues every enrolled mailbox whose round is due; the number queued. */
  async tick(): Promise<number> {
    const now = this.now();
    let queued = 0;
    for (const tenantId of await this.options.tenants()) {
      let enrolled: string[];
      try {
        enrolled = await this.enrolled(tenantId);
      } catch (err) {
        // One tenant's directory not answering must not hold up the others' rounds; it is asked again next tick.
        this.logger.warn({ err: safeError(err), tenantId }, 'enrolled mailboxes could not be listed');
        continue;
      }
      for (const mailboxId of enrolled) {
        const last = this.queuedAt.get(key(tenantId, mailboxId));
        if (last !== undefined && last + this.intervalFor(tenantId, mailboxId, now) > now) continue;
        await this.enqueue({ tenantId, mailboxId, reason: 'schedule' }, now);
        queued++;
        await this.options.subscriptions?.ensure(tenantId, mailboxId).catch((err: unknown) => {
          this.logger.warn({ err: safeError(err), mailbox: mailboxRef(mailboxId) }, 'subscription could not be ensured');
        });
      }
    }
    return queued;
  }

  /**
   * Queues the mailboxes now (rules or settings changed). 'all' = every enrolled mailbox of the tenant; a list
   * is narrowed to enrolled mailboxes, so a personal rule of someone not enrolled queues nothing. `extra`: what
   * the jobs carry besides the mailbox (restoreScheme for the admin's re-apply of the colours).
   */
  async requestResync(tenantId: string, mailboxes: string[] | 'all', extra: Pick<MailboxJob, 'restoreScheme'> = {}): Promise<number> {
    const enrolled = await this.enrolled(tenantId);
    const wanted = mailboxes === 'all' ? enrolled : enrolled.filter((m) => mailboxes.some((w) => w.toLowerCase() === m.toLowerCase()));
    const now = this.now();
    for (const mailboxId of wanted) await this.enqueue({ tenantId, mailboxId, reason: 'resync', ...extra }, now);
    return wanted.length;
  }

  /**
   * Queues an undo round for a mailbox that is not enrolled (one that left every enrolled group keeps its stamps
   * until then); false, and nothing queued, while it is enrolled: the next round would only stamp it again.
   */
  async requestUndo(tenantId: string, mailboxId: string): Promise<boolean> {
    const enrolled = await this.enrolled(tenantId);
    if (enrolled.some((m) => m.toLowerCase() === mailboxId.toLowerCase())) return false;
    await this.options.queue.enqueue({ tenantId, mailboxId, reason: 'resync', undo: true });
    return true;
  }

  /** The mailbox's schedule now: long while its notifications are live, short otherwise. */
  intervalFor(tenantId: string, mailboxId: string, now = this.now()): number {
    return this.options.health?.isLive(tenantId, mailboxId, now) ? this.liveIntervalMs : this.intervalMs;
  }

  private async enqueue(job: MailboxJob, now: number): Promise<void> {
    const ownerId = this.options.ownerOf?.(job.tenantId, job.mailboxId);
    await this.options.queue.enqueue(ownerId ? { ...job, ownerId } : job);
    this.queuedAt.set(key(job.tenantId, job.mailboxId), now);
  }
}
