/** A series is stamped on its master; an exception is its own item with its own categories. */
import type { SeedDocument } from '../../graph-sandbox/src/index';
import { startSyncHarness, type SyncHarness } from './support/harness';
import { ADA, at, categoriesOf, occurrenceCategories, teamRules } from './support/team';

function seriesWithException(): SeedDocument {
  const start = at(1, 10);
  return {
    users: [{ userPrincipalName: ADA, displayName: 'Ada Lovelace', timeZone: 'UTC' }],
    events: [
      {
        organizer: ADA,
        subject: 'Customer weekly',
        start: { dateTime: start, timeZone: 'UTC' },
        end: { dateTime: at(1, 11), timeZone: 'UTC' },
        recurrence: { pattern: { type: 'daily', interval: 7 }, range: { type: 'numbered', startDate: start.slice(0, 10), numberOfOccurrences: 3 } },
        exceptions: [{ originalStart: at(8, 10), patch: { subject: 'Internal weekly' } }],
      },
    ],
  } as SeedDocument;
}

describe('recurring events', () => {
  let h: SyncHarness;
  beforeAll(async () => {
    h = await startSyncHarness({ document: seriesWithException(), rules: teamRules() });
  });
  afterAll(() => h.close());

  test('occurrences carry the master stamp; the exception gets what its own fields give; then quiet', async () => {
    const first = await h.round(ADA);
    expect(first.failed).toBe(0);
    expect(categoriesOf(h.sandbox, ADA, 'Customer weekly')).toEqual(['Customer', 'Series']);
    expect(occurrenceCategories(h.sandbox, ADA, 'Customer weekly')).toEqual([['Customer', 'Series'], ['Series'], ['Customer', 'Series']]);
    // Master once, exception once.
    expect(first.patches).toBe(2);
    const second = await h.round(ADA); // the master's write re-reports every instance
    expect(second.eventsScanned).toBeGreaterThan(0);
    expect(second.patches).toBe(0);
    const quiet = await h.round(ADA);
    expect(quiet).toMatchObject({ patches: 0, requests: 1 });
  });
});
