/**
 * The literal prefilter in front of case-insensitive `matches` patterns (shared/pattern-prefilter.ts): it may only
 * skip text RE2 would not match. Checked against RE2 itself on generated patterns and texts that include the case
 * folds RE2 knows beyond ASCII (the Kelvin sign folds with k, the long s with s), and on the workload's patterns.
 */
import fc from 'fast-check';
import { RE2JS } from 're2js';
import { literalPrefilter } from '../../../shared/pattern-prefilter';
import { stringTest } from '../../../shared/compile';

const params = { seed: 20261204, numRuns: Number(process.env.FUZZ_RUNS ?? 400) };
const ci = (pattern: string) => stringTest('matches', pattern, false, false);
const re2 = (pattern: string) => RE2JS.compile(pattern, RE2JS.CASE_INSENSITIVE);

describe('the literal prefilter of case-insensitive patterns', () => {
  test('is built from the required literals, and narrows', () => {
    const could = literalPrefilter(RE2JS.compile('\\bPRJ-[0-9]{3}\\b', 0));
    expect(could).not.toBeNull();
    expect(could!('Kickoff for prj-123')).toBe(true);
    expect(could!('Weekly sync')).toBe(false);
    const either = literalPrefilter(RE2JS.compile('(JIRA|ADO)-[0-9]+', 0));
    expect([either!('see ado-7'), either!('see Jira-7'), either!('nothing here')]).toEqual([true, true, false]);
  });

  test('has nothing to narrow when no literal is required, and leaves non-ASCII literals out', () => {
    expect(literalPrefilter(RE2JS.compile('[0-9]+', 0))).toBeNull();
    expect(literalPrefilter(RE2JS.compile('a*', 0))).toBeNull();
    expect(literalPrefilter(RE2JS.compile('caf\u00e9', 0))).toBeNull();
  });

  test('never refuses what RE2 matches: the folds beyond ASCII', () => {
    for (const [pattern, text] of [
      ['kelvin', '\u212Aelvin'],
      ['boss', 'Bo\u017F\u017F'],
      ['\\bPRJ-[0-9]{3}\\b', 'prj-001'],
      ['(?i)Straße', 'STRASSE'],
    ] as const) {
      expect(ci(pattern)(text)).toBe(re2(pattern).test(text));
    }
  });

  test('agrees with RE2 on generated patterns and texts', () => {
    const letter = fc.constantFrom('a', 'b', 'k', 's', 'K', 'S', 'x', '-', '1', '\u212A', '\u017F', '\u00e9', ' ');
    const atom = fc.oneof(
      fc.string({ unit: fc.constantFrom('a', 'b', 'k', 's', 'x', '-', '1', 'K', 'S'), minLength: 1, maxLength: 4 }),
      fc.constantFrom('[0-9]', '[a-c]', '.', '\\b', '\\d', '\\s', '(?i:k)', '\u00e9'),
    );
    const piece = fc
      .tuple(atom, fc.constantFrom('', '*', '+', '?', '{2}'))
      .map(([a, q]) => (q && a.length > 1 && !a.startsWith('[') && !a.startsWith('\\') && !a.startsWith('(') ? `(?:${a})${q}` : `${a}${q}`));
    const branch = fc.array(piece, { minLength: 1, maxLength: 4 }).map((ps) => ps.join(''));
    const pattern = fc.array(branch, { minLength: 1, maxLength: 3 }).map((bs) => bs.join('|'));
    const text = fc.string({ unit: letter, maxLength: 24 });
    fc.assert(
      fc.property(pattern, fc.array(text, { minLength: 1, maxLength: 6 }), (p, texts) => {
        const engine = ci(p);
        const reference = re2(p);
        for (const t of texts) if (engine(t) !== reference.test(t)) return false;
        return true;
      }),
      params,
    );
  });
});
