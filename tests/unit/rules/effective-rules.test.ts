/**
 * One user's effective rules (shared/effective-rules.ts): enabled org rules, then enabled personal rules, each by
 * `order` then `id`. The API, the preview, the sync's round and the compose handler all take it from there, so
 * each of them, through its own entry point, gives the same rules in the same order on one table of cases.
 */
import { byScope, effectiveRules, enabledInOrder, type Rule } from '../../../shared';
import { rulesWithoutPatterns } from '../../../addin/launchevent/pattern-rules';
import { previewRules } from '../../../addin/taskpane/state/use-this-event';
import type { Principal } from '../../../server/domain/principal';
import { PreviewService } from '../../../server/services/preview';
import { toDocument } from '../../../server/services/rule-documents';
import { RuleService } from '../../../server/services/rules';
import { SettingsService } from '../../../server/services/settings';
import type { StoredRuleInput } from '../../../server/store/types';
import { roundConfig } from '../../../server/sync/round-config';
import { storeRulesLoader } from '../../../server/sync/store-rules-loader';
import { makeRule } from '../../factories/rules';
import { STORED_RULE_TENANT, storedRule } from '../../support/stored-rule';
import { storeHarness, type StoreHarness } from '../../support/stores';

const ids = (rules: readonly { id: string }[]) => rules.map((r) => r.id);

describe('effectiveRules', () => {
  test('drops disabled rules in both scopes', () => {
    const org = [makeRule({ id: 'r_o_on' }), makeRule({ id: 'r_o_off', enabled: false })];
    const personal = [makeRule({ id: 'r_p_off', scope: 'personal', enabled: false }), makeRule({ id: 'r_p_on', scope: 'personal' })];
    expect(ids(effectiveRules({ org, personal }))).toEqual(['r_o_on', 'r_p_on']);
  });

  test('puts org rules before personal ones whatever their order and the input order', () => {
    const org = [makeRule({ id: 'r_o_late', order: 900 }), makeRule({ id: 'r_o_early', order: 3 })];
    const personal = [makeRule({ id: 'r_p', scope: 'personal', order: 0 })];
    expect(ids(effectiveRules({ org, personal }))).toEqual(['r_o_early', 'r_o_late', 'r_p']);
    expect(ids(effectiveRules({ org: [...org].reverse(), personal }))).toEqual(['r_o_early', 'r_o_late', 'r_p']);
    // A list of both scopes in any order comes out the same.
    expect(ids(effectiveRules(byScope([...personal, ...org])))).toEqual(['r_o_early', 'r_o_late', 'r_p']);
  });

  test('orders each scope by order, then by id on a tie', () => {
    const org = ['r_z', 'r_a', 'r_m'].map((id) => makeRule({ id, order: 5 }));
    const personal = [
      makeRule({ id: 'r_y', scope: 'personal', order: 5 }),
      makeRule({ id: 'r_b', scope: 'personal', order: 5 }),
      makeRule({ id: 'r_c', scope: 'personal', order: 1 }),
    ];
    expect(ids(effectiveRules({ org, personal }))).toEqual(['r_a', 'r_m', 'r_z', 'r_c', 'r_b', 'r_y']);
  });

  test('leaves its inputs as they were (frozen inputs would throw on a sort in place)', () => {
    const org = [makeRule({ id: 'r_o2', order: 2 }), makeRule({ id: 'r_o1', order: 1, enabled: false }), makeRule({ id: 'r_o0', order: 0 })].map((r) =>
      Object.freeze(r),
    );
    const personal = [makeRule({ id: 'r_p1', scope: 'personal', order: 1 }), makeRule({ id: 'r_p0', scope: 'personal', order: 0 })].map((r) =>
      Object.freeze(r),
    );
    const before = JSON.stringify({ org, personal });
    const input = Object.freeze({ org: Object.freeze([...org]), personal: Object.freeze([...personal]) });
    expect(ids(effectiveRules(input))).toEqual(['r_o0', 'r_o2', 'r_p0', 'r_p1']);
    expect(ids(enabledInOrder(Object.freeze([...personal, ...org])))).toEqual(['r_o0', 'r_o2', 'r_p0', 'r_p1']);
    expect(JSON.stringify({ org, personal })).toBe(before);
    expect(ids(input.org)).toEqual(['r_o2', 'r_o1', 'r_o0']);
  });

  test('enabledInOrder, for a list already scoped to one user, keeps what effectiveRules keeps, in its order', () => {
    const rules = [makeRule({ id: 'r_p', scope: 'personal', order: 0 }), makeRule({ id: 'r_off', enabled: false }), makeRule({ id: 'r_o', order: 7 })];
    expect(enabledInOrder(rules)).toEqual(effectiveRules(byScope(rules)));
  });
});

/** Alice's view of one tenant: org rules, her personal rules, and Bob's (never hers). Rows are stored in this order. */
interface Case {
  name: string;
  stored: StoredRuleInput[];
  /** Alice's effective rules, by id. */
  expected: string[];
}

const org = (id: string, order: number, enabled = true) => storedRule(id, { order, enabled });
const mine = (id: string, order: number, enabled = true) => storedRule(id, { scope: 'personal', ownerId: 'alice', order, enabled });
const bobs = (id: string, order: number) => storedRule(id, { scope: 'personal', ownerId: 'bob', order });

const CASES: Case[] = [
  { name: 'no rules', stored: [], expected: [] },
  {
    name: 'disabled rules of both scopes, stored out of order',
    stored: [mine('r_p2', 2), org('r_o2', 2), bobs('r_b0', 0), mine('r_p1', 1, false), org('r_o1', 1, false), org('r_o0', 0), mine('r_p0', 0)],
    expected: ['r_o0', 'r_o2', 'r_p0', 'r_p2'],
  },
  { name: 'a personal rule with a lower order than every org rule', stored: [mine('r_first', 0), org('r_last', 900)], expected: ['r_last', 'r_first'] },
  {
    name: 'ties on order, broken by id',
    stored: [org('r_z', 5), mine('r_y', 5), org('r_a', 5), mine('r_b', 5), org('r_m', 5)],
    expected: ['r_a', 'r_m', 'r_z', 'r_b', 'r_y'],
  },
  { name: 'every rule disabled', stored: [org('r_o', 0, false), mine('r_p', 0, false)], expected: [] },
  { name: 'only personal rules', stored: [mine('r_p3', 3), bobs('r_b1', 1), mine('r_p1', 1)], expected: ['r_p1', 'r_p3'] },
];

describe('the API, the preview, the sync and the compose handler agree on the effective rules', () => {
  const alice: Principal = { tenantId: STORED_RULE_TENANT, userId: 'alice', isAdmin: false, username: 'alice@contoso.example' };
  // storedRule's rules all match a subject with an x, and none stops: a preview of it lists every rule evaluated.
  const event = {
    id: 'e1',
    subject: 'x',
    start: { dateTime: '2026-03-02T10:00:00', timeZone: 'UTC' },
    end: { dateTime: '2026-03-02T10:30:00', timeZone: 'UTC' },
  };
  let harness: StoreHarness;
  beforeAll(async () => {
    harness = await storeHarness('sqlite');
  });
  afterAll(() => harness.close());

  test.each(CASES)('$name', async ({ stored, expected }) => {
    const stores = await harness.open();
    for (const r of stored) await stores.rules.create(r);
    const rules = new RuleService(stores, { effectiveCacheTtlMs: 0 });
    const preview = new PreviewService(rules, new SettingsService(stores));
    // What Alice's pane and compose cache could hold: her rules and the org's, in the order they were stored.
    const visible: Rule[] = stored.filter((r) => r.ownerId !== 'bob').map(toDocument);
    const matched = async (body: object) => (await preview.preview(alice, { events: [event], ...body })).results[0]!.matches.map((m) => m.ruleId);

    expect({
      api: ids(await rules.effective(alice)),
      preview: await matched({}),
      previewOfDrafts: await matched({ rules: visible, rulesMode: 'only' }),
      sync: ids(
        roundConfig(await storeRulesLoader(stores)(STORED_RULE_TENANT, 'alice'), 'alice@contoso.example', new Date('2026-03-02T00:00:00Z')).ruleSet.rules,
      ),
      compose: ids(rulesWithoutPatterns(visible)),
      pane: ids(previewRules(visible, null)),
    }).toEqual({ api: expected, preview: expected, previewOfDrafts: expected, sync: expected, compose: expected, pane: expected });
  });
});
