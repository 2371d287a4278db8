/**
 * Entra ID access-token validation with jose: RS256 only, signature against the JWKS (cached by jose,
 * refetched on an unknown kid no more than once per cooldown), audience, issuer built from the token's own
 * `tid`, exp/nbf with 60 s skew, the `Rules.ReadWrite` delegated scope and the tenant allow-list.
 *
 * Tokens that verified are remembered (keyed by the exact token string) until they expire, so the hot
 * path does not repeat the RSA check; a token differing in any byte is verified from scratch.
 */
import { createRemoteJWKSet, decodeJwt, errors as joseErrors, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import { GUID } from '../config/fields';
import type { Principal } from '../domain/principal';
import { ApiError } from '../http/errors';

/** What verify() returns; the type lives below services, which decide what a principal may do. */
export type { Principal };

export const REQUIRED_SCOPE = 'Rules.ReadWrite';
export const ADMIN_ROLE = 'CalSync.Admin';
export const CLOCK_TOLERANCE_SECONDS = 60;

export interface TokenVerifierOptions {
  audience: string | string[];
  jwksUrl: string;
  /** Issuer template with `{tid}`. */
  issuerTemplate: string;
  /** Lower-cased tenant ids allowed; undefined = any. */
  allowedTenants?: string[];
  /** Minimum time between JWKS refetches on an unknown kid (default 30 s). */
  jwksCooldownMs?: number;
  /** How long fetched keys are trusted before a refetch (default 10 min). */
  jwksMaxAgeMs?: number;
  /** Verified-token cache size (default 10,000). */
  cacheSize?: number;
  /** Clock, for tests. */
  now?: () => number;
}

export interface TokenVerifier {
  verify(token: string): Promise<Principal>;
}

const unauthorized = (message: string) => new ApiError('unauthorized', message, [], { 'WWW-Authenticate': 'Bearer error="invalid_token"' });

function stringList(value: unknown): string[] {
  if (typeof value === 'string') return value.split(' ').filter(Boolean);
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string');
  return [];
}

export function createTokenVerifier(options: TokenVerifierOptions): TokenVerifier {
  const jwks: JWTVerifyGetKey = createRemoteJWKSet(new URL(options.jwksUrl), {
    cooldownDuration: options.jwksCooldownMs ?? 30_000,
    cacheMaxAge: options.jwksMaxAgeMs ?? 600_000,
    timeoutDuration: 5_000,
  });
  const allowed = options.allowedTenants ? new Set(options.allowedTenants.map((t) => t.toLowerCase())) : undefined;
  const now = options.now ?? Date.now;
  const cacheSize = options.cacheSize ?? 10_000;
  const cache = new Map<string, { principal: Principal; until: number }>();

  async function verifyUncached(token: string): Promise<{ principal: Principal; until: number }> {
    let unverified: JWTPayload;
    try {
      unverified = decodeJwt(token);
    } catch {
      throw unauthorized('the access token is malformed');
    }
    const tid = unverified.tid;
    if (typeof tid !== 'string' || !GUID.test(tid)) throw unauthorized('the access token has no valid tid claim');
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, jwks, {
        algorithms: ['RS256'],
        audience: options.audience,
        issuer: options.issuerTemplate.replaceAll('{tid}', tid),
        clockTolerance: CLOCK_TOLERANCE_SECONDS,
        currentDate: new Date(now()),
        requiredClaims: ['exp', 'tid', 'oid'],
      }));
    } catch (err) {
      // The key set could not be fetched: our outage, not the caller's fault.
      if (err instanceof joseErrors.JWKSTimeout || err instanceof joseErrors.JWKSInvalid || !(err instanceof joseErrors.JOSEError)) {
        throw new ApiError('unavailable', 'cannot fetch the token signing keys; try again shortly', [], { 'Retry-After': '5' });
      }
      throw unauthorized(describe(err));
    }
    // The issuer check bound the signed tid to the one we read before verifying; read it again from the signed payload.
    const tenantId = String(payload.tid).toLowerCase();
    const userId = payload.oid;
    if (typeof userId !== 'string' || userId.length === 0 || userId.length > 64) throw unauthorized('the access token has no valid oid claim');
    if (allowed && !allowed.has(tenantId)) throw new ApiError('forbidden', 'this tenant is not allowed to use CalSync');
    if (!stringList(payload.scp).includes(REQUIRED_SCOPE)) {
      throw new ApiError('forbidden', `the access token lacks the ${REQUIRED_SCOPE} scope`, [], {
        'WWW-Authenticate': `Bearer error="insufficient_scope", scope="${REQUIRED_SCOPE}"`,
      });
    }
    const username = typeof payload.preferred_username === 'string' ? payload.preferred_username : typeof payload.upn === 'string' ? payload.upn : undefined;
    const displayName = typeof payload.name === 'string' && payload.name.trim() ? payload.name.trim().slice(0, 256) : undefined;
    const principal: Principal = {
      tenantId,
      userId: userId.toLowerCase(),
      isAdmin: stringList(payload.roles).includes(ADMIN_ROLE),
      username,
      ...(displayName ? { displayName } : {}),
    };
    return { principal, until: (payload.exp as number) * 1000 + CLOCK_TOLERANCE_SECONDS * 1000 };
  }

  return {
    async verify(token) {
      const hit = cache.get(token);
      if (hit) {
        if (hit.until > now()) return hit.principal;
        cache.delete(token);
      }
      const entry = await verifyUncached(token);
      if (cache.size >= cacheSize) cache.delete(cache.keys().next().value as string);
      cache.set(token, entry);
      return entry.principal;
    },
  };
}

function describe(err: InstanceType<typeof joseErrors.JOSEError>): string {
  if (err instanceof joseErrors.JWTExpired) return 'the access token has expired';
  if (err instanceof joseErrors.JWTClaimValidationFailed) return `the access token's ${err.claim} claim is not acceptable`;
  if (err instanceof joseErrors.JOSEAlgNotAllowed) return 'the access token must be signed with RS256';
  if (err instanceof joseErrors.JWKSNoMatchingKey) return 'the access token is signed with an unknown key';
  if (err instanceof joseErrors.JWSSignatureVerificationFailed) return 'the access token signature is invalid';
  return 'the access token is invalid';
}
