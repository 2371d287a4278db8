/**
 * bench:day's machinery at a tiny size, so the bench cannot rot: 3 mailboxes × 30 events, the sandbox in this
 * process, a seeded day of changes on the schedule of today (every mailbox due every 15 minutes, live subscription or not). What must hold
 * whatever the timing: every planned change found its event; every event the changes touched ends the day with
 * exactly the categories the final rules give it; the notifications reached CalSync and caused the writes (a
 * latency sample is a notification followed by a PATCH of its event); each rule change queued every mailbox once;
 * the schedule ran all day; each subscription was renewed once. No figure of time is asserted.
 */
import { loadSyncHostConfig } from '../../server/config/sync';
import { DAY_MS, RULE_CHANGES_AT_MS } from './support/day-plan';
import { runDay, WARMUP_BEFORE_MS, type DayResult } from './support/day-run';
import { DayWorld } from './support/day-world';
import { localWorld, type RemoteWorld } from './support/day-world-ipc';

const MAILBOXES = 3;
/**
 * Simulated time between scheduler ticks: an hour keeps the run short (the bench ticks every 30 s, as production
 * does for a 15-minute interval); each tick finds every mailbox due. One worker: with several, two jobs for one
 * mailbox in a step make one "busy", and it waits for the next step (30 s later in production and in the bench,
 * an hour here), so duplicates would pile up step after step.
 */
const STEP_MS = 3_600_000;
const TICKS = DAY_MS / STEP_MS;

describe('bench:day machinery, 3 mailboxes', () => {
  let world: RemoteWorld;
  let result: DayResult;

  beforeAll(async () => {
    const dayStartMs = Math.floor(Date.now() / DAY_MS) * DAY_MS;
    world = localWorld(await DayWorld.start({ mailboxes: MAILBOXES, eventsPerMailbox: 30, seed: 17, clockMs: dayStartMs - WARMUP_BEFORE_MS }));
    result = await runDay(world, {
      label: 'test',
      host: loadSyncHostConfig({
        CALSYNC_SYNC: 'on',
        CALSYNC_SYNC_WORKERS: '1',
        CALSYNC_SYNC_INTERVAL_MINUTES: '15',
        CALSYNC_SYNC_LIVE_INTERVAL_MINUTES: '15',
      }),
      dayStartMs,
      mailboxes: MAILBOXES,
      changesPerMailbox: 20,
      seed: 17,
      idlePollMs: 5,
      stepMs: STEP_MS,
      verify: true,
    });
  }, 180_000);

  afterAll(async () => {
    await world?.stop();
  });

  test('every planned change found its event to change', () => {
    expect(result.changesPlanned).toBeGreaterThan(0);
    expect(result.changesApplied).toBe(result.changesPlanned);
  });

  test('every touched event ends the day with the categories the final rules give it', () => {
    expect(result.check!.wrong).toEqual([]);
    expect(result.check!.checked).toBeGreaterThan(0);
  });

  test('changes reached CalSync as notifications, and the writes they needed followed them', () => {
    expect(result.queueByReason.notification).toBeGreaterThan(0);
    expect(result.latencyMs.length).toBeGreaterThan(0);
    expect(result.latencyMs.every((ms) => ms >= 0)).toBe(true);
    expect(result.graph.notificationsFailed).toBe(0);
  });

  test('each rule change queued every mailbox once, and the schedule ran all day', () => {
    expect(result.queueByReason.resync).toBe(RULE_CHANGES_AT_MS.length * MAILBOXES);
    // A resync moves a mailbox's next scheduled round, so a rule change may take one scheduled round's place.
    expect(result.queueByReason.schedule).toBeGreaterThanOrEqual((TICKS - RULE_CHANGES_AT_MS.length) * MAILBOXES);
    expect(result.queueByReason.schedule).toBeLessThanOrEqual(TICKS * MAILBOXES);
    expect(result.outcomes).toEqual({ done: result.rounds });
    expect(result.graph.quotaUnits).toBeGreaterThanOrEqual(result.rounds);
  });

  test('each subscription was renewed once during the day', () => {
    expect(result.subscriptionsReplaced).toBe(0);
    expect(result.store.byRepository.subscriptions!.writes).toBe(MAILBOXES);
  });
});
