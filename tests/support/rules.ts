/** Rule document factories: valid drafts for each scope and a catalogue of invalid bodies with their paths. */
import type { RuleScope } from '../../shared';

let counter = 0;

export interface DraftOverrides {
  [key: string]: unknown;
}

/** A valid rule draft (no id): subject contains a word → a category. */
export function ruleDraft(scope: RuleScope, overrides: DraftOverrides = {}): Record<string, unknown> {
  const n = ++counter;
  return {
    name: `Rule ${n}`,
    scope,
    enabled: true,
    when: { field: 'subject', op: 'contains', value: `word${n}` },
    then: { category: `Category ${n}`, color: 'preset7' },
    ...overrides,
  };
}

export const orgDraft = (overrides: DraftOverrides = {}) => ruleDraft('org', overrides);
export const personalDraft = (overrides: DraftOverrides = {}) => ruleDraft('personal', overrides);

/** A rule that matches every event with external attendees. */
export function externalRule(scope: RuleScope, overrides: DraftOverrides = {}): Record<string, unknown> {
  return ruleDraft(scope, {
    name: 'External meetings',
    when: { field: 'hasExternalAttendees', op: 'is', value: true },
    then: { category: 'External', color: 'preset0' },
    ...overrides,
  });
}

/** Bodies the API must refuse with 400, and the path its problem details must name. */
export function invalidRuleBodies(scope: RuleScope = 'personal'): { name: string; body: unknown; path: string }[] {
  const ok = ruleDraft(scope);
  return [
    { name: 'not an object', body: [1, 2], path: '' },
    { name: 'missing name', body: { ...ok, name: undefined }, path: 'name' },
    { name: 'blank name', body: { ...ok, name: '   ' }, path: 'name' },
    { name: 'name too long', body: { ...ok, name: 'x'.repeat(121) }, path: 'name' },
    { name: 'unknown scope', body: { ...ok, scope: 'global' }, path: 'scope' },
    { name: 'unknown key', body: { ...ok, tenantId: 'x' }, path: 'tenantId' },
    { name: 'bad id', body: { ...ok, id: 'no spaces allowed' }, path: 'id' },
    { name: 'negative order', body: { ...ok, order: -1 }, path: 'order' },
    { name: 'unknown field', body: { ...ok, when: { field: 'mood', op: 'equals', value: 'x' } }, path: 'when.field' },
    { name: 'op does not fit', body: { ...ok, when: { field: 'subject', op: 'gt', value: 1 } }, path: 'when.op' },
    { name: 'bad regex', body: { ...ok, when: { field: 'subject', op: 'matches', value: '(' } }, path: 'when.value' },
    { name: 'category with comma', body: { ...ok, then: { category: 'a,b', color: 'preset1' } }, path: 'then.category' },
    { name: 'category too long', body: { ...ok, then: { category: 'c'.repeat(256), color: 'preset1' } }, path: 'then.category' },
    { name: 'unknown colour', body: { ...ok, then: { category: 'A', color: 'preset99' } }, path: 'then.color' },
    { name: 'list too long', body: { ...ok, when: { field: 'subject', op: 'in', value: Array.from({ length: 501 }, (_, i) => `v${i}`) } }, path: 'when.value' },
    { name: 'too deep', body: { ...ok, when: nest(12) }, path: `when${'.not'.repeat(10)}` },
    {
      name: 'too many conditions',
      body: { ...ok, when: { any: Array.from({ length: 201 }, (_, i) => ({ field: 'subject', op: 'contains', value: `w${i}` })) } },
      path: 'when',
    },
    { name: 'regex too long', body: { ...ok, when: { field: 'subject', op: 'matches', value: 'a'.repeat(501) } }, path: 'when.value' },
    { name: 'text value too long', body: { ...ok, when: { field: 'subject', op: 'contains', value: 'a'.repeat(1025) } }, path: 'when.value' },
    { name: 'order too large', body: { ...ok, order: 1_000_001 }, path: 'order' },
  ];
}

function nest(depth: number): unknown {
  let c: unknown = { field: 'subject', op: 'contains', value: 'x' };
  for (let i = 0; i < depth; i++) c = { not: c };
  return c;
}
