/**
 * Rule writes on Cosmos as transactional batches (server/store/cosmos/rule-batch.ts), against the emulator's
 * batch layer (tests/support/cosmos-batch.ts): a multi-rule change is one request that commits whole or not at
 * all, and the rule-count cap holds across API instances through the set's counter item.
 */
import { StoreError, type RuleSet, type RuleWrite, type StoredRuleInput, type Stores } from '../../server/store/types';
import { startCosmosEmulator, type TestCosmos } from '../support/cosmos';

const T1 = 'aaaaaaaa-0000-4000-8000-00000000000a';

function rule(id: string, ownerId: string | null, order = 0): StoredRuleInput {
  return {
    id,
    name: id,
    scope: ownerId === null ? 'org' : 'personal',
    enabled: true,
    order,
    when: { field: 'subject', op: 'contains', value: 'x' },
    then: { category: 'A', color: 'preset1', stop: false },
    tenantId: T1,
    ownerId,
    createdAt: 't',
    createdBy: 'u',
    updatedAt: 't',
    updatedBy: 'u',
  };
}
const ORG: RuleSet = { tenantId: T1, scope: 'org' };
const personal = (ownerId: string): RuleSet => ({ tenantId: T1, scope: 'personal', ownerId });
const codeOf = (r: PromiseSettledResult<unknown>) => (r.status === 'fulfilled' ? 'ok' : r.reason instanceof StoreError ? r.reason.code : String(r.reason));

let cosmos: TestCosmos;
let db = 0;
beforeAll(async () => {
  cosmos = await startCosmosEmulator();
});
afterEach(() => cosmos.setFaults(undefined));
afterAll(() => cosmos.close());

/** Two API instances: two store handles (two clients) on one database. */
async function twoInstances(): Promise<[Stores, Stores]> {
  const name = `rule_batch_${process.pid}_${++db}`;
  return [await cosmos.openStores(name), await cosmos.openStores(name)];
}

test('a reorder is one request: an outage after the first write request cannot leave it half-done', async () => {
  const [s] = await twoInstances();
  const rules = [];
  for (let i = 0; i < 4; i++) rules.push(await s.rules.create(rule(`r_${i}`, null, i)));
  // Every write to the rules container after the first one fails (queries and reads pass).
  let writes = 0;
  cosmos.setFaults(({ method, path, isQuery }) => {
    if (method === 'GET' || isQuery || !path.includes('/colls/rules/')) return undefined;
    return ++writes > 1 ? 503 : undefined;
  });
  const reordered: RuleWrite[] = rules.map(({ etag, ...doc }, i) => ({ kind: 'replace', rule: { ...doc, order: 40 - i * 10 }, ifMatch: etag }));
  await s.rules.applyWrites(T1, reordered);
  cosmos.setFaults(undefined);
  expect((await s.rules.listAll(ORG)).map((r) => [r.id, r.order])).toEqual([
    ['r_3', 10],
    ['r_2', 20],
    ['r_1', 30],
    ['r_0', 40],
  ]);
});

test('a stale etag anywhere in the change leaves every rule as it was, etags included', async () => {
  const [s] = await twoInstances();
  for (let i = 0; i < 3; i++) await s.rules.create(rule(`r_${i}`, null, i));
  const before = await s.rules.listAll(ORG);
  const writes: RuleWrite[] = [
    { kind: 'create', rule: rule('r_new', null, 9) },
    ...before.map(({ etag, ...doc }, i): RuleWrite => ({ kind: 'replace', rule: { ...doc, order: 50 + i }, ifMatch: i === 2 ? 'stale' : etag })),
  ];
  await expect(s.rules.applyWrites(T1, writes)).rejects.toMatchObject({ code: 'etag_mismatch' });
  expect(await s.rules.listAll(ORG)).toEqual(before);
});

test('two API instances creating at once never take a set over its cap, and fill it exactly', async () => {
  const [a, b] = await twoInstances();
  // Several sets, each a fresh race: 3 rules of a cap of 5, and 3 creates from each instance at once.
  for (const owner of ['o1', 'o2', 'o3', 'o4']) {
    for (let i = 0; i < 3; i++) await a.rules.create(rule(`r_${owner}_seed_${i}`, owner));
    const creates = [a, b].flatMap((s, inst) => [0, 1, 2].map((i) => s.rules.create(rule(`r_${owner}_${inst}_${i}`, owner), 5)));
    const codes = (await Promise.allSettled(creates)).map(codeOf);
    // Refused only because the set was full: exactly the two free places are taken.
    expect(codes.filter((c) => c === 'ok')).toHaveLength(2);
    expect(codes.filter((c) => c !== 'ok').every((c) => c === 'limit_exceeded')).toBe(true);
    expect(await b.rules.count(personal(owner))).toBe(5);
  }
});

test('two capped imports from two instances: one commits whole, the other is refused whole', async () => {
  const [a, b] = await twoInstances();
  for (let i = 0; i < 3; i++) await a.rules.create(rule(`r_seed_${i}`, 'alice'));
  const batch = (tag: string): RuleWrite[] => [0, 1].map((i) => ({ kind: 'create', rule: rule(`r_${tag}_${i}`, 'alice') }));
  const results = await Promise.allSettled([
    a.rules.applyWrites(T1, batch('a'), { set: personal('alice'), max: 6 }),
    b.rules.applyWrites(T1, batch('b'), { set: personal('alice'), max: 6 }),
  ]);
  expect(results.map(codeOf).sort()).toEqual(['limit_exceeded', 'ok']);
  const ids = (await a.rules.listAll(personal('alice'))).map((r) => r.id);
  expect(ids).toHaveLength(5);
  const winner = results[0]!.status === 'fulfilled' ? 'a' : 'b';
  expect(ids).toEqual(expect.arrayContaining([`r_${winner}_0`, `r_${winner}_1`]));
});

test("a set's counter item is no rule: lists, counts and the tenant listing leave it out", async () => {
  const [s] = await twoInstances();
  await s.rules.create(rule('r_org', null), 10);
  await s.rules.create(rule('r_mine', 'alice'), 10);
  expect((await s.rules.listTenant(T1)).map((r) => r.id).sort()).toEqual(['r_mine', 'r_org']);
  expect((await s.rules.list(ORG)).items.map((r) => r.id)).toEqual(['r_org']);
  expect(await s.rules.count(personal('alice'))).toBe(1);
});
