/**
 * The sync's own window stays within Graph's calendarView limit (1,825 days): the widest window settings accept
 * fits, and a wider stored window is cut rather than have every delta request refused.
 */
import { GRAPH_CALENDAR_VIEW_MAX_DAYS, SYNC_WINDOW_LIMITS } from '../../shared';
import { windowBounds } from '../../server/sync/round-config';
import { startSyncHarness, type SyncHarness } from './support/harness';
import { ADA, categoriesOf, teamDocument, teamRules } from './support/team';

const DAY = 86_400_000;
const NOW = new Date('2026-06-15T13:45:00Z');
const spanDays = (w: { start: Date; end: Date }) => (w.end.getTime() - w.start.getTime()) / DAY;
const widest = { past: SYNC_WINDOW_LIMITS.maxPastDays, future: SYNC_WINDOW_LIMITS.maxFutureDays };

describe('the sync window and Graph’s limit', () => {
  test('the widest window settings accept spans no more than Graph allows', () => {
    expect(spanDays(windowBounds(widest, NOW))).toBe(SYNC_WINDOW_LIMITS.maxPastDays + SYNC_WINDOW_LIMITS.maxFutureDays + 1);
    expect(spanDays(windowBounds(widest, NOW))).toBeLessThanOrEqual(GRAPH_CALENDAR_VIEW_MAX_DAYS);
  });

  test('a wider stored window keeps its start and is cut to 1,825 days at the far end', () => {
    const w = windowBounds({ past: 365, future: 3000 }, NOW);
    expect(w.start.toISOString()).toBe('2025-06-15T00:00:00.000Z');
    expect(spanDays(w)).toBe(GRAPH_CALENDAR_VIEW_MAX_DAYS);
  });

  describe('rounds against the sandbox (which refuses longer windows)', () => {
    let h: SyncHarness;
    beforeAll(async () => {
      h = await startSyncHarness({ document: teamDocument(), rules: teamRules() });
    });
    afterAll(() => h.close());

    test.each([
      ['the widest window settings accept', widest],
      ['a stored window past the limit', { past: 365, future: 3000 }],
    ])('%s: the round reads and stamps', async (_what, syncWindowDays) => {
      h.settings = { internalDomains: ['contoso.com'], syncWindowDays };
      const report = await h.round(ADA);
      expect(report).toMatchObject({ fullRound: true, committed: true });
      expect(categoriesOf(h.sandbox, ADA, 'Customer kickoff')).toEqual(['Customer']);
    });
  });
});
