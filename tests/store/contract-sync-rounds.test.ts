/**
 * The round summaries across a tenant's sync state, on both stores: one per mailbox with state, its lease and last
 * round only (no address, no records), the tenant's own mailboxes and no other tenant's, and the latest save's.
 */
import { emptySyncState, type LastRoundRecord, type StoredSyncState } from '../../server/store/sync-state';
import type { Stores } from '../../server/store/types';
import { STORE_KINDS, storeHarness, type StoreHarness } from '../support/stores';

const T1 = 'aaaaaaaa-0000-4000-8000-00000000000a';
const T2 = 'bbbbbbbb-0000-4000-8000-00000000000b';

const round = (endedAt: string, overrides: Partial<LastRoundRecord> = {}): LastRoundRecord => ({
  startedAt: '2026-12-03T08:00:00.000Z',
  endedAt,
  outcome: 'done',
  eventsColoured: 3,
  failedEvents: 0,
  error: null,
  lastSuccess: { startedAt: '2026-12-03T08:00:00.000Z', endedAt },
  ...overrides,
});

describe.each(STORE_KINDS)('%s store: sync round summaries', (kind) => {
  let harness: StoreHarness;
  let s: Stores;
  beforeAll(async () => {
    harness = await storeHarness(kind);
  });
  afterAll(() => harness.close());
  beforeEach(async () => {
    s = await harness.open();
  });

  test("one summary per mailbox of the tenant, with the latest lease and round, and nothing of another tenant's", async () => {
    const withRecords = { ...emptySyncState(T1, 'ada@contoso.com'), records: { 'event-1': [0] }, names: ['External'] };
    const ada: StoredSyncState = await s.syncState.put({ ...withRecords, lastRound: round('2026-12-03T08:01:00.000Z') }, null);
    await s.syncState.put({ ...withRecords, lastRound: round('2026-12-03T08:30:00.000Z', { throttled: [['2026-12-03T08:30:00.000Z', 4]] }) }, ada.etag);
    const lease = { holder: 'w1', expiresAt: '2026-12-03T09:00:00.000Z' };
    await s.syncState.put({ ...emptySyncState(T1, 'bo@contoso.com'), lease }, null);
    await s.syncState.put({ ...emptySyncState(T2, 'cy@fabrikam.com'), lastRound: round('2026-12-03T08:05:00.000Z') }, null);

    const summaries = await s.syncRounds.ofTenant(T1);
    const byEnd = (x: { lastRound: LastRoundRecord | null }) => x.lastRound?.endedAt ?? '';
    expect(summaries.sort((a, b) => byEnd(a).localeCompare(byEnd(b)))).toEqual([
      { lease, lastRound: null },
      { lease: null, lastRound: round('2026-12-03T08:30:00.000Z', { throttled: [['2026-12-03T08:30:00.000Z', 4]] }) },
    ]);
    expect(JSON.stringify(summaries)).not.toMatch(/ada@|bo@|event-1/);
    expect(await s.syncRounds.ofTenant(T2)).toHaveLength(1);
    expect(await s.syncRounds.ofTenant('cccccccc-0000-4000-8000-00000000000c')).toEqual([]);
  });

  test('a deleted state has no summary', async () => {
    await s.syncState.put({ ...emptySyncState(T1, 'ada@contoso.com'), lastRound: round('2026-12-03T08:01:00.000Z') }, null);
    await s.syncState.delete(T1, 'ada@contoso.com');
    expect(await s.syncRounds.ofTenant(T1)).toEqual([]);
  });
});
