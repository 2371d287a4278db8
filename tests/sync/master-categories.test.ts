/** The master category list: created with the rule colour, recoloured only when CalSync made it, never deleted. */
import { startSyncHarness, type SyncHarness } from './support/harness';
import { ADA, masterCategoryColors, teamDocument, teamRules } from './support/team';

describe('master categories', () => {
  let h: SyncHarness;
  beforeAll(async () => {
    h = await startSyncHarness({ document: teamDocument(), rules: teamRules() });
    await h.round(ADA);
  });
  afterAll(() => h.close());

  const recolourFocus = (color: string) => {
    h.rules = h.rules.map((r) => (r.id === 'r_focus' ? { ...r, then: { ...r.then, color: color as typeof r.then.color } } : r));
  };

  test('a category CalSync made that the person deleted and made again is theirs: never recoloured', async () => {
    const mailbox = h.sandbox.store.mailbox(ADA);
    const focus = [...mailbox.masterCategories.values()].find((c) => c.displayName === 'Focus')!;
    mailbox.masterCategories.delete(focus.id);
    recolourFocus('preset11');
    const report = await h.round(ADA);
    // Missing again: created again with the rule's colour, and CalSync's once more.
    expect(report.masterCategoriesCreated).toBe(1);
    expect(masterCategoryColors(h.sandbox, ADA).Focus).toBe('preset11');
    expect((await h.syncState.get(h.sandbox.tenantId, ADA))!.createdCategories.Focus!.color).toBe('preset11');

    const again = [...mailbox.masterCategories.values()].find((c) => c.displayName === 'Focus')!;
    mailbox.masterCategories.delete(again.id);
    mailbox.masterCategories.set('mine', { id: 'mine', displayName: 'focus', color: 'preset2' }); // the person's own
    recolourFocus('preset13');
    const third = await h.round(ADA);
    expect(third).toMatchObject({ masterCategoriesCreated: 0, masterCategoriesRecoloured: 0 });
    expect(masterCategoryColors(h.sandbox, ADA).focus).toBe('preset2');
    expect((await h.syncState.get(h.sandbox.tenantId, ADA))!.createdCategories.Focus).toBeUndefined();
  });

  test('incremental rounds do not read the master list (a no-change round is one request)', async () => {
    await h.round(ADA);
    const quiet = await h.round(ADA);
    expect(quiet).toMatchObject({ fullRound: false, requests: 1, masterCategoriesCreated: 0 });
  });
});
