/**
 * Everything a store keeps for one tenant apart from its tenant record, as one thing to count and to erase
 * (offboarding, issue #15). Each store names its own tables or containers here, so a new one is added in one place;
 * tests/store/offboarding-leaves-nothing.test.ts scans every table and container for what is left.
 */

/** Rows or items per kind (a table or container name), e.g. `{ rules: 12, audit: 40 }`. */
export type TenantDataCounts = Record<string, number>;

export interface TenantDataStore {
  /** What is kept for the tenant, by kind; the tenant record is not counted. */
  count(tenantId: string): Promise<TenantDataCounts>;
  /**
   * Deletes what is kept for the tenant (not its tenant record) and returns what it deleted, by kind. Idempotent:
   * after a failure midway, calling it again deletes the rest.
   */
  erase(tenantId: string): Promise<TenantDataCounts>;
}

export const totalOf = (counts: TenantDataCounts): number => Object.values(counts).reduce((sum, n) => sum + n, 0);
