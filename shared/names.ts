/**
 * Names people read: rule names and category names. A name that looks like another must not be another, so
 * names refuse code points nobody can see or that reorder what is seen (controls, format and bidi controls,
 * default-ignorables, lone surrogates, noncharacters), are stored in NFC, and category names compare by a key
 * that folds what Outlook would show as the same name (category-key.ts). Every pattern here is a single
 * character class (one negative look-ahead of one character at most): linear in the name's length.
 */

import { invisibleCodePoints } from './category-key';

const EMOJI = /\p{Emoji}/u;
const PICTOGRAPH = /\p{Extended_Pictographic}/u;

/** The code point that ends just before `at`, and where it starts (a surrogate pair is one). */
function codePointBefore(s: string, at: number): { char: string; start: number } {
  const start = at >= 2 && /[\uDC00-\uDFFF]/.test(s[at - 1] ?? '') && /[\uD800-\uDBFF]/.test(s[at - 2] ?? '') ? at - 2 : at - 1;
  return start < 0 ? { char: '', start: 0 } : { char: String.fromCodePoint(s.codePointAt(start) ?? 0), start };
}

/**
 * Emoji keep their presentation selector (❤️ is U+2764 U+FE0F) and their joiners between pictographs (👩‍💻);
 * anywhere else those are as invisible as the rest. Judged in code, not by look-behind (older WebKit lacks it).
 */
function allowedInEmoji(s: string, at: number, c: string): boolean {
  const previous = codePointBefore(s, at);
  if (c === '\uFE0E' || c === '\uFE0F') return EMOJI.test(previous.char);
  if (c !== '\u200D') return false;
  const pictograph = previous.char === '\uFE0F' ? codePointBefore(s, previous.start).char : previous.char;
  return PICTOGRAPH.test(pictograph) && PICTOGRAPH.test(String.fromCodePoint(s.codePointAt(at + 1) ?? 0));
}

/** Something a reader can see: a letter, digit, punctuation or symbol (the blank Braille pattern is none). */
const VISIBLE = /(?!\u2800)[\p{L}\p{N}\p{P}\p{S}]/u;

export type NameProblem = { kind: 'character'; message: string } | { kind: 'invisible'; message: string };

function codePointLabel(s: string, index: number): string {
  const cp = s.codePointAt(index) ?? 0;
  return `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** Why a name cannot be used, or undefined. `what` is how the message calls it ("a name", "a category name"). */
export function nameProblem(s: string, what: string): NameProblem | undefined {
  const refused = [...s.matchAll(invisibleCodePoints()!)].find((m) => !allowedInEmoji(s, m.index, m[0]));
  if (refused) {
    const at = refused.index;
    return {
      kind: 'character',
      message: `${what} cannot contain ${codePointLabel(s, at)} (character ${at + 1}): control, invisible and text-direction characters are refused`,
    };
  }
  if (!VISIBLE.test(s)) return { kind: 'invisible', message: `${what} needs a visible character` };
  return undefined;
}

/** A name as stored: Unicode NFC, so the same text typed two ways is one name. */
export function normalizeName(s: string): string {
  return s.normalize('NFC');
}
