/**
 * Tenant records for tests: the API serves only customers (server/auth/tenant-gate.ts), so every store a test API
 * or sync runs on gets active records for the tenants the tests sign in with, once, here.
 */
import type { Stores } from '../../server/store/types';
import type { TenantRecord } from '../../server/store/tenants';
import { TENANT_A, TENANT_B } from './tokens';

/** A plan large and long enough that no test meets its seats or its term unless it sets its own. */
export const TEST_PLAN = { seats: 100_000, termStart: '2020-01-01', termEnd: '2100-01-01', graceDays: 14 } as const;

export function customerRecord(tenantId: string, overrides: Partial<TenantRecord> = {}): TenantRecord {
  return {
    tenantId,
    displayName: `Test org ${tenantId.slice(0, 8)}`,
    status: 'active',
    plan: { ...TEST_PLAN },
    consentedBy: 'test-admin',
    consentedAt: '2020-01-01T00:00:00.000Z',
    contact: null,
    createdAt: '2020-01-01T00:00:00.000Z',
    updatedAt: '2020-01-01T00:00:00.000Z',
    updatedBy: 'test-seed',
    ...overrides,
  };
}

/** Active customer records for the given tenants (default: the test tenants A and B); ones already there are kept. */
export async function seedCustomerTenants(stores: Stores, tenantIds: string[] = [TENANT_A, TENANT_B]): Promise<void> {
  for (const tenantId of tenantIds) {
    if (!(await stores.tenants.get(tenantId))) await stores.tenants.create(customerRecord(tenantId));
  }
}
