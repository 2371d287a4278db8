/**
 * The sync's tenant gate from the tenant records (issue #15): a tenant whose record is not `active`, or whose term
 * and grace period are over (domain/tenant-term.ts), gets no rounds — its rules, settings and stamps stay, and
 * `calsync undo` still works. A tenant with no record is synced only when the deployment names it (`recordless`:
 * the home tenant and CALSYNC_SYNC_TENANTS run without records): an offboarded tenant's record is deleted last, and
 * a job of its still in a queue must not bring its sync state back. Without `recordless` (the sync's own
 * harnesses) every tenant without a record is synced.
 * Records are cached for `ttlMs`, so a renewal resumes rounds within that long.
 */
import { LRUCache } from 'lru-cache';
import { termStateOf } from '../domain/tenant-term';
import type { TenantRepository } from '../store/tenants';
import type { TenantSyncGate, TenantSyncVerdict } from './ports';

export interface StoreTenantSyncGateOptions {
  now?: () => Date;
  /** Default 60 s; 0 reads the record for every round. */
  ttlMs?: number;
  /** The tenants synced without a record (the configured ones); absent: every tenant without one. */
  recordless?: readonly string[];
}

export function storeTenantSyncGate(tenants: TenantRepository, options: StoreTenantSyncGateOptions = {}): TenantSyncGate {
  const now = options.now ?? (() => new Date());
  const ttl = options.ttlMs ?? 60_000;
  const recordless = options.recordless && new Set(options.recordless.map((t) => t.toLowerCase()));
  const cache = ttl > 0 ? new LRUCache<string, { verdict: TenantSyncVerdict; day: string }>({ max: 10_000, ttl }) : undefined;
  return {
    async check(tenantId) {
      const day = now().toISOString().slice(0, 10);
      const hit = cache?.get(tenantId);
      // A cached verdict holds for its day only: the term's boundaries are days.
      if (hit && hit.day === day) return hit.verdict;
      const record = await tenants.get(tenantId);
      const verdict: TenantSyncVerdict = !record
        ? !recordless || recordless.has(tenantId.toLowerCase())
          ? { act: true }
          : { act: false, reason: 'not_customer' }
        : record.status !== 'active'
          ? { act: false, reason: 'not_active' }
          : termStateOf(record.plan, now()).kind === 'lapsed'
            ? { act: false, reason: 'term_lapsed' }
            : { act: true };
      cache?.set(tenantId, { verdict, day });
      return verdict;
    },
  };
}
