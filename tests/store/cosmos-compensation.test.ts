/**
 * A change to more rules than one transactional batch holds (100 operations) runs write by write: when a
 * write fails after the preconditions passed (a concurrent edit, an outage), the writes already made are undone.
 */
import { StoreError, type StoredRule, type StoredRuleInput, type Stores } from '../../server/store/types';
import { storeHarness, type StoreHarness } from '../support/stores';

const T1 = 'aaaaaaaa-0000-4000-8000-00000000000a';
const rule = (id: string, order = 0): StoredRuleInput => ({
  id,
  name: id,
  scope: 'org',
  enabled: true,
  order,
  when: { all: [] },
  then: { category: 'A', color: 'preset1', stop: false },
  tenantId: T1,
  ownerId: null,
  createdAt: 't',
  createdBy: 'u',
  updatedAt: 't',
  updatedBy: 'u',
});

let harness: StoreHarness;
let s: Stores;
beforeAll(async () => {
  harness = await storeHarness('cosmos');
  s = await harness.open();
});
afterAll(() => harness.close());

test('beyond one batch, a failure mid-way undoes the earlier writes', async () => {
  const a = await s.rules.create(rule('r_a', 1));
  const b = await s.rules.create(rule('r_b', 2));
  const c = await s.rules.create(rule('r_c', 3));
  const before = await s.rules.listAll({ tenantId: T1, scope: 'org' });
  const stampBefore = await s.rules.changeStamp(T1);
  // The compensating path writes through the repository's unstamped replaceItem (it stamps once at the end).
  const rules = s.rules as unknown as { replaceItem(r: StoredRuleInput, ifMatch: string): Promise<StoredRule> };
  const realReplace = rules.replaceItem.bind(rules);
  const spy = jest.spyOn(rules, 'replaceItem').mockImplementation(async (r, ifMatch) => {
    if (r.id === 'r_c') throw new StoreError('unavailable', 'injected outage');
    return realReplace(r, ifMatch);
  });
  try {
    await expect(
      s.rules.applyWrites(T1, [
        { kind: 'delete', id: 'r_a', ifMatch: a.etag },
        // 98 creates + 3 more writes: 101, one more than a batch holds.
        ...Array.from({ length: 98 }, (_, i) => ({ kind: 'create' as const, rule: rule(`r_new_${i}`, 9) })),
        { kind: 'replace', rule: rule('r_b', 20), ifMatch: b.etag },
        { kind: 'replace', rule: rule('r_c', 30), ifMatch: c.etag },
      ]),
    ).rejects.toThrow('injected outage');
  } finally {
    spy.mockRestore();
  }
  const after = await s.rules.listAll({ tenantId: T1, scope: 'org' });
  const strip = (rs: typeof after) => rs.map(({ etag, ...doc }) => (void etag, doc));
  expect(strip(after)).toEqual(strip(before));
  // Writes were made and undone: a round that cached the set at the old stamp must read it again.
  expect(await s.rules.changeStamp(T1)).not.toBe(stampBefore);
  // ~300 emulator requests one by one (precheck, writes, undo): room on a busy machine, not a claim about speed.
}, 120_000);
