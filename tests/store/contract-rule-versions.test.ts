/**
 * The rule-version repository contract on both stores: versions per set, newest first, pruned to the newest
 * `keep`, tenant- and set-scoped, and a rule set larger than one Cosmos item (2 MB) round-trips whole.
 */
import type { Rule } from '../../shared';
import { CosmosRuleVersionRepository } from '../../server/store/cosmos/rule-versions';
import { RULE_VERSIONS_KEPT, type RuleVersion } from '../../server/store/rule-versions';
import type { RuleSet, Stores } from '../../server/store/types';
import { STORE_KINDS, storeHarness, type StoreHarness } from '../support/stores';

const T1 = 'aaaaaaaa-0000-4000-8000-00000000000a';
const T2 = 'bbbbbbbb-0000-4000-8000-00000000000b';
const ORG: RuleSet = { tenantId: T1, scope: 'org' };
const ALICE: RuleSet = { tenantId: T1, scope: 'personal', ownerId: 'alice' };

function rule(i: number, value = 'x'): Rule {
  return {
    id: `r_${i}`,
    name: `rule ${i} – Ünïcode 日本`,
    scope: 'org',
    enabled: true,
    order: i,
    when: { field: 'subject', op: 'contains', value },
    then: { category: 'A', color: 'preset1', stop: false },
  };
}

let seq = 0;
function version(set: RuleSet, rules: Rule[], overrides: Partial<RuleVersion> = {}): RuleVersion {
  seq += 1;
  return {
    tenantId: set.tenantId,
    id: `v20260101000000${String(seq).padStart(3, '0')}_${'0'.repeat(7)}${seq % 10}`,
    scope: set.scope,
    ownerId: set.scope === 'personal' ? set.ownerId : null,
    at: `2026-01-01T00:00:00.${String(seq).padStart(3, '0')}Z`,
    actorId: 'admin',
    reason: { kind: 'reorder' },
    ruleCount: rules.length,
    names: rules.map((r) => r.name),
    rules,
    ...overrides,
  };
}

describe.each(STORE_KINDS)('%s store: rule versions', (kind) => {
  let harness: StoreHarness;
  let s: Stores;
  beforeAll(async () => {
    harness = await storeHarness(kind);
  });
  afterAll(() => harness.close());
  beforeEach(async () => {
    s = await harness.open();
  });

  test('put then get returns the version with its rules; list gives summaries newest first', async () => {
    const older = version(ORG, [rule(1)], { reason: { kind: 'import', mode: 'replace', fileName: 'one.json' } });
    const newer = version(ORG, [rule(1), rule(2)]);
    await s.ruleVersions.put(older, 5);
    await s.ruleVersions.put(newer, 5);
    expect(await s.ruleVersions.get(T1, older.id)).toEqual(older);
    const listed = await s.ruleVersions.list(ORG);
    expect(listed.map((v) => v.id)).toEqual([newer.id, older.id]);
    const { rules, ...olderSummary } = older;
    void rules;
    expect(listed[1]).toEqual(olderSummary);
    expect(await s.ruleVersions.get(T1, 'v_missing')).toBeUndefined();
  });

  test('an empty rule set is a version too', async () => {
    const empty = version(ORG, []);
    await s.ruleVersions.put(empty, 5);
    expect((await s.ruleVersions.get(T1, empty.id))?.rules).toEqual([]);
  });

  test('put keeps the newest `keep` of the set and prunes the rest; other sets are untouched', async () => {
    const personal = version(ALICE, [rule(9)]);
    await s.ruleVersions.put(personal, 2);
    const org = [version(ORG, [rule(1)]), version(ORG, [rule(2)]), version(ORG, [rule(3)])];
    for (const v of org) await s.ruleVersions.put(v, 2);
    expect((await s.ruleVersions.list(ORG)).map((v) => v.id)).toEqual([org[2]!.id, org[1]!.id]);
    expect(await s.ruleVersions.get(T1, org[0]!.id)).toBeUndefined();
    expect((await s.ruleVersions.list(ALICE)).map((v) => v.id)).toEqual([personal.id]);
  });

  test('versions are scoped by tenant and by set', async () => {
    const v = version(ALICE, [rule(1)]);
    await s.ruleVersions.put(v, 5);
    expect(await s.ruleVersions.get(T2, v.id)).toBeUndefined();
    expect(await s.ruleVersions.list({ tenantId: T2, scope: 'personal', ownerId: 'alice' })).toEqual([]);
    expect(await s.ruleVersions.list({ tenantId: T1, scope: 'personal', ownerId: 'bob' })).toEqual([]);
    expect(await s.ruleVersions.list(ORG)).toEqual([]);
  });

  test('a 500-rule set of about 3 MB round-trips whole (Cosmos: chunked below the 2 MB item limit)', async () => {
    const big = Array.from({ length: 500 }, (_, i) => rule(i, `${'ä"\\'.repeat(1000)}${i}`));
    expect(Buffer.byteLength(JSON.stringify(big))).toBeGreaterThan(2 * 1024 * 1024);
    const v = version(ORG, big);
    await s.ruleVersions.put(v, RULE_VERSIONS_KEPT);
    expect(await s.ruleVersions.get(T1, v.id)).toEqual(v);
  });
});

describe('Cosmos rule versions: item size', () => {
  test('a version of 500 large rules is written as items of at most 2 MB each', async () => {
    const sizes: number[] = [];
    // Only what `put` touches: item creates (measured as the JSON the SDK sends) and the prune query (nothing to prune).
    const container = {
      items: {
        create: async (item: unknown) => {
          sizes.push(Buffer.byteLength(JSON.stringify(item)));
          return { resource: item };
        },
        query: () => ({ fetchAll: async () => ({ resources: [] }) }),
      },
    };
    const repo = new CosmosRuleVersionRepository(container as never);
    const big = Array.from({ length: 500 }, (_, i) => rule(i, `${'日"\\'.repeat(2000)}${i}`));
    await repo.put(version(ORG, big), RULE_VERSIONS_KEPT);
    expect(sizes.reduce((a, b) => a + b, 0)).toBeGreaterThan(4 * 1024 * 1024);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(2 * 1024 * 1024);
  });
});
