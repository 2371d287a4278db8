/** The per-event stamping plan: exact removal, manual categories kept, manual removals respected, no write loops. */
import fc from 'fast-check';
import { EMPTY_RECORD, parseStampRecord, planStamp, planUndo, serializeStampRecord, type StampRecord } from '../../../shared';

const names = fc.uniqueArray(fc.constantFrom('External', '1:1', 'Focus', 'Billable', 'Travel', 'Blue', 'Mine'), { maxLength: 5 });

/** Applies plans round after round, as the sync does, with the record stored on the event. */
function round(current: string[], matched: string[], record: StampRecord) {
  const plan = planStamp(current, matched, record);
  return { categories: plan.categories, record: parseStampRecord(serializeStampRecord(plan.record)), plan };
}

describe('stamp plan', () => {
  test('first stamp adds what matched and records it; manual categories stay', () => {
    const plan = planStamp(['Blue'], ['External', '1:1'], EMPTY_RECORD);
    expect(plan).toEqual({
      categories: ['Blue', 'External', '1:1'],
      record: { stamped: ['External', '1:1'], suppressed: [] },
      added: ['External', '1:1'],
      removed: [],
      changed: true,
    });
  });

  test('a category no longer matched is removed only if CalSync stamped it', () => {
    const plan = planStamp(['Blue', 'External', '1:1'], ['1:1'], { stamped: ['External', '1:1'], suppressed: [] });
    expect(plan.categories).toEqual(['Blue', '1:1']);
    expect(plan.removed).toEqual(['External']);
    const manual = planStamp(['Blue', 'External'], [], { stamped: [], suppressed: [] });
    expect(manual).toMatchObject({ categories: ['Blue', 'External'], changed: false });
  });

  test('a category the person already had is not taken over by CalSync', () => {
    const first = planStamp(['External'], ['External'], EMPTY_RECORD);
    expect(first).toMatchObject({ categories: ['External'], record: { stamped: [] }, changed: false });
    expect(planStamp(['External'], [], first.record).categories).toEqual(['External']);
  });

  test('a stamped category the person removed is not put back while the rule matches, and comes back after it stops', () => {
    let state = round([], ['External'], EMPTY_RECORD);
    state = round([], ['External'], state.record); // the person removed "External" by hand
    expect(state.categories).toEqual([]);
    expect(state.record).toEqual({ stamped: [], suppressed: ['External'] });
    expect(state.plan.changed).toBe(true); // the suppression must be stored once…
    expect(round(state.categories, ['External'], state.record).plan.changed).toBe(false); // …and then nothing more
    state = round(state.categories, [], state.record); // rule stops matching: suppression forgotten
    expect(round(state.categories, ['External'], state.record).categories).toEqual(['External']);
  });

  test('names compare case-insensitively, as Outlook does', () => {
    expect(planStamp(['external'], ['External'], EMPTY_RECORD).changed).toBe(false);
    expect(planStamp(['EXTERNAL'], [], { stamped: ['External'], suppressed: [] }).categories).toEqual([]);
  });

  test('undo removes exactly what CalSync stamped', () => {
    expect(planUndo(['Blue', 'External', '1:1'], { stamped: ['External'], suppressed: ['Focus'] })).toEqual({
      categories: ['Blue', '1:1'],
      record: EMPTY_RECORD,
      added: [],
      removed: ['External'],
      changed: true,
    });
  });

  test('a damaged record is treated as empty, so nothing is removed', () => {
    expect(parseStampRecord('{not json')).toEqual(EMPTY_RECORD);
    expect(parseStampRecord(JSON.stringify({ s: [1, 'A'], x: 'B' }))).toEqual({ stamped: ['A'], suppressed: [] });
  });

  test('properties: a second round makes no change; manual categories survive; undo restores the original', () => {
    fc.assert(
      fc.property(names, names, names, (manual, matched1, matched2) => {
        const a = round(manual, matched1, EMPTY_RECORD);
        expect(round(a.categories, matched1, a.record).plan.changed).toBe(false);
        const b = round(a.categories, matched2, a.record);
        expect(round(b.categories, matched2, b.record).plan.changed).toBe(false);
        for (const m of manual) expect(b.categories.map((c) => c.toLowerCase())).toContain(m.toLowerCase());
        for (const m of matched2) expect(b.categories).toContain(m);
        expect(planUndo(b.categories, b.record).categories).toEqual(manual);
      }),
      { seed: 11, numRuns: 500 },
    );
  });
});
