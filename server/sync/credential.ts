/**
 * The app-only credential the sync uses, chosen by config: a client secret, a client certificate, or the
 * managed identity. `authorityHost` and `caPem` point it at a stand-in authority (the local sandbox);
 * instance discovery is then off, or MSAL would ask login.microsoftonline.com about that authority.
 */
import { ClientCertificateCredential, ClientSecretCredential, ManagedIdentityCredential, type AccessToken, type TokenCredential } from '@azure/identity';
import type { GraphCredentialConfig } from '../config/graph';

export function createGraphCredential(config: GraphCredentialConfig): TokenCredential {
  if (config.kind === 'managedIdentity') {
    return config.clientId ? new ManagedIdentityCredential({ clientId: config.clientId }) : new ManagedIdentityCredential();
  }
  const options = {
    ...(config.authorityHost ? { authorityHost: config.authorityHost, disableInstanceDiscovery: true } : {}),
    // Trust a private CA for this credential's token requests only; never a process-wide TLS switch.
    ...(config.caPem ? { tlsOptions: { ca: config.caPem } } : {}),
  };
  if (config.kind === 'secret') return new ClientSecretCredential(config.tenantId, config.clientId, config.clientSecret, options);
  return new ClientCertificateCredential(config.tenantId, config.clientId, { certificatePath: config.certificatePath }, options);
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
