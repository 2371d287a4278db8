import { readFileSync } from 'node:fs';

/**
 * The property lists of `@microsoft/microsoft-graph-types` (Graph v1.0), read from its .d.ts at test time so
 * the shape tests follow the installed version: interface name → property name → declared type.
 * Only top-level (`microsoft.graph` namespace) interfaces are read; `extends` chains are followed.
 */

/** A property's declared type, reduced to what a JSON value can be checked against. */
export interface PropType {
  /** `NullableOption<…>`: null is allowed. */
  nullable: boolean;
  /** `X[]`. */
  array: boolean;
  /** 'string' | 'number' | 'boolean' | an interface name | 'unknown' (anything else, e.g. `any`). */
  base: string;
}

export interface GraphTypes {
  /** Own and inherited properties, or undefined when there is no such interface. */
  properties(interfaceName: string): ReadonlyMap<string, PropType> | undefined;
}

const typesPath = require.resolve('@microsoft/microsoft-graph-types/microsoft-graph.d.ts');

function parseType(expr: string, aliases: ReadonlyMap<string, string>): PropType {
  let t = expr.trim();
  const nullable = /^NullableOption<.*>$/.test(t);
  if (nullable) t = t.slice('NullableOption<'.length, -1).trim();
  const array = t.endsWith('[]');
  if (array) t = t.slice(0, -2);
  const base = ['string', 'number', 'boolean'].includes(t) ? t : (aliases.get(t) ?? (/^[A-Z]\w*$/.test(t) ? t : 'unknown'));
  return { nullable, array, base };
}

export function loadGraphTypes(path = typesPath): GraphTypes {
  // The file has CRLF line ends; top-level declarations start at column 0, their members at column 4.
  const lines = readFileSync(path, 'utf8').split(/\r?\n/);
  const aliases = new Map<string, string>();
  const raw = new Map<string, { parent?: string; props: Map<string, string> }>();
  let current: Map<string, string> | null = null;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    const alias = /^export type (\w+) =(.*)$/.exec(line);
    if (alias) {
      let rhs = alias[2] as string;
      while (!rhs.trimEnd().endsWith(';') && i + 1 < lines.length) rhs += ` ${lines[++i] as string}`;
      // Enumerations are unions of string literals: their JSON form is a string.
      const members = rhs
        .replace(/;\s*$/, '')
        .split('|')
        .map((m) => m.trim())
        .filter(Boolean);
      if (members.length > 0 && members.every((m) => /^"[^"]*"$/.test(m))) aliases.set(alias[1] as string, 'string');
      continue;
    }
    const head = /^export interface (\w+)(?: extends (\w+))? \{/.exec(line);
    if (head) {
      current = new Map();
      raw.set(head[1] as string, { ...(head[2] ? { parent: head[2] } : {}), props: current });
      if (line.trimEnd().endsWith('{}')) current = null;
      continue;
    }
    if (line.startsWith('}')) current = null;
    const member = current && /^ {4}(\w+)\??: (.+);$/.exec(line);
    if (member && current) current.set(member[1] as string, member[2] as string);
  }
  const resolved = new Map<string, Map<string, PropType>>();
  const properties = (name: string): Map<string, PropType> | undefined => {
    const done = resolved.get(name);
    if (done) return done;
    const entry = raw.get(name);
    if (!entry) return undefined;
    const props = new Map(entry.parent ? properties(entry.parent) : undefined);
    for (const [prop, expr] of entry.props) props.set(prop, parseType(expr, aliases));
    resolved.set(name, props);
    return props;
  };
  return { properties };
}
