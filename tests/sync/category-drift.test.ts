/**
 * A scheme the organisation governs (issue #16): an org category recoloured or deleted in a mailbox is reported
 * as drift; `enforce` (the default) restores CalSync's category, `allow` leaves the person's choice; a same-named
 * category the person made is reported and never touched; a personal rule's category is never drift.
 */
import { startSyncHarness, type SyncHarness } from './support/harness';
import { ADA, masterCategoryColors, teamDocument, teamRules } from './support/team';

describe.each(['enforce', 'allow'] as const)('categoryPolicy %s', (policy) => {
  let h: SyncHarness;
  const enforce = policy === 'enforce';
  const mailboxCategory = (name: string) => [...h.sandbox.store.mailbox(ADA).masterCategories.values()].find((c) => c.displayName === name);

  beforeEach(async () => {
    // Every round checks the master list, so each test's change is seen by its next round.
    h = await startSyncHarness({
      document: teamDocument(),
      rules: teamRules(),
      settings: { internalDomains: ['contoso.com'], categoryPolicy: policy },
      tuning: { mailboxRefreshMs: 0 },
    });
    await h.round(ADA);
  });
  afterEach(() => h.close());

  test('a round with the scheme intact reports no drift', async () => {
    expect((await h.round(ADA)).categoryDrift).toEqual([]);
  });

  test('an org category the person recoloured is reported, and restored only under enforce', async () => {
    const focus = mailboxCategory('Focus')!;
    const scheme = focus.color;
    focus.color = 'preset20';
    const report = await h.round(ADA);
    expect(report.categoryDrift).toEqual([{ category: 'Focus', expected: scheme, actual: 'preset20', restored: enforce }]);
    expect(masterCategoryColors(h.sandbox, ADA).Focus).toBe(enforce ? scheme : 'preset20');
    // Under allow the person's colour stays round after round, and is reported each time.
    const again = await h.round(ADA);
    expect(again.categoryDrift).toEqual(enforce ? [] : [{ category: 'Focus', expected: scheme, actual: 'preset20', restored: false }]);
  });

  test('an org category CalSync made and the person deleted is reported, and made again only under enforce', async () => {
    const focus = mailboxCategory('Focus')!;
    h.sandbox.store.mailbox(ADA).masterCategories.delete(focus.id);
    const report = await h.round(ADA);
    expect(report.categoryDrift).toEqual([{ category: 'Focus', expected: focus.color, actual: null, restored: enforce }]);
    expect(mailboxCategory('Focus') !== undefined).toBe(enforce);
    // allow does not make it again at the next check either.
    await h.round(ADA);
    expect(mailboxCategory('Focus') !== undefined).toBe(enforce);
  });

  test('a same-named category the person made is reported but never recoloured', async () => {
    const mailbox = h.sandbox.store.mailbox(ADA);
    const focus = mailboxCategory('Focus')!;
    mailbox.masterCategories.delete(focus.id);
    mailbox.masterCategories.set('mine', { id: 'mine', displayName: 'Focus', color: 'preset2' });
    const report = await h.round(ADA);
    expect(report.categoryDrift).toEqual([{ category: 'Focus', expected: focus.color, actual: 'preset2', restored: false }]);
    expect(masterCategoryColors(h.sandbox, ADA).Focus).toBe('preset2');
  });

  test("a personal rule's category is the person's: never drift", async () => {
    h.rules = h.rules.map((r) => (r.id === 'r_focus' ? { ...r, scope: 'personal' } : r));
    await h.round(ADA);
    mailboxCategory('Focus')!.color = 'preset20';
    expect((await h.round(ADA)).categoryDrift).toEqual([]);
  });
});
