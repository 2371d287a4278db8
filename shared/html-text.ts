/**
 * Plain text from an event body: enough for keyword rules, not a renderer. Anyone can put a body into an enrolled
 * mailbox (an invitation is enough), so every step here is linear in the input and the input is bounded: no search
 * for a terminator ('>', '</script>') ever re-reads text an earlier search read. Output equals the old regex
 * version's (script/style blocks, then tags, become spaces; six entities decode; whitespace collapses).
 */
import { BODY_LIMITS } from './limits';

/** The first index at or after `from` where `search` finds something, for non-decreasing `from`: remembered, so
 * all the searches together read the string once. */
function forwardSearch(search: (from: number) => number): (from: number) => number {
  let found = -2;
  return (from) => (found === -1 || found >= from ? found : (found = search(from)));
}

/** Whether `s` has `word` (lower-case ASCII) at `at`, ignoring ASCII case as the old /i regex did. */
function hasWordAt(s: string, at: number, word: string): boolean {
  for (let i = 0; i < word.length; i++) if ((s.charCodeAt(at + i) | 32) !== word.charCodeAt(i)) return false;
  return true;
}

const RAW_TEXT_TAGS = ['script', 'style']; // both start with 's', which the scan checks first

/** `<script…>…</script>` and `<style…>…</style>` blocks (closed by the first matching end tag) → one space. */
function removeRawTextBlocks(s: string): string {
  const nextGt = forwardSearch((from) => s.indexOf('>', from));
  const endTag = RAW_TEXT_TAGS.map((name) =>
    forwardSearch((from) => {
      let at = s.indexOf('</', from);
      while (at >= 0 && !(hasWordAt(s, at + 2, name) && s.charCodeAt(at + 2 + name.length) === 62)) at = s.indexOf('</', at + 2);
      return at;
    }),
  );
  const parts: string[] = [];
  let copied = 0;
  for (let lt = s.indexOf('<'); lt >= 0; lt = s.indexOf('<', lt + 1)) {
    if ((s.charCodeAt(lt + 1) | 32) !== 115) continue; // not "<s…" / "<S…"
    const kind = hasWordAt(s, lt + 1, 'script') ? 0 : hasWordAt(s, lt + 1, 'style') ? 1 : -1;
    if (kind < 0) continue;
    const gt = nextGt(lt + 1 + RAW_TEXT_TAGS[kind]!.length);
    const end = gt < 0 ? -1 : endTag[kind]!(gt + 1);
    if (end < 0) continue;
    parts.push(s.slice(copied, lt), ' ');
    copied = end + RAW_TEXT_TAGS[kind]!.length + 3;
    lt = copied - 1;
  }
  return copied === 0 ? s : parts.join('') + s.slice(copied);
}

const ENTITIES: ReadonlyArray<readonly [string, string]> = [
  ['&nbsp;', ' '],
  ['&lt;', '<'],
  ['&gt;', '>'],
  ['&quot;', '"'],
  ['&#39;', "'"],
  ['&amp;', '&'],
];
const ENTITY_SECOND_CHARS = 'nlgq#a';

/** Tags (`<` + at least one character + the next `>`) → a space; the six entities decoded, each once. */
function removeTagsDecode(s: string): string {
  const nextGt = forwardSearch((from) => s.indexOf('>', from));
  const parts: string[] = [];
  let copied = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 60) {
      const gt = nextGt(i + 1);
      if (gt <= i + 1) continue; // no '>' left, or "<>": text
      parts.push(s.slice(copied, i), ' ');
      i = gt;
      copied = gt + 1;
    } else if (c === 38 && ENTITY_SECOND_CHARS.includes(s.charAt(i + 1))) {
      const entity = ENTITIES.find(([name]) => s.startsWith(name, i));
      if (!entity) continue;
      parts.push(s.slice(copied, i), entity[1]);
      i += entity[0].length - 1;
      copied = i + 1;
    }
  }
  return parts.join('') + s.slice(copied);
}

/** At most `max` UTF-16 units, never ending in half a surrogate pair. */
export function clipText(s: string, max: number): string {
  if (s.length <= max) return s;
  const high = s.charCodeAt(max - 1);
  return s.slice(0, high >= 0xd800 && high <= 0xdbff ? max - 1 : max);
}

/** The text rules see of an HTML body: of its first BODY_LIMITS.htmlChars, at most BODY_LIMITS.textChars. */
export function htmlToText(html: string): string {
  const text = removeTagsDecode(removeRawTextBlocks(clipText(html, BODY_LIMITS.htmlChars)));
  return clipText(text.replace(/\s+/g, ' ').trim(), BODY_LIMITS.textChars);
}

/** The text rules see of a plain-text body. */
export function plainBodyText(text: string): string {
  return clipText(text, BODY_LIMITS.textChars);
}
