/** Undo removes exactly what CalSync stamped: nothing a person added, nothing it did not stamp. */
import type { SyncHarness } from './support/harness';
import { syncedTeam } from './support/synced-team';
import { ADA, categoriesOf, editEvent, eventsOf, masterCategoryColors, occurrenceCategories } from './support/team';

describe('undo', () => {
  let h: SyncHarness;
  beforeAll(async () => {
    h = await syncedTeam();
    editEvent(h.sandbox, ADA, 'Customer kickoff', { categories: ['Customer', 'Personal'] });
    editEvent(h.sandbox, ADA, 'Lunch', { categories: ['Focus'] }); // a rule category, added by hand
    await h.round(ADA);
  });
  afterAll(() => h.close());

  test('removes every stamp and nothing else, and forgets the records', async () => {
    const report = await h.round(ADA, { mode: 'undo' });
    expect(report).toMatchObject({ mode: 'undo', fullRound: true, failed: 0 });
    expect(categoriesOf(h.sandbox, ADA, 'Customer kickoff')).toEqual(['Personal']);
    expect(categoriesOf(h.sandbox, ADA, 'Lunch')).toEqual(['Focus']);
    expect(categoriesOf(h.sandbox, ADA, 'Focus block')).toEqual([]);
    expect(categoriesOf(h.sandbox, ADA, 'Dentist')).toEqual(['Personal']);
    expect(categoriesOf(h.sandbox, ADA, 'Weekly customer review')).toEqual([]);
    expect(occurrenceCategories(h.sandbox, ADA, 'Weekly customer review')).toEqual(Array(4).fill([]));
    for (const e of eventsOf(h.sandbox, ADA).values()) expect(e.record.stamped).toEqual([]);
    // Master categories are never deleted.
    expect(Object.keys(masterCategoryColors(h.sandbox, ADA)).sort()).toEqual(['Customer', 'External', 'Focus', 'Personal', 'Series']);
  });

  test('a second undo writes nothing; the next sync is a full round that stamps again', async () => {
    const again = await h.round(ADA, { mode: 'undo' });
    expect(again.patches).toBe(0);
    const sync = await h.round(ADA);
    expect(sync.fullReason).toBe('first');
    expect(categoriesOf(h.sandbox, ADA, 'Focus block')).toEqual(['Focus']);
    expect(categoriesOf(h.sandbox, ADA, 'Customer kickoff')).toEqual(['Personal', 'Customer']);
  });

  test('undo after the sync state was lost reads each categorised event and still removes only stamps', async () => {
    await h.syncState.delete(h.sandbox.tenantId, ADA);
    const report = await h.round(ADA, { mode: 'undo' });
    expect(report.recordsRead).toBeGreaterThan(0);
    expect(categoriesOf(h.sandbox, ADA, 'Customer kickoff')).toEqual(['Personal']);
    expect(categoriesOf(h.sandbox, ADA, 'Lunch')).toEqual(['Focus']);
    expect(categoriesOf(h.sandbox, ADA, 'Focus block')).toEqual([]);
  });
});
