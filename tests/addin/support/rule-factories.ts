/** Rules as the API returns them (with ETags), for add-in tests. */
import type { Condition, Rule } from '../../../shared';
import type { ApiRule } from '../../../addin/api/api-types';

let seq = 0;

export function apiRule(overrides: Partial<Rule> & { when?: Condition } = {}): ApiRule {
  seq += 1;
  return {
    id: overrides.id ?? `r_test${seq}`,
    name: overrides.name ?? `Rule ${seq}`,
    scope: overrides.scope ?? 'personal',
    enabled: overrides.enabled ?? true,
    order: overrides.order ?? seq * 10,
    when: overrides.when ?? { all: [{ field: 'subject', op: 'contains', value: 'review' }] },
    then: overrides.then ?? { category: `Category ${seq}`, color: 'preset7', stop: false },
    ...(overrides.appliesTo ? { appliesTo: overrides.appliesTo } : {}),
    etag: `"e${seq}-1"`,
  };
}

export const externalRule = (overrides: Partial<Rule> = {}) =>
  apiRule({
    name: 'External meetings',
    scope: 'org',
    when: { all: [{ field: 'hasExternalAttendees', op: 'is', value: true }] },
    then: { category: 'External', color: 'preset0', stop: false },
    ...overrides,
  });
