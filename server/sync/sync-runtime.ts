/**
 * The background sync as one running thing, for any process that hosts it (`npm run serve` with sync on,
 * the `npm start` demo): the scheduler, in-process workers on the queue, Graph subscriptions with their
 * renewals, the notification handler, and the API hooks that re-run mailboxes when rules or settings change.
 * Workers in other processes (server/worker-main.ts) share the queue and the leases; this only adds more.
 */
import type { Client } from '@microsoft/microsoft-graph-client';
import pino, { type Logger } from 'pino';
import type { Stores } from '../store/types';
import type { BackoffPolicy } from './backoff';
import type { MailboxQueue } from './mailbox-queue';
import type { JobOutcome } from './mailbox-worker';
import { CachedSubscriptionStore } from './cached-subscription-store';
import { drainInbox, NotificationHandler } from './notification-handler';
import type { NotificationReceiver, ResyncTriggers, TenantSyncGate } from './ports';
import { resyncHooks } from './resync-hooks';
import type { RoundTuning } from './mailbox-round';
import { safeError } from './safe-error';
import { OwnWrites } from './own-writes';
import { QueuedRounds } from './queued-rounds';
import { SubscriptionHealth } from './subscription-health';
import { SubscriptionManager } from './subscription-manager';
import { SyncScheduler } from './sync-scheduler';
import { createWorkerPool } from './worker-pool';
import type { TenantGate } from './tenant-consent';
import { graphDirectory } from './graph-directory';
import type { SyncControl } from '../domain/sync-control';

export interface SyncRuntimeOptions {
  stores: Stores;
  queue: MailboxQueue;
  /** The tenants to schedule. */
  tenants(): Promise<string[]> | string[];
  /** App-only Graph client for a tenant (its own token: createTenantGraphClients). */
  clientFor(tenantId: string): Client;
  /** Tenants stopped for lack of consent: not scheduled, jobs dropped, subscriptions not renewed. */
  tenantGate?: TenantGate;
  /** Which tenants may be stamped now (tenant-sync-gate.ts); default from the tenant records, every record-less tenant allowed. */
  tenantSyncGate?: TenantSyncGate;
  /** In-process workers, one round each (0 = schedule only, workers run elsewhere); default 4. */
  workers?: number;
  /** Rounds per mailbox at least this often (default 15 minutes). */
  intervalMs?: number;
  /** Rounds per mailbox whose change notifications are live at least this often (default: intervalMs). */
  liveIntervalMs?: number;
  /** How often subscriptions due for renewal are renewed (default 1 hour). */
  renewEveryMs?: number;
  /** How often rounds parked in the notification inbox (a slow queue, a CLI import) are moved to the queue (default 10 s). */
  drainInboxEveryMs?: number;
  /** The personal-rule owner of a mailbox (graphOwnerIds where mailboxes are UPNs); default the mailbox id. */
  ownerIdFor?: (tenantId: string, mailboxId: string) => Promise<string> | string;
  /** Every mailbox of a tenant, for settings that enrol 'all'. */
  allMailboxes?(tenantId: string): Promise<string[]>;
  /** An enrolled group's members with a mailbox (default: Graph transitiveMembers with clientFor's client, uncached). */
  groupMailboxes?(tenantId: string, groupId: string): Promise<string[]>;
  /** A mailbox user's object id when a listing already has it (SyncSchedulerOptions.ownerOf): queued jobs carry it. */
  ownerOf?(tenantId: string, mailboxId: string): string | undefined;
  /** Directory search for the admin's people picker (default: Graph `$search` on /users with clientFor's client). */
  searchDirectory?: SyncControl['searchDirectory'];
  backoff?: BackoffPolicy;
  tuning?: Partial<RoundTuning>;
  /** Worker lease and queue visibility, for tests and small deployments. */
  leaseTtlMs?: number;
  visibilityTimeoutMs?: number;
  idlePollMs?: number;
  /**
   * This process's workers are the queue's only consumers (the in-process queue): a change notification for a
   * mailbox whose round is queued and not started then rides on that round (queued-rounds.ts). Default false.
   */
  coalesceNotifications?: boolean;
  /** How often the scheduler looks for due mailboxes (default a tenth of the interval, at most 30 s). */
  scheduleTickMs?: number;
  /** The sync's clock (schedule, subscriptions, leases, rounds); default the wall clock. bench:day runs a simulated day on it. */
  now?: () => Date;
  logger?: Logger;
  onJobDone?(outcome: JobOutcome): void;
}

export interface SyncRuntime {
  /** Pass to createApp: rule and settings changes queue the affected mailboxes at once. */
  onRulesChanged: ResyncTriggers['onRulesChanged'];
  onSettingsChanged: ResyncTriggers['onSettingsChanged'];
  /** Pass to createApp as syncControl: the admin's "sync now" and directory search. */
  control: SyncControl;
  /** Pass to createApp: POST /api/notifications lands here (answered 503-free before start: items are dropped as unknown). */
  notifications: NotificationReceiver;
  readonly scheduler: SyncScheduler;
  /** Present once started with a notificationUrl (subscriptions are kept in stores.subscriptions). */
  readonly subscriptionManager: SubscriptionManager | undefined;
  /** The API's listening URL is known only after it listens, hence here and not in the options. */
  start(options?: { notificationUrl?: string }): void;
  /** Stops scheduling, lets in-hand jobs finish, waits for background notification work. */
  stop(): Promise<void>;
}

export function createSyncRuntime(options: SyncRuntimeOptions): SyncRuntime {
  const logger = options.logger ?? pino({ level: 'silent' });
  const health = new SubscriptionHealth();
  // Enabled at start with notifications: only then do this process's rounds' writes come back as notifications here.
  const ownWrites = new OwnWrites();
  const queuedRounds = options.coalesceNotifications && (options.workers ?? 4) > 0 ? new QueuedRounds() : undefined;
  const gate = options.tenantGate;
  const tenants = gate ? async () => (await options.tenants()).filter((t) => !gate.isStopped(t)) : options.tenants;
  // One directory for the API and the rounds of this process: one membership cache for effective sets and rounds.
  const directory = graphDirectory(options.clientFor);
  const memberOf = directory.memberOf;
  const groupMailboxes = options.groupMailboxes ?? directory.groupMailboxes;
  const pool = createWorkerPool({
    clientFor: options.clientFor,
    tenantGate: gate,
    tenantSyncGate: options.tenantSyncGate,
    ownerIdFor: options.ownerIdFor,
    memberOf,
    stores: options.stores,
    queue: options.queue,
    workers: options.workers ?? 4,
    leaseTtlMs: options.leaseTtlMs,
    visibilityTimeoutMs: options.visibilityTimeoutMs,
    idlePollMs: options.idlePollMs,
    backoff: options.backoff,
    tuning: options.tuning,
    ownWrites,
    queuedRounds,
    logger,
    now: options.now,
    onJobDone: (outcome) => {
      // A full round this process ran ends a `missed` (rounds in other processes do not: their mailboxes stay on
      // the short schedule, which costs rounds, never changes).
      if (outcome.kind === 'done' && outcome.report.fullRound) health.fullRoundDone(outcome.message.job.tenantId, outcome.message.job.mailboxId);
      options.onJobDone?.(outcome);
    },
  });
  let manager: SubscriptionManager | undefined;
  let handler: NotificationHandler | undefined;
  let renewals: NodeJS.Timeout | undefined;
  let drains: NodeJS.Timeout | undefined;
  let draining: Promise<unknown> = Promise.resolve();
  let renewing: Promise<unknown> = Promise.resolve();
  const scheduler = new SyncScheduler({
    queue: options.queue,
    stores: options.stores,
    tenants,
    allMailboxes: options.allMailboxes ?? (() => Promise.resolve([])),
    groupMailboxes,
    ownerOf: options.ownerOf,
    seatsOf: async (tenantId) => (await options.stores.tenants.get(tenantId))?.plan.seats,
    // Late-bound: the manager exists only after start (it needs the notification URL).
    subscriptions: { ensure: async (tenantId, mailboxId) => manager?.ensure(tenantId, mailboxId) },
    intervalMs: options.intervalMs,
    liveIntervalMs: options.liveIntervalMs,
    health,
    tickMs: options.scheduleTickMs,
    logger,
    now: options.now,
  });
  const ownerIdFor = options.ownerIdFor;
  const hooks = resyncHooks(scheduler, {
    // A personal rule names its owner; the mailbox to re-run is the enrolled one that owner owns.
    mailboxForOwner: ownerIdFor
      ? async (tenantId, ownerId) => {
          for (const mailbox of await scheduler.enrolled(tenantId)) {
            if ((await ownerIdFor(tenantId, mailbox)) === ownerId) return mailbox;
          }
          return undefined;
        }
      : undefined,
  });
  let started = false;

  return {
    onRulesChanged: (change) => hooks.onRulesChanged(change),
    onSettingsChanged: (tenantId) => hooks.onSettingsChanged(tenantId),
    control: {
      enrolled: (tenantId) => scheduler.enrolled(tenantId),
      overSeats: (tenantId) => scheduler.overSeats(tenantId),
      restoreScheme: (tenantId, mailboxIds) => scheduler.requestResync(tenantId, mailboxIds, { restoreScheme: true }),
      undo: (tenantId, mailboxId) => scheduler.requestUndo(tenantId, mailboxId),
      syncNow: async (tenantId, mailboxId) => {
        await scheduler.requestResync(tenantId, [mailboxId]);
      },
      ...directory,
      searchDirectory: options.searchDirectory ?? directory.searchDirectory,
      groupMailboxes,
    },
    notifications: {
      // Before start there is no subscription this process created, so every item would be dropped anyway.
      receive: async (items) => {
        if (handler) await handler.receive(items);
      },
    },
    scheduler,
    get subscriptionManager() {
      return manager;
    },
    start(startOptions = {}) {
      if (started) return;
      started = true;
      if (startOptions.notificationUrl) {
        // One cache for the manager and the handler: the manager's writes forget what the handler remembered.
        const store = new CachedSubscriptionStore(options.stores.subscriptions);
        manager = new SubscriptionManager({
          clientFor: options.clientFor,
          tenantGate: gate,
          store,
          notificationUrl: startOptions.notificationUrl,
          health,
          logger,
          now: options.now,
        });
        const notifications = new NotificationHandler({
          queue: options.queue,
          store,
          subscriptions: manager,
          tenants,
          inbox: options.stores.notificationInbox,
          health,
          ownWrites,
          queuedRounds,
          logger,
        });
        handler = notifications;
        // Only in-process workers report their writes; with none, the echoes of other processes' writes queue rounds.
        ownWrites.enabled = (options.workers ?? 4) > 0;
        const renew = manager;
        renewals = setInterval(() => {
          renewing = renew.renewDue().catch((err: unknown) => logger.warn({ err: safeError(err) }, 'subscription renewal pass failed'));
        }, options.renewEveryMs ?? 3_600_000);
        renewals.unref();
      }
      // With or without notifications: `calsync rules import` parks the mailboxes it affects in the inbox too.
      // Also at once: rounds parked before a restart are queued now, not one interval from now.
      const drain = () => {
        draining = drainInbox(options.stores.notificationInbox, options.queue).catch((err: unknown) =>
          logger.warn({ err: safeError(err) }, 'notification inbox drain failed'),
        );
      };
      drains = setInterval(drain, options.drainInboxEveryMs ?? 10_000);
      drains.unref();
      drain();
      pool.start();
      scheduler.start();
      // The first tick now, not one interval from now: a fresh start syncs at once.
      void scheduler.tick().catch((err: unknown) => logger.error({ err: safeError(err) }, 'first schedule tick failed'));
    },
    async stop() {
      clearInterval(renewals);
      clearInterval(drains);
      await scheduler.stop();
      await pool.stop();
      await renewing;
      await draining;
      await handler?.idle();
    },
  };
}
