/**
 * Names that deceive (issue #12, item 3): rule and category names refuse what nobody can see or what reorders
 * what is seen, are stored in NFC, and category names compare by a key that folds look-alikes.
 */
import { categoryKey, compileRuleSet, parseRule, planStamp, EMPTY_RECORD, type Rule } from '../../../shared';
import { makeRule } from '../../factories/rules';
import { makeEvent } from '../../factories/events';

function issuesOf(input: unknown) {
  const r = parseRule(input);
  if (r.ok) throw new Error('expected the rule to be refused');
  return r.issues.map(({ path, code }) => ({ path, code }));
}

const withName = (name: string) => ({ ...makeRule({ id: 'r_n' }), name });
const withCategory = (category: string) => ({ ...makeRule({ id: 'r_c' }), then: { category, color: 'preset0' } });

// Each hostile input as the issue saw it: each looks like (or hides inside) an ordinary name.
const HOSTILE: Array<[string, string]> = [
  ['zero-width space (the demo\'s "Exter\\u200Bnal")', 'Exter\u200Bnal'],
  ['NUL', 'Ext\u0000ernal'],
  ['CR/LF', 'External\r\nInjected: line'],
  ['right-to-left override', 'Invoice \u202Egnp.exe'],
  ['first-strong isolate', 'a\u2068b'],
  ['lone high surrogate', 'Team \uD83D'],
  ['lone low surrogate', '\uDE00 Team'],
  ['soft hyphen', 'Ex\u00ADternal'],
  ['word joiner', 'Ex\u2060ternal'],
  ['byte-order mark', '\uFEFFExternal'],
  ['Hangul filler', 'External\u3164'],
  ['line separator', 'a\u2028b'],
  ['variation selector after a letter', 'E\uFE0Fxternal'],
  ['zero-width joiner between letters', 'Ex\u200Dternal'],
  ['tag character', 'External\u{E0041}'],
  ['noncharacter', 'External\uFFFF'],
];

describe('rule names and category names refuse invisible and reordering code points', () => {
  test.each(HOSTILE)('%s in a rule name is refused at "name"', (_label, hostile) => {
    expect(issuesOf(withName(hostile))).toEqual([{ path: 'name', code: 'name_character' }]);
  });

  test.each(HOSTILE)('%s in a category name is refused at "then.category"', (_label, hostile) => {
    expect(issuesOf(withCategory(hostile))).toEqual([{ path: 'then.category', code: 'category_character' }]);
  });

  test('the message names the code point and where it is', () => {
    const r = parseRule(withCategory('Exter\u200Bnal'));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues[0]!.message).toContain('U+200B (character 6)');
  });

  test.each([
    ['only spaces', '   '],
    ['only a blank Braille pattern', '\u2800'],
    ['only combining marks', '\u0301\u0301'],
    ['only an ideographic space', '\u3000'],
  ])('a name with no visible character (%s) is refused as blank', (_label, blank) => {
    expect(issuesOf(withName(blank))).toEqual([{ path: 'name', code: 'name_length' }]);
    expect(issuesOf(withCategory(blank))).toEqual([{ path: 'then.category', code: 'category_length' }]);
  });

  test.each([
    ['accents', 'Réunion équipe'],
    ['CJK', '会議'],
    ['Arabic (right-to-left text itself is fine)', 'اجتماع'],
    ['an emoji with its presentation selector', '\u2764\uFE0F Family'],
    ['a joined emoji', 'Coding \u{1F469}\u200D\u{1F4BB}'],
    ['a keycap', '1\uFE0F\u20E3 Priority'],
    ['a flag', '\u{1F1EB}\u{1F1F7} Paris'],
  ])('ordinary names are accepted: %s', (_label, name) => {
    expect(parseRule(withName(name)).ok).toBe(true);
    expect(parseRule(withCategory(name)).ok).toBe(true);
  });

  test('names are stored in NFC: a decomposed é becomes one code point', () => {
    const r = parseRule({ ...withCategory('Re\u0301union'), name: 'Caf\u0065\u0301' });
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.value.name).toBe('Caf\u00E9');
      expect(r.value.then.category).toBe('R\u00E9union');
    }
  });
});

describe('category names compare by a key that folds look-alikes', () => {
  test.each([
    ['case', 'EXTERNAL'],
    ['full-width letters', '\uFF25\uFF58\uFF54\uFF45\uFF52\uFF4E\uFF41\uFF4C'],
    ['a zero-width space (as stored before names were checked)', 'Exter\u200Bnal'],
    ['a no-break space at the end', 'External\u00A0'],
  ])('"External" and its %s variant share a key', (_label, variant) => {
    expect(categoryKey(variant)).toBe(categoryKey('External'));
  });

  test('case folding is full: ß and SS fold together; composed and decomposed é too', () => {
    expect(categoryKey('Straße')).toBe(categoryKey('STRASSE'));
    expect(categoryKey('R\u00E9union')).toBe(categoryKey('Re\u0301union'));
    expect(categoryKey('\uFB01nance')).toBe(categoryKey('finance')); // the "fi" ligature
  });

  test('different names keep different keys', () => {
    expect(categoryKey('External')).not.toBe(categoryKey('Externals'));
    expect(categoryKey('Réunion')).not.toBe(categoryKey('Reunion'));
  });

  test('two rules whose categories differ only by the key resolve to one category, spelt and coloured by the first rule', () => {
    const rules: Rule[] = [
      makeRule({ id: 'r_a', order: 1, then: { category: 'External', color: 'preset1', stop: false } }),
      makeRule({ id: 'r_b', order: 2, then: { category: '\uFF45\uFF58\uFF54\uFF45\uFF52\uFF4E\uFF41\uFF4C', color: 'preset9', stop: false } }),
    ];
    const set = compileRuleSet(rules);
    const event = makeEvent();
    expect(set.categoriesFor(event)).toEqual(['External']);
    expect(set.evaluate(event).categories).toEqual(['External']);
    expect(set.colorOf('EXTERNAL')).toBe('preset1');
  });

  test('stamping sees a full-width spelling already on the event as the category: nothing is added', () => {
    const plan = planStamp(['\uFF25xternal'], ['External'], EMPTY_RECORD);
    expect(plan).toMatchObject({ added: [], removed: [], changed: false });
    expect(plan.categories).toEqual(['\uFF25xternal']);
  });
});
