/**
 * A literal prefilter for case-insensitive `matches` patterns. re2js skips text that lacks a pattern's required
 * literals before running RE2, but only for case-sensitive patterns (its prefilter refuses case folding), and most
 * rules' patterns are case-insensitive — so on the sync's hot path every event's text went through RE2's machine.
 * The pattern compiled case-sensitively yields the literals any match must contain (an AND/OR tree); a
 * case-insensitive match contains them up to case, which an ASCII literal tested by a native `iu` RegExp decides
 * (simple case folding, as RE2's: `k` also finds the Kelvin sign, `s` the long s). A literal RegExp has no
 * quantifier, so it runs in linear time. Literals that are not ASCII are left out (the test only gets weaker).
 * The tree is re2js's own (`re2Input.prefilter`, not a documented API): if a version drops it, there is simply no
 * prefilter. Returns a test that is true whenever the pattern could match, or null when it cannot narrow anything.
 */

/** The shape of re2js's prefilter node: type 0 none, 1 exact string, 2 and, 3 or. */
interface PrefilterNode {
  type: number;
  str: string;
  subs: PrefilterNode[];
}

type TextTest = (s: string) => boolean;

const escape = (s: string) => s.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&');

function nodeTest(node: PrefilterNode): TextTest | null {
  switch (node.type) {
    case 1: {
      if (!node.str || !/^[\x20-\x7e]+$/.test(node.str)) return null;
      const re = new RegExp(escape(node.str), 'iu');
      return (s) => re.test(s);
    }
    case 2: {
      const subs = node.subs.map(nodeTest).filter((t): t is TextTest => t !== null);
      if (subs.length === 0) return null;
      return (s) => subs.every((t) => t(s));
    }
    case 3: {
      const subs = node.subs.map(nodeTest);
      if (subs.length === 0 || subs.some((t) => t === null)) return null;
      const all = subs as TextTest[];
      return (s) => all.some((t) => t(s));
    }
    default:
      return null;
  }
}

/** `caseSensitive`: the same pattern compiled without case folding (RE2JS.compile(pattern, 0)). */
export function literalPrefilter(caseSensitive: unknown): TextTest | null {
  const node = (caseSensitive as { re2Input?: { prefilter?: PrefilterNode | null } })?.re2Input?.prefilter;
  return node && Array.isArray(node.subs) && typeof node.type === 'number' ? nodeTest(node) : null;
}
