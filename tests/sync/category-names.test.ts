/**
 * Category names in the master-list sync (issue #12): a look-alike of a category already in the list is that
 * category, and a category named like an Object.prototype member is recorded as CalSync's like any other.
 */
import { startSyncHarness, type SyncHarness } from './support/harness';
import { ADA, masterCategoryColors, rule, teamDocument } from './support/team';

const everything = { all: [] };

describe('master-category names', () => {
  let h: SyncHarness;
  afterEach(() => h.close());

  test('a rule naming a full-width or case variant of an existing category creates no near-duplicate', async () => {
    const document = teamDocument();
    document.users[0]!.masterCategories = [{ displayName: 'External', color: 'preset2' }];
    // "ｅｘｔｅｒｎａｌ" (full-width) reads as "External"; so does "EXTERNAL".
    h = await startSyncHarness({ document, rules: [rule('r_wide', '\uFF45\uFF58\uFF54\uFF45\uFF52\uFF4E\uFF41\uFF4C', 'preset0', everything)] });
    const report = await h.round(ADA);
    expect(report.masterCategoriesCreated).toBe(0);
    expect(Object.keys(masterCategoryColors(h.sandbox, ADA)).sort()).toEqual(['External']);
  });

  test.each(['__proto__', 'constructor', 'toString'])("a category named %s is recorded as CalSync's and later recoloured", async (name) => {
    h = await startSyncHarness({ document: teamDocument(), rules: [rule('r_odd', name, 'preset3', everything)] });
    await h.round(ADA);
    expect(masterCategoryColors(h.sandbox, ADA)[name]).toBe('preset3');
    const state = (await h.syncState.get(h.sandbox.tenantId, ADA))!;
    expect(Object.keys(state.createdCategories)).toEqual([name]);

    h.rules = [rule('r_odd', name, 'preset12', everything)];
    const second = await h.round(ADA); // a rule change makes a full round, which re-reads the master list
    expect(second.masterCategoriesRecoloured).toBe(1);
    expect(masterCategoryColors(h.sandbox, ADA)[name]).toBe('preset12');
  });
});
