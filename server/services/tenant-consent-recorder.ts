/**
 * What the sync reports when a tenant's tokens fail for lack of consent: a warning naming the tenant (a directory id,
 * not personal data), and an active tenant's record moved to `consent_revoked` through TenantService, so the move is
 * etag-guarded and audited like an operator's (issue #15: every tenant write audited). Operators see the status; the
 * API then refuses the tenant's users with tenant_not_onboarded until an admin consents again. Nothing is deleted.
 * The entry points hand this to the composition root, which may not reach services itself.
 */
import type { Logger } from 'pino';
import type { Stores } from '../store/types';
import { TenantService, type TenantActor } from './tenants';

/** The sync, as it appears in the tenant's audit log. */
export const SYNC_ACTOR: TenantActor = { userId: 'calsync-sync', displayName: 'CalSync sync' };

export interface ConsentRevocationRecorder {
  consentRevoked(tenantId: string): Promise<void>;
}

/** `stores` is read at call time: the worker opens its store after Graph access, which reports through this. */
export function consentRevocationRecorder(logger: Logger, stores: () => Stores | undefined): ConsentRevocationRecorder {
  return {
    async consentRevoked(tenantId) {
      logger.warn(
        { tenantId },
        'tenant consent missing or revoked: its rounds and subscription renewals stop until an admin consents again; nothing was deleted',
      );
      const current = stores();
      if (!current) return;
      const tenants = new TenantService(current, { accessCacheTtlMs: 0 });
      const record = await tenants.get(tenantId).catch(() => undefined);
      // Only an active tenant moves: a suspended or offboarded one keeps the status an operator gave it.
      if (record?.status !== 'active') return;
      await tenants
        .markConsentRevoked(SYNC_ACTOR, tenantId)
        .catch((err: unknown) => logger.warn({ tenantId, err: err instanceof Error ? err.message : String(err) }, 'could not mark the tenant consent_revoked'));
    },
  };
}
