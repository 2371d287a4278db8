/** A worker leaves how each round ended in the mailbox's sync state (the admin's sync status reads it). */
import { InProcessMailboxQueue } from '../../server/sync/in-process-queue';
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
});
