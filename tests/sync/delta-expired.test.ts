/**
 * An expired delta token restarts the round over the whole window, in the same round: Graph's 410
 * SyncStateNotFound, or "a 40X-series error with error codes such as syncStateNotFound"
 * (https://learn.microsoft.com/graph/delta-query-overview#synchronization-reset).
 */
import type { SyncHarness } from './support/harness';
import { syncedTeam } from './support/synced-team';
import { ADA, categoriesOf, editEvent } from './support/team';

describe('expired delta token', () => {
  let h: SyncHarness;
  beforeAll(async () => {
    h = await syncedTeam();
  });
  afterAll(() => h.close());
  let lunch = 'Customer lunch';

  test('the round falls back to a full read, applies changes, and writes nothing already right', async () => {
    editEvent(h.sandbox, ADA, 'Lunch', { subject: 'Customer lunch' });
    h.sandbox.expireDeltaTokens();
    const report = await h.round(ADA);
    expect(report).toMatchObject({ fullRound: true, fullReason: 'delta-expired', committed: true, patches: 1, recordsRead: 0 });
    expect(categoriesOf(h.sandbox, ADA, 'Customer lunch')).toEqual(['Customer']);
    const next = await h.round(ADA);
    expect(next.fullRound).toBe(false);
  });

  test.each([
    [400, 'syncStateNotFound', 'Focus'],
    [404, 'SyncStateNotFound', 'Customer'],
    [400, 'resyncRequired', 'Focus'],
  ])('a %i carrying %s is an expired token too', async (status, code, category) => {
    // Each case flips the event's category, so the full read has exactly one write to make.
    const renamed = `${code} ${status} ${category.toLowerCase()} lunch`;
    editEvent(h.sandbox, ADA, lunch, { subject: renamed });
    lunch = renamed;
    h.sandbox.expireDeltaTokens({ status, code });
    const report = await h.round(ADA);
    expect(report).toMatchObject({ fullRound: true, fullReason: 'delta-expired', committed: true, patches: 1 });
    expect(categoriesOf(h.sandbox, ADA, lunch)).toEqual([category]);
    expect((await h.round(ADA)).fullRound).toBe(false);
  });

  test('another 40X on the delta read is an error, not a resync', async () => {
    h.sandbox.expireDeltaTokens({ status: 403, code: 'ErrorAccessDenied' });
    await expect(h.round(ADA)).rejects.toThrow('calendarView/delta answered 403');
    h.sandbox.expireDeltaTokens({ status: 410, code: 'SyncStateNotFound' });
  });
});
