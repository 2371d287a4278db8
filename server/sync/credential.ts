/**
 * The app-only credential the sync uses, chosen by config: a client secret, a client certificate, or the
 * managed identity (alone, or as the federated credential of a multi-tenant app). `authorityHost` and `caPem`
 * point it at a stand-in authority (the local sandbox); instance discovery is then off, or MSAL would ask
 * login.microsoftonline.com about that authority.
 *
 * One multi-tenant app registration serves every customer: its token for a customer is asked of that customer's
 * tenant (`/{tenant}/oauth2/v2.0/token`), so a credential is made per tenant (`createTenantCredential`).
 */
import {
  ClientAssertionCredential,
  ClientCertificateCredential,
  ClientSecretCredential,
  ManagedIdentityCredential,
  type AccessToken,
  type TokenCredential,
} from '@azure/identity';
import type { GraphCredentialConfig } from '../config/graph';

/** The credential for the configured (home) tenant. */
export function createGraphCredential(config: GraphCredentialConfig): TokenCredential {
  return createTenantCredential(config, config.tenantId ?? '');
}

/** Audience a managed identity's token must have to serve as an app's federated credential (workload identity federation). */
const FEDERATION_AUDIENCE = 'api://AzureADTokenExchange/.default';

/**
 * The app's credential in `tenantId`. A managed identity on its own exists in its home tenant only; with
 * `federatedAppClientId` its token is the client assertion of that multi-tenant app, which then signs in to any
 * tenant that consented (learn.microsoft.com/en-us/entra/workload-id/workload-identity-federation-config-app-trust-managed-identity).
 */
export function createTenantCredential(config: GraphCredentialConfig, tenantId: string): TokenCredential {
  if (config.kind === 'managedIdentity') {
    const identity = config.clientId ? new ManagedIdentityCredential({ clientId: config.clientId }) : new ManagedIdentityCredential();
    if (!config.federatedAppClientId || !tenantId) {
      if (config.tenantId && tenantId.toLowerCase() !== config.tenantId.toLowerCase()) {
        throw new Error('a managed identity alone gets tokens in its own tenant only; set CALSYNC_FEDERATED_APP_CLIENT_ID to serve other tenants');
      }
      return identity;
    }
    const assertion = async (): Promise<string> => {
      const token = await identity.getToken(FEDERATION_AUDIENCE);
      if (!token) throw new Error('the managed identity returned no token for the federated credential');
      return token.token;
    };
    return new ClientAssertionCredential(tenantId, config.federatedAppClientId, assertion);
  }
  const options = {
    ...(config.authorityHost ? { authorityHost: config.authorityHost, disableInstanceDiscovery: true } : {}),
    // Trust a private CA for this credential's token requests only; never a process-wide TLS switch.
    ...(config.caPem ? { tlsOptions: { ca: config.caPem } } : {}),
  };
  if (config.kind === 'secret') return new ClientSecretCredential(tenantId, config.clientId, config.clientSecret, options);
  return new ClientCertificateCredential(tenantId, config.clientId, { certificatePath: config.certificatePath }, options);
}

/**
 * Hands out one access token until shortly before it expires. The Graph client asks for a token on every
 * request; @azure/identity would answer from MSAL's cache, but walking that cache thousands of times per
 * round costs real CPU. Concurrent callers share one token request.
 */
export function cachingCredential(inner: TokenCredential, refreshMarginMs = 5 * 60_000, now: () => number = Date.now): TokenCredential {
  const cache = new Map<string, { token: AccessToken; pending?: undefined } | { token?: undefined; pending: Promise<AccessToken | null> }>();
  return {
    async getToken(scopes, options) {
      const key = (Array.isArray(scopes) ? scopes : [scopes]).join(' ');
      const entry = cache.get(key);
      if (entry?.token && entry.token.expiresOnTimestamp - refreshMarginMs > now()) return entry.token;
      if (entry?.pending) return entry.pending;
      const pending = inner.getToken(scopes, options).then(
        (token) => {
          if (token) cache.set(key, { token });
          else cache.delete(key);
          return token;
        },
        (error: unknown) => {
          cache.delete(key);
          throw error;
        },
      );
      cache.set(key, { pending });
      return pending;
    },
  };
}
