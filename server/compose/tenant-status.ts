/**
 * The sync's TenantStatusPort until the tenant repository takes it over (issue 15): a consent failure is a warning
 * in the log, naming the tenant (a directory id, not personal data), and the sync's own TenantGate stops the tenant.
 */
import type { Logger } from 'pino';
import type { TenantStatusPort } from '../sync/ports';
import { TenantGate } from '../sync/tenant-consent';

export const loggingTenantStatus = (logger: Logger): TenantStatusPort => ({
  consentRevoked: (tenantId) => {
    logger.warn({ tenantId }, 'tenant consent missing or revoked: its rounds and subscription renewals stop until an admin consents again; nothing was deleted');
  },
});

/** A gate reporting to `port` (default: the log line). */
export const tenantGate = (logger: Logger, port: TenantStatusPort = loggingTenantStatus(logger)): TenantGate => new TenantGate(port, logger);
