/**
 * The sync's TenantStatusPort and TenantGate: a consent failure stops the tenant in the sync (TenantGate) and is
 * reported to the port — by default a warning in the log naming the tenant (a directory id, not personal data); the
 * entry points give a port that also moves the tenant record (services/tenant-consent-recorder.ts).
 */
import type { Logger } from 'pino';
import type { Stores } from '../store/types';
import type { TenantStatusPort } from '../sync/ports';
import { TenantGate } from '../sync/tenant-consent';

export const loggingTenantStatus = (logger: Logger): TenantStatusPort => ({
  consentRevoked: (tenantId) => {
    logger.warn(
      { tenantId },
      'tenant consent missing or revoked: its rounds and subscription renewals stop until an admin consents again; nothing was deleted',
    );
  },
});

/**
 * Builds the port from the store once it is open (the worker opens Graph access first, and Graph access reports
 * consent failures through the port). Entry points pass services' consentRevocationRecorder, which audits the move.
 */
export type TenantStatusFactory = (stores: () => Stores | undefined) => TenantStatusPort;

/** A gate reporting to `port` (default: the log line). */
export const tenantGate = (logger: Logger, port: TenantStatusPort = loggingTenantStatus(logger)): TenantGate => new TenantGate(port, logger);
