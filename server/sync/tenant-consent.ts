/**
 * Consent as the sync sees it: a tenant whose admin never consented, or removed the app, answers every token request
 * with a consent error. The sync then stops that tenant (no rounds, no subscription renewals; nothing deleted) and
 * says so once through TenantStatusPort; resume() lets it run again after a new consent.
 */
import type { AccessToken, TokenCredential } from '@azure/identity';
import pino, { type Logger } from 'pino';
import type { TenantStatusPort } from './ports';
import { safeError } from './safe-error';

/**
 * Entra's answers for an app without a service principal (or grant) in the tenant:
 * 7000229 "missing service principal in the tenant" (Azure/azure-sdk-for-net#46762), 700016 "Application … was not
 * found in the directory … not been installed by the administrator of the tenant or consented to"
 * (microsoft/AzureTRE#1475), 65001 "The user or administrator has not consented to use the application"
 * (learn.microsoft.com/en-us/troubleshoot/entra/entra-id/app-integration/troubleshoot-consent-issues).
 */
export const CONSENT_ERROR_CODES: readonly number[] = [7000229, 700016, 65001];

const AADSTS = /\bAADSTS(\d+)\b/g;

/**
 * Whether a token request failed for lack of consent. @azure/identity 4 rethrows MSAL's failure as an
 * AuthenticationRequiredError that keeps only the message (`invalid_client: Error(s): 7000229 - … AADSTS7000229: …`),
 * so the AADSTS codes are read from the message; a structured `errorResponse.errorCodes` counts too.
 */
export function isConsentError(error: unknown): boolean {
  const structured = (error as { errorResponse?: { errorCodes?: number[] } } | null)?.errorResponse?.errorCodes ?? [];
  if (structured.some((c) => CONSENT_ERROR_CODES.includes(c))) return true;
  const message = error instanceof Error ? error.message : typeof error === 'string' ? error : '';
  return [...message.matchAll(AADSTS)].some((m) => CONSENT_ERROR_CODES.includes(Number(m[1])));
}

/** Reports a consent error of `inner`'s token requests to `onConsentError`, and rethrows it. */
export function consentWatchingCredential(inner: TokenCredential, onConsentError: (error: unknown) => void): TokenCredential {
  return {
    async getToken(scopes, options): Promise<AccessToken | null> {
      try {
        return await inner.getToken(scopes, options);
      } catch (error) {
        if (isConsentError(error)) onConsentError(error);
        throw error;
      }
    },
  };
}

/** Which tenants the sync has stopped for lack of consent (per process: each process learns it from its own tokens). */
export class TenantGate {
  private readonly stopped = new Set<string>();

  private readonly logger: Logger;

  constructor(
    private readonly port: TenantStatusPort,
    logger?: Logger,
  ) {
    this.logger = logger ?? pino({ level: 'silent' });
  }

  isStopped(tenantId: string): boolean {
    return this.stopped.has(tenantId.toLowerCase());
  }

  /** The tenant's tokens failed with a consent error: stop it, and tell the port the first time. */
  consentRevoked(tenantId: string): void {
    const key = tenantId.toLowerCase();
    if (this.stopped.has(key)) return;
    this.stopped.add(key);
    void Promise.resolve()
      .then(() => this.port.consentRevoked(key))
      .catch((err: unknown) => this.logger.warn({ err: safeError(err), tenantId: key }, 'tenant status port failed on consent revoked'));
  }

  /** The tenant consented again (the tenant repository's business): its rounds may run. */
  resume(tenantId: string): void {
    this.stopped.delete(tenantId.toLowerCase());
  }
}
