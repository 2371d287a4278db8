/**
 * The key category names compare by, and the invisible code points it drops. Apart from the name checks
 * (names.ts) because the add-in keys categories on every open and checks names only in its lazily loaded editor.
 * Every pattern here is a single character class: linear in the name's length.
 */

/**
 * Code points a name refuses (emoji's selectors and joiners are judged by their neighbours, below), and that a
 * category key drops, so a name stored with them before keys like its visible twin. Compiled on first use, and
 * null where the engine has no Unicode property escapes (ES2018): classic Outlook's JavaScript-only runtime runs
 * ES2016 only before Version 2403 (Office-Add-in-samples 747), and the compose handler must still load there; it
 * then keys such names without dropping those code points (the sync's keys are exact).
 */
let invisible: RegExp | null | undefined;
export function invisibleCodePoints(): RegExp | null {
  if (invisible === undefined) {
    try {
      invisible = new RegExp('[\\p{Cc}\\p{Cf}\\p{Cs}\\p{Zl}\\p{Zp}\\p{Bidi_Control}\\p{Default_Ignorable_Code_Point}\\p{Noncharacter_Code_Point}]', 'gu');
    } catch {
      invisible = null;
    }
  }
  return invisible;
}
const PLAIN_ASCII = /^[\x20-\x7e]*$/;

/**
 * The key category names compare by. Outlook treats category names case-insensitively; beyond that, names that
 * differ only by compatibility forms (full-width letters, ligatures, NBSP), by invisible characters or by case
 * folding (ß and SS) read as the same, so they key the same. Upper- then lower-casing is full case folding for
 * all but a few Turkic and Cherokee letters. ASCII names, the usual case, skip normalisation: the sync keys
 * every category of every event.
 */
export function categoryKey(name: string): string {
  if (PLAIN_ASCII.test(name)) return name.trim().toLowerCase();
  const invisibles = invisibleCodePoints();
  const folded = name.normalize('NFKC');
  return (invisibles ? folded.replace(invisibles, '') : folded).trim().toUpperCase().toLowerCase();
}

/** The name with every code point a category key drops written as \u{…}, so a diagnostic shows what hides in it. */
export function showInvisible(s: string): string {
  return s.replace(invisibleCodePoints()!, (c) => `\\u{${(c.codePointAt(0) ?? 0).toString(16).toUpperCase()}}`);
}
