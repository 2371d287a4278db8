/**
 * Names people read: rule names and category names. A name that looks like another must not be another, so
 * names refuse code points nobody can see or that reorder what is seen (controls, format and bidi controls,
 * default-ignorables, lone surrogates, noncharacters), are stored in NFC, and category names compare by a key
 * that folds what Outlook would show as the same name. Every pattern here is a single character class with at
 * most a one-character look-around: linear in the name's length.
 */

/**
 * Emoji keep their presentation selector (❤️ is U+2764 U+FE0F) and their joiners between pictographs
 * (👩‍💻); anywhere else those three are as invisible as the rest of the refused set.
 */
const REFUSED =
  /(?<!\p{Emoji})[\uFE0E\uFE0F]|(?<!\p{Extended_Pictographic}\uFE0F?)\u200D|\u200D(?!\p{Extended_Pictographic})|(?!\u200D|\uFE0E|\uFE0F)[\p{Cc}\p{Cf}\p{Cs}\p{Zl}\p{Zp}\p{Bidi_Control}\p{Default_Ignorable_Code_Point}\p{Noncharacter_Code_Point}]/u;

/** Something a reader can see: a letter, digit, punctuation or symbol (the blank Braille pattern is none). */
const VISIBLE = /(?!\u2800)[\p{L}\p{N}\p{P}\p{S}]/u;

/** Dropped from a category key: everything REFUSED can match, so a stored name spelt with them keys like its visible twin. */
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Cs}\p{Zl}\p{Zp}\p{Bidi_Control}\p{Default_Ignorable_Code_Point}\p{Noncharacter_Code_Point}]/gu;

const PLAIN_ASCII = /^[\x20-\x7e]*$/;

export type NameProblem = { kind: 'character'; message: string } | { kind: 'invisible'; message: string };

function codePointLabel(s: string, index: number): string {
  const cp = s.codePointAt(index) ?? 0;
  return `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** Why a name cannot be used, or undefined. `what` is how the message calls it ("a name", "a category name"). */
export function nameProblem(s: string, what: string): NameProblem | undefined {
  const refused = REFUSED.exec(s);
  if (refused) {
    // The match of a look-behind alternative starts at the refused code point itself.
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

/**
 * The key category names compare by. Outlook treats category names case-insensitively; beyond that, names that
 * differ only by compatibility forms (full-width letters, ligatures, NBSP), by invisible characters or by case
 * folding (ß and SS) read as the same, so they key the same. Upper- then lower-casing is full case folding for
 * all but a few Turkic and Cherokee letters. ASCII names, the usual case, skip normalisation: the sync keys
 * every category of every event.
 */
export function categoryKey(name: string): string {
  if (PLAIN_ASCII.test(name)) return name.trim().toLowerCase();
  return name.normalize('NFKC').replace(INVISIBLE, '').trim().toUpperCase().toLowerCase();
}

/** The name with every code point a category key drops written as \u{…}, so a diagnostic shows what hides in it. */
export function showInvisible(s: string): string {
  return s.replace(INVISIBLE, (c) => `\\u{${(c.codePointAt(0) ?? 0).toString(16).toUpperCase()}}`);
}
