/**
 * Generators of hostile request bodies, as JSON text (so keys like `__proto__` reach the server as
 * own keys, exactly as an attacker would send them).
 */
import fc from 'fast-check';

export const HOSTILE_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf', '__defineGetter__'];

const ODD_UNICODE = ['\u0000', '\ud800', '\udfff', '\u202e', '\u200b', '\ufeff', '𝔘𝔫𝔦', '👩‍👩‍👧‍👦', 'Z̸̢̛̛a̷l̶g̴o', '\u0085', '\u2028'];

/** Regexes that hang backtracking engines; RE2 must run them in linear time (or refuse them). */
export const PATHOLOGICAL_REGEXES = [
  '(a+)+$',
  '(a|aa)+$',
  '(x+x+)+y',
  '(.*a){25}',
  '^(([a-z])+.)+[A-Z]([a-z])+$',
  '(\\w+\\s?)*$',
  '(a*)*b',
  '((a+)+)+c',
  '(?:a|a)*$',
  '(a{1,1000}){1,1000}',
];

export const ONE_MB = 'x'.repeat(1024 * 1024);
export const NEAR_LIMIT = 'y'.repeat(200 * 1024);

export const oddString: fc.Arbitrary<string> = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.constantFrom(...ODD_UNICODE),
  fc.constantFrom(...PATHOLOGICAL_REGEXES),
  fc.constantFrom('a'.repeat(5000) + '!', NEAR_LIMIT, ONE_MB),
);

/** A JSON text nested `depth` deep, of arrays or objects. */
export function deepJson(depth: number, kind: 'array' | 'object' | 'condition'): string {
  if (kind === 'array') return '['.repeat(depth) + ']'.repeat(depth);
  if (kind === 'object') return '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);
  return '{"not":'.repeat(depth) + '{"field":"subject","op":"contains","value":"x"}' + '}'.repeat(depth);
}

/** Any JSON text: odd scalars, hostile keys, deep nesting. */
export const hostileJsonText: fc.Arbitrary<string> = fc.letrec<{ value: string }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom('null', 'true', 'false', '0', '-0', '1e308', '-1e-308', '1.5', '9007199254740993', '[]', '{}', '""'),
    oddString.map((s) => JSON.stringify(s)),
    fc.array(tie('value'), { maxLength: 4 }).map((items) => `[${items.join(',')}]`),
    fc
      .array(
        fc.tuple(
          fc.oneof(
            fc.constantFrom(...HOSTILE_KEYS),
            fc.string({ maxLength: 10 }),
            fc.constantFrom('name', 'when', 'then', 'field', 'op', 'value', 'all', 'any', 'not', 'scope', 'rules', 'events', 'ids'),
          ),
          tie('value'),
        ),
        { maxLength: 4 },
      )
      .map((entries) => `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${v}`).join(',')}}`),
    fc.constantFrom(deepJson(5000, 'array'), deepJson(5000, 'object'), deepJson(2000, 'condition'), deepJson(11, 'condition')),
  ),
})).value;

/** A valid-looking document with one part replaced by something hostile (reaches deeper than random JSON). */
export function mutate(doc: unknown, at: number, replacementText: string): string {
  const placeholder = `\u0001REPLACE\u0001`;
  const paths: Array<(string | number)[]> = [];
  const walk = (v: unknown, path: (string | number)[]) => {
    paths.push(path);
    if (Array.isArray(v)) v.forEach((x, i) => walk(x, [...path, i]));
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, [...path, k]);
  };
  walk(doc, []);
  const target = paths[at % paths.length]!;
  if (target.length === 0) return replacementText;
  const copy = JSON.parse(JSON.stringify(doc)) as Record<string | number, unknown>;
  let parent: Record<string | number, unknown> = copy;
  for (const seg of target.slice(0, -1)) parent = parent[seg] as Record<string | number, unknown>;
  parent[target[target.length - 1]!] = placeholder;
  return JSON.stringify(copy).replace(JSON.stringify(placeholder), replacementText);
}
