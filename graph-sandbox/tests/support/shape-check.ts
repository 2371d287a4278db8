import { loadGraphTypes, type GraphTypes, type PropType } from './graph-types-index';

/**
 * What a response is checked against: the documentation's sample (field names and structure) and the type
 * the response has in `@microsoft/microsoft-graph-types`, for the fields a trimmed doc sample leaves out.
 *
 * A TypeRef is an interface name of microsoft-graph-types ('Event'), a JSON primitive ('string', 'number',
 * 'boolean'), 'any' (not checked further), or a structure the types do not describe (collection pages, batch).
 */
export type TypeRef = string | { object: Readonly<Record<string, TypeRef>> } | { arrayOf: TypeRef } | { mapOf: TypeRef };

export interface DocShape {
  /** Where the sample comes from. */
  source: string;
  sample: Readonly<Record<string, unknown>>;
  type: TypeRef;
  /** Annotations the documentation gives for this response beyond those in the sample (e.g. '@removed'). */
  annotations?: readonly string[];
}

/** A collection page: `{ '@odata.context', value: [...] }` plus the paging links. */
export const collectionOf = (item: TypeRef): TypeRef => ({ object: { value: { arrayOf: item } } });

const primitives = new Set(['string', 'number', 'boolean', 'any']);
let cachedTypes: GraphTypes | undefined;

interface Expect {
  type?: TypeRef;
  nullable: boolean;
}

function kindOf(v: unknown): string {
  if (v === null) return 'null';
  return Array.isArray(v) ? 'array' : typeof v;
}

function kindOfType(type: TypeRef): string {
  if (typeof type === 'string') return primitives.has(type) ? type : 'object';
  return 'arrayOf' in type ? 'array' : 'object';
}

const fromProp = (p: PropType): Expect => {
  const base = p.base === 'unknown' ? 'any' : p.base;
  return { type: p.array ? { arrayOf: base } : base, nullable: p.nullable };
};

class Checker {
  constructor(
    private readonly types: GraphTypes,
    private readonly annotations: ReadonlySet<string>,
  ) {}

  /** Properties a value of `type` may have, and their types; undefined when any key is allowed. */
  private members(type: TypeRef | undefined): ((key: string) => Expect | undefined) | undefined {
    if (type === undefined) return () => undefined;
    if (typeof type === 'string') {
      if (type === 'any') return undefined;
      const props = this.types.properties(type);
      if (!props) throw new Error(`microsoft-graph-types has no interface ${type}`);
      return (key) => {
        const p = props.get(key);
        return p ? fromProp(p) : undefined;
      };
    }
    if ('mapOf' in type) return () => ({ type: type.mapOf, nullable: false });
    if ('object' in type) return (key) => (key in type.object ? { type: type.object[key], nullable: true } : undefined);
    return () => undefined;
  }

  /** `sample` undefined: the field is not in the doc sample, so only the type constrains it (and nothing is "missing"). */
  compare(sample: unknown, actual: unknown, expect: Expect, path: string): string[] {
    if (actual === undefined) return sample === undefined ? [] : [`${path}: missing`];
    const want = sample !== undefined && sample !== null ? kindOf(sample) : expect.type !== undefined ? kindOfType(expect.type) : 'any';
    if (actual === null) {
      return sample === null || expect.nullable || want === 'any' ? [] : [`${path}: expected ${want}, got null`];
    }
    if (want !== 'any' && kindOf(actual) !== want) return [`${path}: expected ${want}, got ${kindOf(actual)}`];
    if (Array.isArray(actual)) return this.compareArray(sample as unknown[] | undefined, actual, expect, path);
    if (typeof actual === 'object')
      return this.compareObject(sample as Record<string, unknown> | undefined, actual as Record<string, unknown>, expect.type, path);
    return [];
  }

  /** Each element against the closest sample element (a page may mix kinds, e.g. changed and @removed entries). */
  private compareArray(sample: unknown[] | undefined, actual: unknown[], expect: Expect, path: string): string[] {
    const type = expect.type;
    const item: Expect = { type: type !== undefined && typeof type !== 'string' && 'arrayOf' in type ? type.arrayOf : undefined, nullable: false };
    return actual.flatMap((element, i) => {
      const candidates = (sample ?? []).map((s) => this.compare(s, element, item, `${path}[${i}]`));
      if (candidates.length === 0) return this.compare(undefined, element, item, `${path}[${i}]`);
      return candidates.reduce((best, c) => (c.length < best.length ? c : best));
    });
  }

  private compareObject(sample: Record<string, unknown> | undefined, actual: Record<string, unknown>, type: TypeRef | undefined, path: string): string[] {
    const members = this.members(type);
    const out: string[] = [];
    for (const [key, value] of Object.entries(sample ?? {})) {
      out.push(...this.compare(value, actual[key], members?.(key) ?? { nullable: false }, `${path}.${key}`));
    }
    for (const [key, value] of Object.entries(actual)) {
      if (sample && key in sample) continue;
      if (!members) continue;
      const member = members(key);
      if (member) out.push(...this.compare(undefined, value, member, `${path}.${key}`));
      else if (!this.annotations.has(key))
        out.push(`${path}.${key}: not in the doc sample nor in ${typeof type === 'string' ? type : 'the response structure'}`);
    }
    return out;
  }
}

/**
 * Both ways: every field of the doc sample is in `actual` with the same JSON type (recursively; arrays element
 * by element), and every field of `actual` is in the sample, in the microsoft-graph-types interface of its
 * type (following `extends`) or among the documented annotations. An empty list means the shapes agree.
 */
export function shapeDifferences(shape: DocShape, actual: unknown, types?: GraphTypes): string[] {
  const checker = new Checker(types ?? (cachedTypes ??= loadGraphTypes()), new Set(shape.annotations ?? []));
  return checker.compare(shape.sample, actual, { type: shape.type, nullable: false }, '$');
}

/** The distinct differences with array positions dropped: what to pin while the sandbox still differs. */
export const summarize = (differences: readonly string[]): string[] => [...new Set(differences.map((d) => d.replace(/\[\d+\]/g, '[]')))];
