/** A person's own choices win: a category added by hand is never removed; one removed by hand is not put back. */
import type { SyncHarness } from './support/harness';
import { syncedTeam } from './support/synced-team';
import { ADA, categoriesOf, editEvent, eventsOf, teamRules } from './support/team';

describe('manual categories', () => {
  let h: SyncHarness;
  beforeAll(async () => {
    h = await syncedTeam();
  });
  afterAll(() => h.close());

  test('a category added by hand stays, even one a rule also names, when the rule stops matching', async () => {
    editEvent(h.sandbox, ADA, 'Lunch', { categories: ['Customer'] }); // by hand; no rule gives Lunch "Customer"
    editEvent(h.sandbox, ADA, 'Customer kickoff', { categories: ['Customer', 'Personal'] });
    await h.round(ADA);
    expect(categoriesOf(h.sandbox, ADA, 'Lunch')).toEqual(['Customer']);
    expect(categoriesOf(h.sandbox, ADA, 'Customer kickoff')).toEqual(['Customer', 'Personal']);
    editEvent(h.sandbox, ADA, 'Customer kickoff', { subject: 'Kickoff' });
    await h.round(ADA);
    // CalSync's own "Customer" goes with the rule; the person's "Personal" stays.
    expect(categoriesOf(h.sandbox, ADA, 'Kickoff')).toEqual(['Personal']);
    expect(categoriesOf(h.sandbox, ADA, 'Lunch')).toEqual(['Customer']);
  });

  test('a stamp removed by hand is not put back while the rule keeps matching', async () => {
    editEvent(h.sandbox, ADA, 'Focus block', { categories: [] });
    const report = await h.round(ADA);
    expect(categoriesOf(h.sandbox, ADA, 'Focus block')).toEqual([]);
    expect(eventsOf(h.sandbox, ADA).get('Focus block')!.record).toEqual({ stamped: [], suppressed: ['Focus'] });
    expect(report.patches).toBe(1); // the record learns the suppression; categories are untouched
    editEvent(h.sandbox, ADA, 'Focus block', { subject: 'Focus block (moved)' });
    await h.round(ADA);
    expect(categoriesOf(h.sandbox, ADA, 'Focus block (moved)')).toEqual([]);
    const quiet = await h.round(ADA);
    expect(quiet.patches).toBe(0);
  });

  test('when the mirror is lost, the record is read from the event before anything is removed', async () => {
    await h.syncState.delete(h.sandbox.tenantId, ADA);
    h.rules = teamRules().filter((r) => r.id !== 'r_customer');
    const report = await h.round(ADA);
    expect(report.recordsRead).toBeGreaterThan(0);
    // "Customer" on Lunch was put there by hand: kept. On the series, CalSync stamped it: removed.
    expect(categoriesOf(h.sandbox, ADA, 'Lunch')).toEqual(['Customer']);
    expect(categoriesOf(h.sandbox, ADA, 'Weekly customer review')).toEqual(['Series']);
    expect(categoriesOf(h.sandbox, ADA, 'Focus block (moved)')).toEqual([]);
  });
});
