/**
 * bench:day's driver: one simulated day of a fleet at steady state. CalSync first sweeps every mailbox two
 * simulated days before the day (so each subscription comes up for renewal during it, and the window slides at
 * midnight as it does each day); then, every 30 simulated seconds, the changes due are made in the sandbox, a rule
 * change is saved when due, the hourly renewal pass runs, the scheduler ticks — and the step waits until every
 * notification was delivered and every round it caused has finished before the clock moves on. Simulated time
 * stands still while CalSync works, so the change → category latency is measured in real time: from the
 * notification's arrival at POST /api/notifications to the PATCH landing in the sandbox.
 */
import type { Rule } from '../../../shared';
import type { SyncHostConfig } from '../../../server/config/sync';
import type { StoredRuleInput, Stores } from '../../../server/store/types';
import { DayCalSync, type StoreCounts } from './day-calsync';
import { DAY_MS, DAY_RULES, planDay, RENEW_EVERY_MS, RULE_CHANGES_AT_MS, RULE_EDITS, STEP_MS } from './day-plan';
import { checkCategories, type CategoryCheck } from './day-verify';
import type { GraphFigures, StepTrace } from './day-world';
import type { RemoteWorld } from './day-world-ipc';

/** The first sweep happens this long before the day (see the file comment). */
export const WARMUP_BEFORE_MS = 2 * DAY_MS;

export interface DayRunOptions {
  label: string;
  host: SyncHostConfig;
  /** 00:00 UTC of the simulated day (epoch ms); the world's clock starts WARMUP_BEFORE_MS earlier. */
  dayStartMs: number;
  mailboxes: number;
  changesPerMailbox: number;
  seed: number;
  idlePollMs: number;
  /** Simulated time between scheduler ticks (default STEP_MS, production's check period for a 15-minute interval). */
  stepMs?: number;
  /** Read back every touched event at the end and check its categories (costs a GET per event). */
  verify: boolean;
  progress?(line: string): void;
}

export interface DayResult {
  label: string;
  mailboxes: number;
  changesPlanned: number;
  changesApplied: number;
  rounds: number;
  queueMessages: number;
  /** Queue messages by the job's reason (schedule, resync, notification, missed). */
  queueByReason: Record<string, number>;
  outcomes: Record<string, number>;
  /** CPU of the CalSync process while at least one round was in hand. */
  workerCpuMs: number;
  /** CPU of the CalSync process over the whole day (notification endpoint, scheduler, renewals, idle polls too). */
  processCpuMs: number;
  graph: GraphFigures;
  store: StoreCounts;
  /** Real ms from a change's notification arriving to CalSync's PATCH of that event landing, per change that needed one. */
  latencyMs: number[];
  /** Mailboxes whose subscription was replaced by a new one during the day (renewals keep the id). */
  subscriptionsReplaced: number;
  check?: CategoryCheck;
}

const cpuMs = (): number => {
  const c = process.cpuUsage();
  return (c.user + c.system) / 1000;
};

const ruleBody = (r: Rule) => ({ name: r.name, enabled: r.enabled, order: r.order, when: r.when, then: r.then });

/** Saves the org rules as `rules` (replace what changed, create what is new), as the Rules API's writes would. */
async function saveRules(stores: Stores, tenantId: string, rules: readonly Rule[], at: Date): Promise<void> {
  const stored = new Map((await stores.rules.listAll({ tenantId, scope: 'org' })).map((r) => [r.id, r]));
  for (const rule of rules) {
    const old = stored.get(rule.id);
    const meta = {
      tenantId,
      ownerId: null,
      createdAt: old?.createdAt ?? at.toISOString(),
      createdBy: 'bench',
      updatedAt: at.toISOString(),
      updatedBy: 'bench',
    };
    const input: StoredRuleInput = { ...rule, ...meta };
    if (!old) await stores.rules.create(input);
    else if (JSON.stringify(ruleBody(old)) !== JSON.stringify(ruleBody(rule))) await stores.rules.replace(input, old.etag);
  }
}

/** For each event the step's changes touched: its first notification's arrival → CalSync's first write after it. */
function stepLatencies(trace: StepTrace, arrivals: Array<{ eventId: string; at: number }>): number[] {
  const firstAfter = (list: Array<{ eventId: string; at: number }>, eventId: string, from: number): number | undefined => {
    let best: number | undefined;
    for (const x of list) if (x.eventId === eventId && x.at >= from && (best === undefined || x.at < best)) best = x.at;
    return best;
  };
  const touchedAt = new Map<string, number>();
  for (const t of trace.touched) if (!touchedAt.has(t.eventId)) touchedAt.set(t.eventId, t.at);
  const out: number[] = [];
  for (const [eventId, at] of touchedAt) {
    const arrived = firstAfter(arrivals, eventId, at);
    const landed = arrived === undefined ? undefined : firstAfter(trace.landed, eventId, arrived);
    if (arrived !== undefined && landed !== undefined) out.push(landed - arrived);
  }
  return out;
}

export async function runDay(world: RemoteWorld, options: DayRunOptions): Promise<DayResult> {
  const ready = await world.ready();
  let clock = options.dayStartMs - WARMUP_BEFORE_MS;
  const calsync = await DayCalSync.start({ world: ready, host: options.host, now: () => new Date(clock), idlePollMs: options.idlePollMs });
  const { stores, runtime } = calsync;
  const tenantId = ready.tenantId;
  const setClock = async (ms: number) => {
    clock = ms;
    await world.setClock(ms);
  };
  /** Until every notification sent so far was answered and every round it caused finished, with nothing new since. */
  const quiesce = async () => {
    for (let i = 0; i < 10_000; i++) {
      // Notifications are queued only by changes: none since every queued one was answered and its rounds ran = done.
      const delivered = await world.settledCount();
      await calsync.idle();
      if ((await world.changeCount()) === delivered) return;
    }
    throw new Error('the day does not settle: changes keep coming');
  };
  try {
    await setClock(clock);
    await stores.settings.put(
      {
        tenantId,
        internalDomains: ['contoso.com'],
        enrolledMailboxes: ready.upns,
        syncWindowDays: { past: 30, future: 365 },
        orgRulesLocked: false,
        updatedAt: new Date(clock).toISOString(),
        updatedBy: 'bench',
      },
      null,
    );
    let rules: Rule[] = [...DAY_RULES];
    await saveRules(stores, tenantId, rules, new Date(clock));
    runtime.start({ notificationUrl: calsync.notificationUrl });
    // The first tick (started by start()) subscribes each mailbox as it queues it: done once all are subscribed.
    await calsync.until(() => calsync.subscriptionWrites >= ready.upns.length);
    await quiesce();
    options.progress?.(`${options.label}: first sweep done (${calsync.roundsDone} rounds)`);

    const subscriptionIds = async () => Promise.all(ready.upns.map(async (upn) => (await stores.subscriptions.forMailbox(tenantId, upn))?.subscriptionId));
    const idsBefore = await subscriptionIds();
    const plan = planDay(ready.upns.length, options.changesPerMailbox, options.seed);
    await setClock(options.dayStartMs);
    await world.takeTrace();
    calsync.takeArrivals();
    await world.resetFigures();
    calsync.resetFigures();
    const processCpu = cpuMs();
    const latencyMs: number[] = [];
    let next = 0;
    let applied = 0;
    let ruleChange = 0;
    const stepMs = options.stepMs ?? STEP_MS;
    for (let offset = 0; offset < DAY_MS; offset += stepMs) {
      const due = [];
      while (next < plan.length && plan[next]!.atMs < offset + stepMs) due.push(plan[next++]!);
      clock = options.dayStartMs + offset;
      applied += await world.step(clock, due);
      if (ruleChange < RULE_CHANGES_AT_MS.length && RULE_CHANGES_AT_MS[ruleChange]! < offset + stepMs) {
        rules = RULE_EDITS[ruleChange++]!(rules);
        await saveRules(stores, tenantId, rules, new Date(clock));
        await runtime.onRulesChanged({ tenantId, ownerId: null });
      }
      if (Math.floor(offset / RENEW_EVERY_MS) !== Math.floor((offset - stepMs) / RENEW_EVERY_MS)) await runtime.subscriptionManager!.renewDue();
      await runtime.scheduler.tick();
      await quiesce();
      latencyMs.push(...stepLatencies(await world.takeTrace(), calsync.takeArrivals()));
      if (offset % (4 * 3_600_000) === 0) options.progress?.(`${options.label}: ${offset / 3_600_000} h, ${calsync.roundsDone} rounds`);
    }
    const result: DayResult = {
      label: options.label,
      mailboxes: ready.upns.length,
      changesPlanned: plan.length,
      changesApplied: applied,
      rounds: calsync.roundsDone,
      queueMessages: calsync.queueMessages,
      queueByReason: { ...calsync.queueByReason },
      outcomes: { ...calsync.outcomes },
      workerCpuMs: calsync.workerCpuUs / 1000,
      processCpuMs: cpuMs() - processCpu,
      graph: await world.figures(),
      store: calsync.storeFigures(),
      latencyMs,
      subscriptionsReplaced: 0,
    };
    result.subscriptionsReplaced = (await subscriptionIds()).filter((id, i) => id !== idsBefore[i]).length;
    if (options.verify) result.check = await checkCategories(calsync.access.client, stores, tenantId, await world.touchedEvents(), new Date(clock));
    return result;
  } finally {
    await calsync.stop();
  }
}
