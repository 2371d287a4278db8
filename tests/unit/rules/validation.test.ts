/** Each limit and each kind of mistake is refused with its stable code and the JSON path of the offending value. */
import { parseRule, parseRuleDraft, parseRuleList, assertRule, RuleValidationError, type Condition } from '../../../shared';
import { makeRule } from '../../factories/rules';

function issuesOf(input: unknown) {
  const r = parseRule(input);
  if (r.ok) throw new Error('expected the rule to be refused');
  return r.issues.map(({ path, code }) => ({ path, code }));
}

const leaf = { field: 'subject', op: 'contains', value: 'x' };
function nested(depth: number): Condition {
  let c: Condition = leaf as Condition;
  for (let i = 1; i < depth; i++) c = { not: c };
  return c;
}

describe('rule validation', () => {
  const base = () => makeRule({ id: 'r_v', when: leaf as Condition }) as unknown as Record<string, unknown>;

  test.each([
    ['empty name', { name: '' }, 'name', 'name_length'],
    ['blank name', { name: '   ' }, 'name', 'name_length'],
    ['121-character name', { name: 'n'.repeat(121) }, 'name', 'name_length'],
    ['empty category', { then: { category: '', color: 'preset0' } }, 'then.category', 'category_length'],
    ['256-character category', { then: { category: 'c'.repeat(256), color: 'preset0' } }, 'then.category', 'category_length'],
    ['category with a comma', { then: { category: 'a,b', color: 'preset0' } }, 'then.category', 'category_comma'],
    ['colour not a preset', { then: { category: 'a', color: 'preset25' } }, 'then.color', 'color_unknown'],
    ['colour by name', { then: { category: 'a', color: 'Red' } }, 'then.color', 'color_unknown'],
    ['unknown field', { when: { field: 'colour', op: 'equals', value: 'x' } }, 'when.field', 'field_unknown'],
    ['text op on a number', { when: { all: [{ field: 'attendeeCount', op: 'contains', value: '2' }] } }, 'when.all[0].op', 'op_unsupported'],
    ['number op on text', { when: { field: 'subject', op: 'gt', value: 3 } }, 'when.op', 'op_unsupported'],
    ['string for a number', { when: { field: 'durationMinutes', op: 'gt', value: '30' } }, 'when.value', 'value_type'],
    ['number for a boolean', { when: { field: 'isAllDay', op: 'is', value: 1 } }, 'when.value', 'value_type'],
    ['in without a list', { when: { field: 'subject', op: 'in', value: 'x' } }, 'when.value', 'value_type'],
    ['empty in list', { when: { field: 'subject', op: 'in', value: [] } }, 'when.value', 'value_type'],
    ['enum value not allowed', { when: { field: 'showAs', op: 'equals', value: 'away' } }, 'when.value', 'enum_value'],
    ['enum list with a bad member', { when: { field: 'showAs', op: 'in', value: ['busy', 'away'] } }, 'when.value[1]', 'enum_value'],
    ['bad time', { when: { field: 'startTime', op: 'before', value: '9am' } }, 'when.value', 'time_format'],
    ['between with one time', { when: { field: 'startTime', op: 'between', value: ['09:00'] } }, 'when.value', 'time_format'],
    ['between reversed', { when: { field: 'attendeeCount', op: 'between', value: [5, 2] } }, 'when.value', 'range_order'],
    ['invalid regex', { when: { any: [leaf, { field: 'subject', op: 'matches', value: '(unclosed' }] } }, 'when.any[1].value', 'regex_invalid'],
    ['backreference (not RE2)', { when: { field: 'subject', op: 'matches', value: '(a)\\1' } }, 'when.value', 'regex_invalid'],
    ['501-character regex', { when: { field: 'subject', op: 'matches', value: 'a'.repeat(501) } }, 'when.value', 'regex_too_long'],
    // 13 characters, 2,001 RE2 instructions: 1.3 s per 64 KB of body in re2js (issue #12).
    ['counted repeats past the RE2 program size', { when: { field: 'body', op: 'matches', value: '.{999}.{999}x' } }, 'when.value', 'regex_too_complex'],
    ['11 levels of nesting', { when: nested(11) }, 'when.not.not.not.not.not.not.not.not.not.not', 'nesting_too_deep'],
    ['201 conditions', { when: { all: Array.from({ length: 201 }, () => leaf) } }, 'when', 'too_many_conditions'],
    [
      '201 conditions across groups',
      { when: { any: [{ all: Array.from({ length: 150 }, () => leaf) }, { all: Array.from({ length: 51 }, () => leaf) }] } },
      'when',
      'too_many_conditions',
    ],
    ['201 nodes: 200 predicates in one group', { when: { all: Array.from({ length: 200 }, () => leaf) } }, 'when', 'too_many_conditions'],
    ['201 nodes of empty groups only', { when: { any: Array.from({ length: 200 }, () => ({ all: [] })) } }, 'when', 'too_many_conditions'],
    [
      '200 × 200 empty groups (40,201 nodes)',
      { when: { all: Array.from({ length: 200 }, () => ({ all: Array.from({ length: 200 }, () => ({ all: [] })) })) } },
      'when',
      'too_many_conditions',
    ],
    ['201 nodes counting nots', { when: { all: Array.from({ length: 100 }, () => ({ not: leaf })) } }, 'when', 'too_many_conditions'],
    [
      '201 nodes in nested groups',
      { when: { all: [{ any: Array.from({ length: 99 }, () => ({ all: [] })) }, { any: Array.from({ length: 99 }, () => leaf) }] } },
      'when',
      'too_many_conditions',
    ],
    [
      'caseSensitive on a number field',
      { when: { field: 'durationMinutes', op: 'gt', value: 30, caseSensitive: true } },
      'when.caseSensitive',
      'case_sensitive_unsupported',
    ],
    [
      'caseSensitive on an enum field',
      { when: { all: [leaf, { field: 'showAs', op: 'equals', value: 'busy', caseSensitive: false }] } },
      'when.all[1].caseSensitive',
      'case_sensitive_unsupported',
    ],
    [
      'caseSensitive on a boolean field',
      { when: { not: { field: 'isAllDay', op: 'is', value: true, caseSensitive: true } } },
      'when.not.caseSensitive',
      'case_sensitive_unsupported',
    ],
    [
      'caseSensitive on a time field',
      { when: { field: 'startTime', op: 'before', value: '09:00', caseSensitive: true } },
      'when.caseSensitive',
      'case_sensitive_unsupported',
    ],
    ['unknown key in a condition', { when: { field: 'subject', op: 'contains', value: 'x', extra: 1 } }, 'when.extra', 'unknown_key'],
    ['not a condition', { when: { all: [42] } }, 'when.all[0]', 'invalid_condition'],
    ['missing value', { when: { field: 'subject', op: 'contains' } }, 'when.value', 'required'],
    ['scope unknown', { scope: 'team' }, 'scope', 'invalid_value'],
    ['order not an integer', { order: 1.5 }, 'order', 'invalid_type'],
    ['unknown top-level key', { colour: 'red' }, 'colour', 'unknown_key'],
  ])('%s', (_name, patch, path, code) => {
    expect(issuesOf({ ...base(), ...patch })).toContainEqual({ path, code });
  });

  test('the limits themselves are allowed: 120-char name, 255-char category, depth 10, 200 condition nodes, 500-char regex, 1,000 RE2 instructions', () => {
    const ok = [
      { name: 'n'.repeat(120) },
      { then: { category: 'c'.repeat(255), color: 'preset24' } },
      { when: nested(10) },
      // Every node counts: the group itself and its 199 predicates are 200.
      { when: { all: Array.from({ length: 199 }, () => leaf) } },
      { when: { any: Array.from({ length: 199 }, () => ({ all: [] })) } },
      { when: { all: [{ any: Array.from({ length: 98 }, () => ({ all: [] })) }, { any: Array.from({ length: 99 }, () => leaf) }] } },
      { when: { field: 'subject', op: 'matches', value: 'a'.repeat(500) } },
      { when: { field: 'body', op: 'matches', value: '.{997}x' } },
    ];
    for (const patch of ok) expect(parseRule({ ...base(), ...patch })).toMatchObject({ ok: true });
  });

  test('caseSensitive is accepted on text and list fields', () => {
    for (const field of ['subject', 'organizerDomain', 'attendees', 'categories']) {
      expect(parseRule({ ...base(), when: { field, op: 'matches', value: '^A', caseSensitive: true } })).toMatchObject({ ok: true });
      expect(parseRule({ ...base(), when: { field, op: 'equals', value: 'A', caseSensitive: false } })).toMatchObject({ ok: true });
    }
  });

  test('a hostile depth of 100,000 is refused without exhausting the stack', () => {
    let when: unknown = leaf;
    for (let i = 0; i < 100_000; i++) when = { not: when };
    expect(issuesOf({ ...base(), when })[0]!.code).toBe('nesting_too_deep');
  });

  test('defaults: enabled true, order 0, stop false; a draft needs no id', () => {
    const r = parseRuleDraft({ name: 'x', scope: 'personal', when: { all: [] }, then: { category: 'X', color: 'preset3' } });
    expect(r).toEqual({
      ok: true,
      value: { name: 'x', scope: 'personal', enabled: true, order: 0, when: { all: [] }, then: { category: 'X', color: 'preset3', stop: false } },
    });
    expect(parseRule({ name: 'x', scope: 'org', when: { all: [] }, then: { category: 'X', color: 'preset3' } }).ok).toBe(false);
  });

  test('a list names the index of each bad rule', () => {
    const r = parseRuleList([base(), { ...base(), name: '' }, 'nope']);
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.issues.map((i) => [i.path, i.code])).toEqual([
        ['[1].name', 'name_length'],
        ['[2]', 'invalid_type'],
      ]);
  });

  test('assertRule throws a RuleValidationError with code rule_invalid and the issues', () => {
    try {
      assertRule({ ...base(), name: '' });
      throw new Error('did not throw');
    } catch (err) {
      expect(err).toBeInstanceOf(RuleValidationError);
      expect((err as RuleValidationError).code).toBe('rule_invalid');
      expect((err as RuleValidationError).issues[0]!.path).toBe('name');
    }
  });

  test('__proto__ and constructor keys are refused and pollute nothing', () => {
    const input = JSON.parse(
      '{"id":"r_p","name":"p","scope":"org","when":{"all":[],"__proto__":{"polluted":true}},"then":{"category":"x","color":"preset0","constructor":{"prototype":{"bad":1}}}}',
    );
    expect(parseRule(input).ok).toBe(false);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(({} as Record<string, unknown>).bad).toBeUndefined();
  });
});
