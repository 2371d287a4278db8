/**
 * The sync's TenantStatusPort: a consent failure is a warning in the log, naming the tenant (a directory id, not
 * personal data), and the tenant's record moves to `consent_revoked` (operators see it; the API then refuses its
 * users with tenant_not_onboarded until an admin consents again). The sync's own TenantGate stops the tenant.
 */
import type { Logger } from 'pino';
import type { Stores } from '../store/types';
import type { TenantStatusPort } from '../sync/ports';
import { TenantGate } from '../sync/tenant-consent';


export const loggingTenantStatus = (logger: Logger): TenantStatusPort => ({
  consentRevoked: (tenantId) => {
    logger.warn({ tenantId }, 'tenant consent missing or revoked: its rounds and subscription renewals stop until an admin consents again; nothing was deleted');
  },
});

/**
 * The log line, then the tenant record (when there is one and it is active), If-Match its etag so an operator's
 * change in between wins; `stores` is read at call time. Written through the store (compose does not reach the API's
 * services), so this move has no audit entry; the log line is its record.
 */
export const recordingTenantStatus = (logger: Logger, stores: () => Stores | undefined): TenantStatusPort => {
  const log = loggingTenantStatus(logger);
  return {
    consentRevoked: async (tenantId) => {
      await log.consentRevoked(tenantId);
      const current = stores();
      if (!current) return;
      const record = await current.tenants.get(tenantId).catch(() => undefined);
      if (record?.status !== 'active') return;
      const { etag: _etag, ...rest } = record;
      await current.tenants
        .replace({ ...rest, status: 'consent_revoked', updatedAt: new Date().toISOString(), updatedBy: 'calsync-sync' }, record.etag)
        .catch((err: unknown) => logger.warn({ tenantId, err: err instanceof Error ? err.message : String(err) }, 'could not mark the tenant consent_revoked'));
    },
  };
};

/** A gate reporting to `port` (default: the log line). */
export const tenantGate = (logger: Logger, port: TenantStatusPort = loggingTenantStatus(logger)): TenantGate => new TenantGate(port, logger);
