/** After the first sweep (state in SQLite), a round reads only what changed: edits are re-evaluated, deletions forgotten. */
import Database from 'better-sqlite3';
import { SqliteSyncStateRepository } from '../../server/store/sqlite/sync-state';
import { startSyncHarness, type SyncHarness } from './support/harness';
import { ADA, categoriesOf, editEvent, eventsOf, occurrenceCategories, removeEvent, teamDocument, teamRules } from './support/team';

describe('incremental round', () => {
  let h: SyncHarness;
  beforeAll(async () => {
    // This file keeps its sync state in SQLite, the embedded store.
    h = await startSyncHarness({ document: teamDocument(), rules: teamRules(), syncState: new SqliteSyncStateRepository(new Database(':memory:')) });
    await h.round(ADA);
    await h.round(ADA); // reads the first sweep's own writes back
  });
  afterAll(() => h.close());

  test('an edited subject gains and loses exactly the categories its rules now give', async () => {
    editEvent(h.sandbox, ADA, 'Lunch', { subject: 'Lunch with customer' });
    editEvent(h.sandbox, ADA, 'Focus block', { subject: 'Quiet block' });
    const report = await h.round(ADA);
    expect(report).toMatchObject({ fullRound: false, eventsScanned: 2, stamped: 2, patches: 2, committed: true });
    expect(categoriesOf(h.sandbox, ADA, 'Lunch with customer')).toEqual(['Customer']);
    expect(categoriesOf(h.sandbox, ADA, 'Quiet block')).toEqual([]);
    expect(eventsOf(h.sandbox, ADA).get('Quiet block')!.record).toEqual({ stamped: [], suppressed: [] });
  });

  test('a deleted event is dropped from the mirror and never written', async () => {
    const id = eventsOf(h.sandbox, ADA).get('Old customer call')!.id;
    expect((await h.syncState.get(h.sandbox.tenantId, ADA))!.records[id]).toBeDefined();
    removeEvent(h.sandbox, ADA, 'Old customer call');
    const report = await h.round(ADA);
    expect(report).toMatchObject({ removed: 1, patches: 0, committed: true });
    expect((await h.syncState.get(h.sandbox.tenantId, ADA))!.records[id]).toBeUndefined();
  });

  test('a series whose subject changes is restamped once, on its master', async () => {
    editEvent(h.sandbox, ADA, 'Weekly customer review', { subject: 'Weekly focus review' });
    const report = await h.round(ADA);
    expect(report.patches).toBe(1);
    expect(categoriesOf(h.sandbox, ADA, 'Weekly focus review')).toEqual(['Series', 'Focus']);
    expect(occurrenceCategories(h.sandbox, ADA, 'Weekly focus review')).toEqual(Array(4).fill(['Series', 'Focus']));
  });

  test('the next round after those writes is quiet', async () => {
    h.sandbox.accounting.reset();
    await h.round(ADA);
    const quiet = await h.round(ADA);
    expect(quiet).toMatchObject({ requests: 1, patches: 0 });
  });
});
