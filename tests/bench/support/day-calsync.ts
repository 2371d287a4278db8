/**
 * bench:day's CalSync side, wired as `npm run serve` with CALSYNC_SYNC=on wires it (compose/sync-host.ts): the
 * SQLite store, the in-process queue, the sync runtime built from a SyncHostConfig through the composition root,
 * and the API's POST /api/notifications on loopback for the sandbox to deliver to. The clock is the simulated
 * one; the runtime's own timers (schedule ticks, renewal and inbox passes) are parked, and the day's driver
 * (day-run.ts) calls the same ticks and passes at their simulated times. What the figures need is counted here:
 * store calls by kind, queue messages, CPU while a round is in hand, and when each notification arrived.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { createApp } from '../../../server/app';
import { openGraphAccess, type GraphConnection } from '../../../server/compose/graph';
import { createTenantSync, hostRuntimeOptions } from '../../../server/compose/sync-host';
import type { SyncHostConfig } from '../../../server/config/sync';
import { openSqliteStores } from '../../../server/store/sqlite';
import type { Stores } from '../../../server/store/types';
import { InProcessMailboxQueue } from '../../../server/sync/in-process-queue';
import type { MailboxJob, MailboxQueue, QueueMessage } from '../../../server/sync/mailbox-queue';
import type { SyncRuntime } from '../../../server/sync/sync-runtime';
import type { NotificationReceiver } from '../../../server/sync/ports';
import { tempSqliteDir, type TempDir } from '../../support/sqlite';
import { wallNow, type WorldReady } from './day-world';

/** setInterval's longest delay: the runtime's own timers never fire during a run; the driver ticks instead. */
const PARKED_MS = 2 ** 31 - 1;
const WRITE_METHODS = new Set(['create', 'replace', 'delete', 'applyWrites', 'put', 'append', 'add', 'remove']);
const REPOSITORIES = ['rules', 'ruleVersions', 'settings', 'audit', 'syncState', 'subscriptions', 'notificationInbox'] as const;

export interface StoreCounts {
  reads: number;
  writes: number;
  byRepository: Record<string, { reads: number; writes: number }>;
}

/** The stores with every repository call counted, a read or a write by its method's name. */
function countedStores(stores: Stores, counts: StoreCounts, onWrite: () => void): Stores {
  const wrapped = { ...stores } as Record<string, unknown>;
  for (const name of REPOSITORIES) {
    const repo = stores[name] as unknown as Record<string, unknown>;
    const mine = (counts.byRepository[name] = { reads: 0, writes: 0 });
    wrapped[name] = new Proxy(repo, {
      get(target, prop, receiver) {
        const value = Reflect.get(target, prop, receiver) as unknown;
        if (typeof value !== 'function' || typeof prop !== 'string') return value;
        const write = WRITE_METHODS.has(prop);
        return (...args: unknown[]) => {
          if (!write) {
            counts.reads++;
            mine.reads++;
          } else {
            counts.writes++;
            mine.writes++;
            onWrite();
          }
          return (value as (...a: unknown[]) => unknown).apply(target, args);
        };
      },
    });
  }
  return wrapped as unknown as Stores;
}

/** User + system CPU of this process, in µs. */
const cpuUs = (): number => {
  const c = process.cpuUsage();
  return c.user + c.system;
};

export interface DayCalSyncOptions {
  world: WorldReady;
  host: SyncHostConfig;
  now: () => Date;
  /** The workers' pause between empty receives (production: 1 s; the bench's steps would wait it out each time). */
  idlePollMs: number;
}

export class DayCalSync {
  queueMessages = 0;
  queueByReason: Record<string, number> = {};
  /** How jobs ended (done, busy, deferred, …). */
  outcomes: Record<string, number> = {};
  roundsDone = 0;
  /** CPU while at least one round was in hand (µs). */
  workerCpuUs = 0;
  /** When each notification item arrived, by event id, since the last takeArrivals(). */
  private arrivals: Array<{ eventId: string; at: number }> = [];
  private inHand = 0;
  private inFlightDeliveries = 0;
  private busySinceCpu = 0;
  private waiters: Array<{ ready(): boolean; resolve(): void }> = [];

  private constructor(
    private readonly storeCounts: StoreCounts,
    readonly runtime: SyncRuntime,
    readonly stores: Stores,
    readonly queue: InProcessMailboxQueue,
    readonly access: GraphConnection,
    private readonly server: http.Server,
    private readonly temp: TempDir,
  ) {}

  static async start(options: DayCalSyncOptions): Promise<DayCalSync> {
    const temp = tempSqliteDir('calsync-bench-day-');
    const raw = openSqliteStores({ path: temp.dbPath() });
    const inner = new InProcessMailboxQueue(() => options.now().getTime());
    const access = openGraphAccess(
      { credential: options.world.credential, graphBaseUrl: options.world.baseUrl, caPem: options.world.credential.caPem },
      options.host.workers,
    );
    // The wrappers below call back into the instance, which exists once its parts do.
    const made: { self?: DayCalSync } = {};
    const counts: StoreCounts = { reads: 0, writes: 0, byRepository: {} };
    const stores = countedStores(raw, counts, () => made.self?.changed());
    const queue: MailboxQueue = {
      enqueue: async (job: MailboxJob, delayMs?: number) => {
        await inner.enqueue(job, delayMs);
        made.self!.queueMessages++;
        made.self!.queueByReason[job.reason] = (made.self!.queueByReason[job.reason] ?? 0) + 1;
        made.self!.changed();
      },
      receive: async (max: number, visibilityMs: number) => {
        const messages = await inner.receive(max, visibilityMs);
        for (let i = 0; i < messages.length; i++) made.self!.roundStarted();
        return messages;
      },
      complete: (m: QueueMessage) => inner.complete(m),
      abandon: (m: QueueMessage, delayMs?: number) => inner.abandon(m, delayMs),
      poisoned: () => inner.poisoned(),
      close: () => inner.close(),
    };
    const runtime = createTenantSync({
      stores,
      queue,
      tenants: [options.world.tenantId],
      clientFor: access.clientFor,
      ...hostRuntimeOptions(options.host),
      // As openSyncHost wires the in-process queue (CALSYNC_QUEUE=memory, the default).
      coalesceNotifications: true,
      allMailboxes: async () => options.world.upns,
      now: options.now,
      scheduleTickMs: PARKED_MS,
      renewEveryMs: PARKED_MS,
      drainInboxEveryMs: PARKED_MS,
      idlePollMs: options.idlePollMs,
      onJobDone: (outcome) => made.self!.roundEnded(outcome.kind),
      logger: pino({ level: 'silent' }),
    });
    const receiver: NotificationReceiver = {
      receive: async (items) => {
        made.self!.inFlightDeliveries++;
        const at = wallNow();
        for (const item of items) {
          const id = (item as { resourceData?: { id?: unknown } } | null)?.resourceData?.id;
          if (typeof id === 'string') made.self!.arrivals.push({ eventId: id, at });
        }
        try {
          await runtime.notifications.receive(items);
        } finally {
          made.self!.inFlightDeliveries--;
          made.self!.changed();
        }
      },
    };
    const app = createApp({
      stores,
      verifier: { verify: () => Promise.reject(new Error('bench:day makes no bearer calls')) },
      logger: pino({ level: 'silent' }),
      notifications: receiver,
      // Graph delivers from many addresses; here every delivery comes from 127.0.0.1.
      notificationsPerMinute: 1_000_000_000,
    });
    const server = http.createServer(app);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    made.self = new DayCalSync(counts, runtime, stores, inner, access, server, temp);
    return made.self;
  }

  /** Store calls so far (reads, writes, by repository). */
  storeFigures(): StoreCounts {
    return structuredClone(this.storeCounts);
  }

  resetFigures(): void {
    this.storeCounts.reads = 0;
    this.storeCounts.writes = 0;
    for (const r of Object.values(this.storeCounts.byRepository)) Object.assign(r, { reads: 0, writes: 0 });
    this.queueMessages = 0;
    this.queueByReason = {};
    this.outcomes = {};
    this.roundsDone = 0;
    this.workerCpuUs = 0;
    this.arrivals = [];
  }

  get notificationUrl(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/api/notifications`;
  }

  takeArrivals(): Array<{ eventId: string; at: number }> {
    const out = this.arrivals;
    this.arrivals = [];
    return out;
  }

  private roundStarted(): void {
    if (this.inHand++ === 0) this.busySinceCpu = cpuUs();
  }

  private roundEnded(kind: string): void {
    this.roundsDone++;
    this.outcomes[kind] = (this.outcomes[kind] ?? 0) + 1;
    if (--this.inHand === 0) this.workerCpuUs += cpuUs() - this.busySinceCpu;
    this.changed();
  }

  private isIdle(): boolean {
    return this.inHand === 0 && this.inFlightDeliveries === 0 && this.queue.visibleCount() === 0;
  }

  /** Rechecks the waiters after anything they wait on moved (queue, rounds, deliveries, store writes). */
  private changed(): void {
    const still = [];
    for (const w of this.waiters) {
      if (w.ready()) w.resolve();
      else still.push(w);
    }
    this.waiters = still;
  }

  /** Resolves once `ready` holds, checked now and after each of those moves. */
  until(ready: () => boolean): Promise<void> {
    if (ready()) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ ready, resolve }));
  }

  /** Resolves when no round is queued (visible now) or in hand and no delivery is being handled. */
  idle(): Promise<void> {
    return this.until(() => this.isIdle());
  }

  /** Subscriptions written to the store so far (created or renewed). */
  get subscriptionWrites(): number {
    return this.storeCounts.byRepository.subscriptions?.writes ?? 0;
  }

  async stop(): Promise<void> {
    await this.runtime.stop();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
    await this.queue.close();
    await this.access.close();
    await this.stores.close();
    this.temp.remove();
  }
}
