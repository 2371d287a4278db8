/**
 * The rule-set cap on both stores: a create or a batch with a cap never leaves the set above it, also when
 * several run at once (SQLite counts inside the write's transaction; Cosmos commits with the set's counter item
 * under If-Match in one batch). A refused write leaves nothing behind.
 */
import { StoreError, type RuleSet, type StoredRuleInput, type Stores } from '../../server/store/types';
import { STORE_KINDS, storeHarness, type StoreHarness } from '../support/stores';

const T1 = 'aaaaaaaa-0000-4000-8000-00000000000a';
const ALICE: RuleSet = { tenantId: T1, scope: 'personal', ownerId: 'alice' };
const BOB: RuleSet = { tenantId: T1, scope: 'personal', ownerId: 'bob' };

function rule(id: string, ownerId = 'alice'): StoredRuleInput {
  return {
    id,
    name: id,
    scope: 'personal',
    enabled: true,
    order: 0,
    when: { field: 'subject', op: 'contains', value: 'x' },
    then: { category: 'A', color: 'preset1', stop: false },
    tenantId: T1,
    ownerId,
    createdAt: 't',
    createdBy: ownerId,
    updatedAt: 't',
    updatedBy: ownerId,
  };
}

const codeOf = (r: PromiseSettledResult<unknown>) => (r.status === 'fulfilled' ? 'ok' : r.reason instanceof StoreError ? r.reason.code : String(r.reason));

describe.each(STORE_KINDS)('%s store', (kind) => {
  let harness: StoreHarness;
  let s: Stores;
  beforeAll(async () => {
    harness = await storeHarness(kind);
  });
  afterAll(() => harness.close());
  beforeEach(async () => {
    s = await harness.open();
  });

  const seed = async (n: number, ownerId = 'alice') => {
    for (let i = 0; i < n; i++) await s.rules.create(rule(`r_seed_${ownerId}_${i}`, ownerId));
  };

  test('concurrent creates with a cap: the set ends at most at the cap; each refused one left nothing', async () => {
    await seed(9);
    await seed(10, 'bob');
    const results = await Promise.allSettled(Array.from({ length: 6 }, (_, i) => s.rules.create(rule(`r_new_${i}`), 10)));
    const codes = results.map(codeOf);
    expect(codes.every((c) => c === 'ok' || c === 'limit_exceeded')).toBe(true);
    const ids = (await s.rules.listAll(ALICE)).map((r) => r.id);
    expect(ids.length).toBeLessThanOrEqual(10);
    // Exactly the accepted creates are stored.
    const accepted = results.flatMap((r, i) => (r.status === 'fulfilled' ? [`r_new_${i}`] : []));
    expect(ids.filter((id) => id.startsWith('r_new_')).sort()).toEqual(accepted.sort());
    // Another user's set (already full) does not count against this one, nor is it touched.
    expect(await s.rules.count(BOB)).toBe(10);
  });

  test('a batch with a cap that would leave the set over it is refused whole; its own deletes count', async () => {
    await seed(3);
    const current = await s.rules.listAll(ALICE);
    const over = [rule('r_b1'), rule('r_b2')].map((r) => ({ kind: 'create' as const, rule: r }));
    await expect(s.rules.applyWrites(T1, over, { set: ALICE, max: 4 })).rejects.toMatchObject({ code: 'limit_exceeded' });
    expect(await s.rules.listAll(ALICE)).toEqual(current);
    // Two in, one out: four, within the cap.
    const swap = [...over, { kind: 'delete' as const, id: current[0]!.id, ifMatch: current[0]!.etag }];
    await s.rules.applyWrites(T1, swap, { set: ALICE, max: 4 });
    expect((await s.rules.listAll(ALICE)).map((r) => r.id).sort()).toEqual(['r_b1', 'r_b2', current[1]!.id, current[2]!.id].sort());
  });

  test('concurrent batches and creates with a cap never leave the set above it', async () => {
    await seed(6);
    const batch = (tag: string) => [0, 1].map((i) => ({ kind: 'create' as const, rule: rule(`r_${tag}_${i}`) }));
    const results = await Promise.allSettled([
      s.rules.applyWrites(T1, batch('x'), { set: ALICE, max: 10 }),
      s.rules.applyWrites(T1, batch('y'), { set: ALICE, max: 10 }),
      ...[0, 1, 2].map((i) => s.rules.create(rule(`r_c_${i}`), 10)),
    ]);
    expect(results.map(codeOf).every((c) => c === 'ok' || c === 'limit_exceeded')).toBe(true);
    expect(await s.rules.count(ALICE)).toBeLessThanOrEqual(10);
    // A refused batch left none of its rules.
    const ids = new Set((await s.rules.listAll(ALICE)).map((r) => r.id));
    for (const [i, tag] of (['x', 'y'] as const).entries()) {
      expect([`r_${tag}_0`, `r_${tag}_1`].filter((id) => ids.has(id))).toHaveLength(results[i]!.status === 'fulfilled' ? 2 : 0);
    }
  });
});
