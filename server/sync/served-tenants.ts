/**
 * Which tenants the sync serves (schedules, takes notifications for): the configured ones — the home tenant and
 * CALSYNC_SYNC_TENANTS — and every tenant whose record is `active`, so a tenant an admin onboards (or an operator
 * activates) is synced without a restart (issue #15). The records are listed at most once per `ttlMs`: the
 * notification handler asks on every delivery. Whether a served tenant's mailboxes are stamped is still the tenant
 * gates' call (term, suspension, consent).
 */
import type { Logger } from 'pino';
import type { TenantRepository } from '../store/tenants';
import { safeError } from './safe-error';

export interface ServedTenantsOptions {
  /** Default 30 s: how long an onboarded tenant waits for its first scheduled round, at most, beyond the tick. */
  ttlMs?: number;
  now?: () => number;
  logger?: Logger;
}

export function servedTenants(configured: readonly string[], records: TenantRepository, options: ServedTenantsOptions = {}): () => Promise<string[]> {
  const ttl = options.ttlMs ?? 30_000;
  const now = options.now ?? Date.now;
  const base = [...new Set(configured.map((t) => t.toLowerCase()))];
  let known: { at: number; tenants: string[] } | undefined;
  let pending: Promise<string[]> | undefined;
  const refresh = async (): Promise<string[]> => {
    try {
      const active = (await records.listAll()).filter((r) => r.status === 'active').map((r) => r.tenantId.toLowerCase());
      known = { at: now(), tenants: [...new Set([...base, ...active])] };
    } catch (err) {
      // The store is out: keep serving whom we served; the records are asked again on the next call.
      options.logger?.warn({ err: safeError(err) }, 'tenant records could not be listed; serving the tenants known before');
      return known?.tenants ?? base;
    } finally {
      pending = undefined;
    }
    return known.tenants;
  };
  return async () => {
    if (known && now() - known.at < ttl) return known.tenants;
    pending ??= refresh();
    return pending;
  };
}
