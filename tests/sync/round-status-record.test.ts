/** A worker leaves how each round ended in the mailbox's sync state (the admin's sync status reads it). */
import { InProcessMailboxQueue } from '../../server/sync/in-process-queue';
import { THROTTLE_WINDOW_MS } from '../../server/sync/round-status';
import { startSyncStack, type SyncStack } from './support/sync-stack';
import { ADA, BO } from './support/team';

describe('last-round record', () => {
  let s: SyncStack;
  let clock = Date.parse('2026-12-02T09:00:00.000Z');
  const queue = new InProcessMailboxQueue(() => clock);
  const now = () => new Date((clock += 1_000));
  beforeAll(async () => {
    s = await startSyncStack({ queue });
  });
  afterAll(() => s.close());

  test('a finished round records its times, the coloured events of the mirror, and a success', async () => {
    await queue.enqueue({ tenantId: s.tenantId, mailboxId: ADA, reason: 'schedule' });
    await s.worker({ now }).runOnce();
    const state = await s.stores.syncState.get(s.tenantId, ADA);
    const coloured = Object.values(state?.records ?? {}).filter((codes) => codes.some((c) => c >= 0)).length;
    expect(coloured).toBeGreaterThan(0);
    expect(state?.lastRound).toEqual({
      startedAt: expect.any(String),
      endedAt: expect.any(String),
      outcome: 'done',
      eventsColoured: coloured,
      failedEvents: 0,
      error: null,
      lastSuccess: { startedAt: state?.lastRound?.startedAt, endedAt: state?.lastRound?.endedAt },
    });
    expect(Date.parse(state!.lastRound!.endedAt)).toBeGreaterThan(Date.parse(state!.lastRound!.startedAt));
  });

  test('a round that throws records the error kind, keeps the last success, and releases the lease', async () => {
    await queue.enqueue({ tenantId: s.tenantId, mailboxId: BO, reason: 'schedule' });
    await s.worker({ now }).runOnce();
    const first = (await s.stores.syncState.get(s.tenantId, BO))?.lastRound;
    expect(first?.outcome).toBe('done');
    const failing = s.worker({
      now,
      round: {
        loadRules: async () => {
          throw Object.assign(new Error('secret detail bo@contoso.com'), { name: 'StoreError', code: 'unavailable' });
        },
        gates: s.harness.gates,
      },
    });
    await queue.enqueue({ tenantId: s.tenantId, mailboxId: BO, reason: 'resync' });
    await failing.runOnce();
    const state = await s.stores.syncState.get(s.tenantId, BO);
    expect(state?.lease).toBeNull();
    expect(state?.lastRound).toMatchObject({ outcome: 'failed', error: { name: 'StoreError', code: 'unavailable' }, lastSuccess: first?.lastSuccess });
    expect(JSON.stringify(state?.lastRound)).not.toContain('secret');
  });

  test("429s are kept with the record per round for an hour, also from a round that Graph's long Retry-After ended", async () => {
    const delta = { level: 'top', path: /calendarView\/delta$/ } as const;
    // Two short 429s the round waits out, then a round ended by a Retry-After of ten minutes.
    s.harness.sandbox.faults.script({ kind: 'status', status: 429, retryAfterSeconds: 0, match: delta }, { kind: 'status', status: 429, match: delta });
    await queue.enqueue({ tenantId: s.tenantId, mailboxId: ADA, reason: 'resync' });
    await s.worker({ now }).runOnce();
    const first = (await s.stores.syncState.get(s.tenantId, ADA))!.lastRound!;
    expect(first.outcome).toBe('done');
    expect(first.throttled).toEqual([[first.endedAt, 2]]);

    s.harness.sandbox.faults.script({ kind: 'status', status: 429, retryAfterSeconds: 600, match: delta });
    await queue.enqueue({ tenantId: s.tenantId, mailboxId: ADA, reason: 'resync' });
    await s.worker({ now }).runOnce();
    const second = (await s.stores.syncState.get(s.tenantId, ADA))!.lastRound!;
    expect(second.outcome).toBe('failed');
    expect(second.throttled).toEqual([
      [first.endedAt, 2],
      [second.endedAt, 1],
    ]);

    // An hour on, a quiet round drops the old tally.
    clock += THROTTLE_WINDOW_MS;
    await queue.enqueue({ tenantId: s.tenantId, mailboxId: ADA, reason: 'resync' });
    await s.worker({ now }).runOnce();
    const third = (await s.stores.syncState.get(s.tenantId, ADA))!.lastRound!;
    expect(third.outcome).toBe('done');
    expect(third.throttled).toBeUndefined();
  });
});
