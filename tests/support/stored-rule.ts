/** A rule as the stores keep it, for store and loader tests: an org rule of tenant STORED_RULE_TENANT unless overridden. */
import type { StoredRuleInput } from '../../server/store/types';

export const STORED_RULE_TENANT = 'aaaaaaaa-0000-4000-8000-00000000000a';

export function storedRule(id: string, overrides: Partial<StoredRuleInput> = {}): StoredRuleInput {
  return {
    id,
    name: `rule ${id}`,
    scope: 'org',
    enabled: true,
    order: 0,
    when: { field: 'subject', op: 'contains', value: 'x' },
    then: { category: 'A', color: 'preset1', stop: false },
    tenantId: STORED_RULE_TENANT,
    ownerId: null,
    createdAt: '2026-01-01T00:00:00.000Z',
    createdBy: 'u1',
    updatedAt: '2026-01-01T00:00:00.000Z',
    updatedBy: 'u1',
    ...overrides,
  };
}
