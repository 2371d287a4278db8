/**
 * Tenant records: one per organisation that is, was or is about to be a customer (issue #15). The API and the
 * sync act for a tenant only when its record says so (services/tenants.ts); operators change records with
 * `calsync tenants`. One item per tenant, keyed by the tenant id; every write is etag-guarded.
 */

export const TENANT_STATUSES = ['invited', 'active', 'suspended', 'consent_revoked', 'offboarded'] as const;
export type TenantStatus = (typeof TENANT_STATUSES)[number];

/**
 * What the organisation bought. Dates are UTC calendar days (YYYY-MM-DD). The term is [termStart, termEnd): on
 * termEnd the grace period begins, and it lasts `graceDays` days (domain/tenant-term.ts).
 */
export interface TenantPlan {
  seats: number;
  termStart: string;
  termEnd: string;
  graceDays: number;
}

export interface TenantRecord {
  tenantId: string;
  displayName: string;
  status: TenantStatus;
  plan: TenantPlan;
  /** The admin who granted consent (object id or UPN) and when; null until consent. */
  consentedBy: string | null;
  consentedAt: string | null;
  /** Where the service's notices go (renewal, suspension); null when nobody gave one. */
  contact: string | null;
  createdAt: string;
  updatedAt: string;
  updatedBy: string;
}

export type StoredTenant = TenantRecord & { etag: string };

export interface TenantRepository {
  /** A point read; undefined when the tenant has no record. */
  get(tenantId: string): Promise<StoredTenant | undefined>;
  /** Every tenant record, ordered by tenant id (operators; cross-tenant by design). */
  listAll(): Promise<StoredTenant[]>;
  /** Throws StoreError('conflict') when the tenant has a record already. */
  create(tenant: TenantRecord): Promise<StoredTenant>;
  /** Throws 'not_found' or 'etag_mismatch'. */
  replace(tenant: TenantRecord, ifMatch: string): Promise<StoredTenant>;
  /** Throws 'not_found' or 'etag_mismatch'. */
  delete(tenantId: string, ifMatch: string): Promise<void>;
}
