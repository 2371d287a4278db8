/** An org rule scoped to groups (`appliesTo`, issue #16): what the validator accepts, and who the rule is for. */
import { appliesToUser, effectiveRules, parseRule, parseRuleDraft, RULE_LIMITS } from '../../../shared';
import { formFromRule, draftFromForm } from '../../../addin/taskpane/state/rule-form';
import { previewRules } from '../../../addin/taskpane/state/use-this-event';
import { toApiRule, toDocument } from '../../../server/services/rule-documents';
import { makeRule } from '../../factories/rules';

const SALES = '6f1c2a4e-0b7d-4c8e-9a51-3d2f7e8b9c10';
const SUPPORT = 'a0b1c2d3-e4f5-4a6b-8c7d-9e0f1a2b3c4d';
const group = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

const draft = (appliesTo: unknown, scope: 'org' | 'personal' = 'org') => ({
  name: 'Client meetings',
  scope,
  appliesTo,
  when: { field: 'subject', op: 'contains', value: 'client' },
  then: { category: 'Client', color: 'preset1' },
});

function issuesOf(input: unknown) {
  const result = parseRuleDraft(input);
  if (result.ok) throw new Error('expected the draft to be refused');
  return result.issues.map((i) => ({ path: i.path, code: i.code }));
}

describe('validation', () => {
  test('group ids are kept lower-case and once each', () => {
    const result = parseRuleDraft(draft({ groups: [SALES.toUpperCase(), SUPPORT, SALES] }));
    expect(result.ok && result.value.appliesTo).toEqual({ groups: [SALES, SUPPORT] });
  });

  test('a rule without appliesTo stays without it (it is for everyone)', () => {
    const result = parseRuleDraft({ ...draft(undefined), appliesTo: undefined });
    expect(result.ok && 'appliesTo' in result.value && result.value.appliesTo !== undefined).toBe(false);
  });

  test('an id that is not a GUID is refused at its index', () => {
    expect(issuesOf(draft({ groups: [SALES, 'Sales'] }))).toEqual([{ path: 'appliesTo.groups[1]', code: 'group_id' }]);
  });

  test('an empty list is refused: leave appliesTo out for everyone', () => {
    expect(issuesOf(draft({ groups: [] }))).toEqual([{ path: 'appliesTo.groups', code: 'group_id' }]);
  });

  test(`at most ${RULE_LIMITS.appliesToMaxGroups} groups`, () => {
    const ids = Array.from({ length: RULE_LIMITS.appliesToMaxGroups + 1 }, (_, i) => group(i));
    expect(issuesOf(draft({ groups: ids }))).toEqual([{ path: 'appliesTo.groups', code: 'too_many_groups' }]);
    expect(parseRuleDraft(draft({ groups: ids.slice(1) })).ok).toBe(true);
  });

  test('unknown keys inside appliesTo are refused', () => {
    expect(issuesOf(draft({ groups: [SALES], users: ['x'] }))).toEqual([{ path: 'appliesTo.users', code: 'unknown_key' }]);
  });

  test('a personal rule cannot carry appliesTo', () => {
    expect(issuesOf(draft({ groups: [SALES] }, 'personal'))).toEqual([{ path: 'appliesTo', code: 'applies_to_personal' }]);
  });

  test('a rule round-trips through JSON with its groups', () => {
    const rule = makeRule({ appliesTo: { groups: [SALES] } });
    const again = parseRule(JSON.parse(JSON.stringify(rule)));
    expect(again.ok && again.value).toEqual(rule);
  });
});

describe('who a rule is for', () => {
  const everyone = makeRule({ name: 'everyone' });
  const sales = makeRule({ name: 'sales', appliesTo: { groups: [SALES] } });
  const salesOrSupport = makeRule({ name: 'sales or support', appliesTo: { groups: [SALES, SUPPORT] } });
  const mine = makeRule({ name: 'mine', scope: 'personal' });
  const names = (memberOf?: ReadonlySet<string>) => effectiveRules({ org: [everyone, sales, salesOrSupport], personal: [mine], memberOf }).map((r) => r.name);

  test.each([
    ['a member of Sales', new Set([SALES]), ['everyone', 'sales', 'sales or support', 'mine']],
    ['a member of Support', new Set([SUPPORT]), ['everyone', 'sales or support', 'mine']],
    ['a member of neither', new Set<string>(), ['everyone', 'mine']],
    ['someone whose groups are not known', undefined, ['everyone', 'mine']],
  ])('%s gets the rules for everyone, their teams and their own', (_who, memberOf, expected) => {
    expect(names(memberOf)).toEqual(expected);
  });

  test('appliesToUser answers for one rule', () => {
    expect(appliesToUser(everyone, undefined)).toBe(true);
    expect(appliesToUser(sales, new Set([SUPPORT]))).toBe(false);
    expect(appliesToUser(salesOrSupport, new Set([SUPPORT]))).toBe(true);
  });
});

describe('the documents that carry a rule keep its groups', () => {
  const at = '2026-12-03T00:00:00.000Z';
  const meta = { tenantId: 't', ownerId: null, etag: 'e1', createdAt: at, createdBy: 'u', updatedAt: at, updatedBy: 'u' };
  const stored = { ...makeRule({ appliesTo: { groups: [SALES] } }), ...meta };

  test('the API document and the exported document', () => {
    expect(toDocument(stored).appliesTo).toEqual({ groups: [SALES] });
    expect(toApiRule(stored).appliesTo).toEqual({ groups: [SALES] });
    expect('appliesTo' in toDocument({ ...stored, appliesTo: undefined })).toBe(false);
  });

  test("the pane's editor saves an edited team rule with its groups", () => {
    const form = formFromRule(stored);
    const saved = parseRuleDraft(draftFromForm({ ...form, name: 'Renamed' }));
    expect(saved.ok && saved.value.appliesTo).toEqual({ groups: [SALES] });
  });
});

describe("the pane's own preview", () => {
  const everyone = makeRule({ name: 'everyone' });
  const sales = makeRule({ name: 'sales', appliesTo: { groups: [SALES] } });

  test('takes the team rules of the teams /api/me names, and none without them', () => {
    expect(previewRules([everyone, sales], null, [SALES]).map((r) => r.name)).toEqual(['everyone', 'sales']);
    expect(previewRules([everyone, sales], null).map((r) => r.name)).toEqual(['everyone']);
  });
});
