/** An expired delta token (410 SyncStateNotFound) restarts the round over the whole window, in the same round. */
import type { SyncHarness } from './support/harness';
import { syncedTeam } from './support/synced-team';
import { ADA, categoriesOf, editEvent } from './support/team';

describe('expired delta token', () => {
  let h: SyncHarness;
  beforeAll(async () => {
    h = await syncedTeam();
  });
  afterAll(() => h.close());

  test('the round falls back to a full read, applies changes, and writes nothing already right', async () => {
    editEvent(h.sandbox, ADA, 'Lunch', { subject: 'Customer lunch' });
    h.sandbox.expireDeltaTokens();
    const report = await h.round(ADA);
    expect(report).toMatchObject({ fullRound: true, fullReason: 'delta-expired', committed: true, patches: 1, recordsRead: 0 });
    expect(categoriesOf(h.sandbox, ADA, 'Customer lunch')).toEqual(['Customer']);
    const next = await h.round(ADA);
    expect(next.fullRound).toBe(false);
  });
});
