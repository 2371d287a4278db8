/**
 * planStamp and planUndo look names up by linear scan over keys computed once (a plan per event per round);
 * they must give exactly what the straightforward Set-based definition gives, duplicates and case included.
 */
import fc from 'fast-check';
import { categoryKey, EMPTY_RECORD, planStamp, planUndo, type StampPlan, type StampRecord } from '../../shared';

const has = (names: readonly string[]) => {
  const keys = new Set(names.map(categoryKey));
  return (name: string) => keys.has(categoryKey(name));
};
const dedupe = (names: readonly string[]) => {
  const seen = new Set<string>();
  return names.filter((n) => !seen.has(categoryKey(n)) && !!seen.add(categoryKey(n)));
};
const same = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every(has(b));

function finish(current: readonly string[], categories: string[], record: StampRecord, previous: StampRecord): StampPlan {
  const changed = !same(current, categories) || !same(previous.stamped, record.stamped) || !same(previous.suppressed, record.suppressed);
  return { categories, record, added: categories.filter((c) => !has(current)(c)), removed: current.filter((c) => !has(categories)(c)), changed };
}

const reference = {
  planStamp(current: readonly string[], matched: readonly string[], previous: StampRecord): StampPlan {
    const cur = has(current);
    const match = has(matched);
    const suppressed = dedupe([...previous.suppressed, ...previous.stamped.filter((c) => !cur(c))].filter(match));
    const supp = has(suppressed);
    const stale = has(previous.stamped.filter((c) => cur(c) && !match(c)));
    const toAdd = dedupe(matched.filter((c) => !cur(c) && !supp(c)));
    const stamped = dedupe([...current.filter((c) => has(previous.stamped)(c) && match(c)), ...toAdd]);
    return finish(current, [...current.filter((c) => !stale(c)), ...toAdd], { stamped, suppressed }, previous);
  },
  planUndo: (current: readonly string[], previous: StampRecord): StampPlan =>
    finish(
      current,
      current.filter((c) => !has(previous.stamped)(c)),
      EMPTY_RECORD,
      previous,
    ),
};

describe('stamp plan against its set-based definition', () => {
  test('the same plan for any categories, match and record', () => {
    const name = fc.constantFrom('Customer', 'customer', ' Customer ', 'Focus', 'FOCUS', 'Series', 'Blue', '1:1', '');
    const names = fc.array(name, { maxLength: 6 });
    const record = fc.record({ stamped: names, suppressed: names });
    fc.assert(
      fc.property(names, names, record, (current, matched, previous) => {
        expect(planStamp(current, matched, previous)).toEqual(reference.planStamp(current, matched, previous));
        expect(planUndo(current, previous)).toEqual(reference.planUndo(current, previous));
      }),
      { numRuns: 20_000 },
    );
  });
});
