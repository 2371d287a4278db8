/**
 * The condition builder's editable tree, and its conversion to and from the rule document's `when`.
 * Each node has a stable key so React keeps focus on the row being edited; `negate` is the "not" toggle.
 */
import { FIELDS, OPS_BY_TYPE, type FieldName, type FieldType } from '../../../shared/fields';
import type { Condition, Predicate } from '../../../shared/schema';

export type PredicateValue = string | number | boolean | string[] | number[];

export interface DraftPredicate {
  kind: 'predicate';
  key: string;
  negate: boolean;
  field: FieldName;
  op: string;
  value: PredicateValue;
  caseSensitive: boolean;
}

export interface DraftGroup {
  kind: 'group';
  key: string;
  negate: boolean;
  mode: 'all' | 'any';
  children: DraftCondition[];
}

export type DraftCondition = DraftPredicate | DraftGroup;

let counter = 0;
export function newKey(): string {
  counter += 1;
  return `c${counter}`;
}

/** A sensible starting value for a field and operator, so a new row is valid before anything is typed. */
export function defaultValue(field: FieldName, op: string): PredicateValue {
  const spec = FIELDS[field] as { type: FieldType; values?: readonly string[] };
  switch (spec.type) {
    case 'number':
      return op === 'between' ? [0, 60] : 0;
    case 'boolean':
      return true;
    case 'enum':
      return op === 'in' ? [spec.values![0]!] : spec.values![0]!;
    case 'time':
      return op === 'between' ? ['09:00', '17:00'] : '12:00';
    default:
      return op === 'in' || op === 'notIn' ? [] : '';
  }
}

export function newPredicate(field: FieldName = 'subject'): DraftPredicate {
  const op = OPS_BY_TYPE[FIELDS[field].type][0]!;
  return { kind: 'predicate', key: newKey(), negate: false, field, op, value: defaultValue(field, op), caseSensitive: false };
}

export function newGroup(mode: 'all' | 'any' = 'all', children: DraftCondition[] = [newPredicate()]): DraftGroup {
  return { kind: 'group', key: newKey(), negate: false, mode, children };
}

/** Changing the field keeps the operator when it still fits, and resets the value when its shape changes. */
export function withField(p: DraftPredicate, field: FieldName): DraftPredicate {
  const ops = OPS_BY_TYPE[FIELDS[field].type];
  const op = ops.includes(p.op) ? p.op : ops[0]!;
  const sameType = FIELDS[field].type === FIELDS[p.field].type && op === p.op;
  return { ...p, field, op, value: sameType ? p.value : defaultValue(field, op) };
}

function valueShape(field: FieldName, op: string): string {
  const v = defaultValue(field, op);
  return Array.isArray(v) ? 'list' : typeof v;
}

export function withOp(p: DraftPredicate, op: string): DraftPredicate {
  const keep = valueShape(p.field, op) === valueShape(p.field, p.op);
  return { ...p, op, value: keep ? p.value : defaultValue(p.field, op) };
}

function negated(c: Condition, negate: boolean): Condition {
  return negate ? { not: c } : c;
}

export function toCondition(d: DraftCondition): Condition {
  if (d.kind === 'group') {
    const children = d.children.map(toCondition);
    return negated(d.mode === 'all' ? { all: children } : { any: children }, d.negate);
  }
  const p: Predicate = { field: d.field, op: d.op, value: d.value };
  // The flag survives a change to a number/enum/boolean/time field in the draft; only text has a case to match.
  const textual = FIELDS[d.field].type === 'text' || FIELDS[d.field].type === 'list';
  if (d.caseSensitive && textual) p.caseSensitive = true;
  return negated(p, d.negate);
}

/**
 * Where each predicate lands in the rule document (`when.all[1].not`), so an issue the
 * validator reports at a path can be shown at its row. Mirrors toCondition: a negated node gains `.not`.
 */
export function predicatePaths(root: DraftGroup, at = 'when'): Array<{ path: string; predicate: DraftPredicate }> {
  const out: Array<{ path: string; predicate: DraftPredicate }> = [];
  const walk = (d: DraftCondition, path: string) => {
    const self = d.negate ? `${path}.not` : path;
    if (d.kind === 'predicate') out.push({ path: self, predicate: d });
    else d.children.forEach((c, i) => walk(c, `${self}.${d.mode}[${i}]`));
  };
  walk(root, at);
  return out;
}

export function fromCondition(c: Condition, negate = false): DraftCondition {
  if ('not' in c) return fromCondition(c.not, !negate);
  if ('all' in c) return { kind: 'group', key: newKey(), negate, mode: 'all', children: c.all.map((x) => fromCondition(x)) };
  if ('any' in c) return { kind: 'group', key: newKey(), negate, mode: 'any', children: c.any.map((x) => fromCondition(x)) };
  return {
    kind: 'predicate',
    key: newKey(),
    negate,
    field: c.field as FieldName,
    op: c.op,
    value: c.value as PredicateValue,
    caseSensitive: c.caseSensitive === true,
  };
}

/** The editor's root is always a group, so "all/any" is one control at the top. */
export function rootGroupOf(c: Condition): DraftGroup {
  const d = fromCondition(c);
  return d.kind === 'group' && !d.negate ? d : newGroup('all', [d]);
}

/** Replaces the node with `key` anywhere in the tree (null removes it). */
export function replaceNode(root: DraftGroup, key: string, next: DraftCondition | null): DraftGroup {
  const children: DraftCondition[] = [];
  for (const child of root.children) {
    if (child.key === key) {
      if (next) children.push(next);
    } else {
      children.push(child.kind === 'group' ? replaceNode(child, key, next) : child);
    }
  }
  return { ...root, children };
}
