/** The first round of a mailbox: master categories, then every event in the window gets what the rules give it. */
import { startSyncHarness, type SyncHarness } from './support/harness';
import { ADA, BO, categoriesOf, eventsOf, masterCategoryColors, occurrenceCategories, teamDocument, teamRules } from './support/team';

describe('first sweep', () => {
  let h: SyncHarness;
  beforeAll(async () => {
    h = await startSyncHarness({ document: teamDocument(), rules: teamRules() });
  });
  afterAll(() => h.close());

  test('stamps each event with the categories its rules give, keeps what was there, and records what it stamped', async () => {
    const report = await h.round(ADA);
    expect(report).toMatchObject({ fullRound: true, fullReason: 'first', committed: true, failed: 0, preconditionFailed: 0 });

    expect(categoriesOf(h.sandbox, ADA, 'Customer kickoff')).toEqual(['Customer']);
    expect(categoriesOf(h.sandbox, ADA, 'Focus block')).toEqual(['Focus']);
    expect(categoriesOf(h.sandbox, ADA, 'Lunch')).toEqual([]);
    expect(categoriesOf(h.sandbox, ADA, 'Dentist')).toEqual(['Personal']);
    expect(categoriesOf(h.sandbox, ADA, 'Old customer call')).toEqual(['Customer']);
    expect(categoriesOf(h.sandbox, ADA, 'Partner sync')).toEqual(['External']);
    // A series is stamped once, on its master; every occurrence shows it.
    expect(categoriesOf(h.sandbox, ADA, 'Weekly customer review')).toEqual(['Customer', 'Series']);
    expect(occurrenceCategories(h.sandbox, ADA, 'Weekly customer review')).toEqual(Array(4).fill(['Customer', 'Series']));

    const events = eventsOf(h.sandbox, ADA);
    expect(events.get('Customer kickoff')!.record).toEqual({ stamped: ['Customer'], suppressed: [] });
    expect(events.get('Dentist')!.record).toEqual({ stamped: [], suppressed: [] });
    // Five events changed: kickoff, focus, old call, series master, partner sync — one PATCH each.
    expect(report.stamped).toBe(5);
    expect(report.patches).toBe(5);
    const patches = h.sandbox.accounting.snapshot().byMailbox[ADA]!.patchesByEventId;
    expect(Object.values(patches).every((n) => n === 1)).toBe(true);
    expect(Object.keys(patches)).toHaveLength(5);
  });

  test('creates the rule categories in the master list with the rules colours and leaves others alone', async () => {
    expect(masterCategoryColors(h.sandbox, ADA)).toEqual({
      Personal: 'preset9',
      Customer: 'preset4',
      Focus: 'preset7',
      External: 'preset0',
      Series: 'preset8',
    });
    const state = await h.syncState.get(h.sandbox.tenantId, ADA);
    const created = Object.fromEntries(Object.entries(state!.createdCategories).map(([name, c]) => [name, c.color]));
    expect(created).toEqual({ Customer: 'preset4', Focus: 'preset7', External: 'preset0', Series: 'preset8' });
    const ids = Object.fromEntries([...h.sandbox.store.mailbox(ADA).masterCategories.values()].map((c) => [c.displayName, c.id]));
    expect(state!.createdCategories.Customer!.id).toBe(ids.Customer);
    expect(state!.timeZone).toBe('Europe/London');
    expect(state!.deltaLink).toEqual(expect.stringContaining('$deltatoken='));
  });

  test("an attendee's own copy is stamped in that attendee's mailbox", async () => {
    await h.round(BO);
    expect(categoriesOf(h.sandbox, BO, 'Partner sync')).toEqual(['External']);
    expect(categoriesOf(h.sandbox, BO, 'Focus on taxes')).toEqual(['Focus']);
    expect(categoriesOf(h.sandbox, BO, 'Team standup')).toEqual([]);
  });

  test('a dry run reports what it would change and writes nothing', async () => {
    h.rules = [
      ...teamRules(),
      {
        ...teamRules()[0]!,
        id: 'r_lunch',
        then: { category: 'Lunch', color: 'preset3', stop: false },
        when: { field: 'subject', op: 'equals', value: 'lunch' },
      },
    ];
    const before = h.sandbox.accounting.snapshot().byMailbox[ADA]!.writes;
    const report = await h.round(ADA, { dryRun: true });
    expect(report).toMatchObject({ changed: 1, stamped: 0, patches: 0, committed: false, masterCategoriesCreated: 1 });
    expect(h.sandbox.accounting.snapshot().byMailbox[ADA]!.writes).toBe(before);
    expect(categoriesOf(h.sandbox, ADA, 'Lunch')).toEqual([]);
  });
});
