/** A change of rules or settings re-reads the whole window: stale stamps go, new ones come, colours follow. */
import type { SyncHarness } from './support/harness';
import { syncedTeam } from './support/synced-team';
import { ADA, categoriesOf, masterCategoryColors, rule, teamRules } from './support/team';

describe('rule change', () => {
  let h: SyncHarness;
  beforeAll(async () => {
    h = await syncedTeam();
  });
  afterAll(() => h.close());

  test('removing a rule removes its stamps; a new rule adds its category; unrelated stamps stay', async () => {
    h.rules = [
      ...teamRules().filter((r) => r.id !== 'r_customer'),
      rule('r_lunch', 'Break', 'preset3', { field: 'subject', op: 'contains', value: 'lunch' }, 5),
    ];
    const report = await h.round(ADA);
    expect(report).toMatchObject({ fullRound: true, fullReason: 'config-changed', committed: true, failed: 0 });
    expect(categoriesOf(h.sandbox, ADA, 'Customer kickoff')).toEqual([]);
    expect(categoriesOf(h.sandbox, ADA, 'Old customer call')).toEqual([]);
    expect(categoriesOf(h.sandbox, ADA, 'Weekly customer review')).toEqual(['Series']);
    expect(categoriesOf(h.sandbox, ADA, 'Lunch')).toEqual(['Break']);
    expect(categoriesOf(h.sandbox, ADA, 'Focus block')).toEqual(['Focus']);
    expect(categoriesOf(h.sandbox, ADA, 'Dentist')).toEqual(['Personal']);
    // kickoff, old call, series, lunch: nothing else is written.
    expect(report.patches).toBe(4);
    // The master category CalSync made stays (never deleted).
    expect(masterCategoryColors(h.sandbox, ADA).Customer).toBe('preset4');
  });

  test('a recoloured rule recolours the category CalSync created, never one it did not', async () => {
    h.rules = h.rules.map((r) => (r.id === 'r_focus' ? { ...r, then: { ...r.then, color: 'preset22' } } : r));
    h.rules.push(rule('r_personal', 'Personal', 'preset1', { field: 'subject', op: 'contains', value: 'dentist' }, 9));
    const report = await h.round(ADA);
    expect(report.masterCategoriesRecoloured).toBe(1);
    const colors = masterCategoryColors(h.sandbox, ADA);
    expect(colors.Focus).toBe('preset22');
    expect(colors.Personal).toBe('preset9');
    expect((await h.syncState.get(h.sandbox.tenantId, ADA))!.createdCategories.Focus!.color).toBe('preset22');
  });

  test('a settings change (internal domains) re-evaluates every event', async () => {
    h.settings = { internalDomains: ['contoso.com', 'fabrikam.com'] };
    const report = await h.round(ADA);
    expect(report.fullReason).toBe('config-changed');
    expect(categoriesOf(h.sandbox, ADA, 'Partner sync')).toEqual([]);
  });

  test('after the full round, the next one is incremental and quiet', async () => {
    await h.round(ADA);
    const quiet = await h.round(ADA);
    expect(quiet).toMatchObject({ fullRound: false, requests: 1, patches: 0 });
  });
});
