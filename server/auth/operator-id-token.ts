/**
 * An operator's sign-in (issue #15): the ID token Entra posts back to `/operator/callback` (OpenID Connect,
 * response_type=id_token, response_mode=form_post; https://learn.microsoft.com/entra/identity-platform/v2-protocols-oidc)
 * is checked with jose — RS256 against the JWKS, issued by the operator tenant (CALSYNC_OPERATOR_TENANT) for this
 * app, not expired, carrying the nonce this browser was given — and then must carry the app role
 * `CalSync.Operator` (app roles assigned to a user arrive in the ID token's `roles` claim). Anyone else, in the
 * operator tenant or out of it, is refused with a reason the page can say.
 */
import { createRemoteJWKSet, errors as joseErrors, jwtVerify, type JWTVerifyGetKey } from 'jose';
import { CLOCK_TOLERANCE_SECONDS } from './verifier';

export const OPERATOR_ROLE = 'CalSync.Operator';

export interface OperatorIdentity {
  /** The operator's object id in the operator tenant (audit, logs). */
  userId: string;
  /** What the page greets them with: the token's name, else their sign-in name. */
  name: string;
}

export type OperatorRefusal = 'invalid_token' | 'wrong_tenant' | 'nonce_mismatch' | 'not_operator' | 'keys_unavailable';

export class OperatorSignInRefused extends Error {
  constructor(readonly reason: OperatorRefusal) {
    super(`operator sign-in refused: ${reason}`);
    this.name = 'OperatorSignInRefused';
  }
}

export interface OperatorIdTokenOptions {
  jwksUrl: string;
  /** Issuer template with `{tid}` (CALSYNC_TOKEN_ISSUER). */
  issuerTemplate: string;
  /** The app the operator signs in to: the ID token's audience. */
  clientId: string;
  operatorTenant: string;
  now?: () => number;
}

export type OperatorIdTokenVerifier = (idToken: string, nonce: string) => Promise<OperatorIdentity>;

export function operatorIdTokenVerifier(options: OperatorIdTokenOptions): OperatorIdTokenVerifier {
  const jwks: JWTVerifyGetKey = createRemoteJWKSet(new URL(options.jwksUrl), { cooldownDuration: 30_000, cacheMaxAge: 600_000, timeoutDuration: 5_000 });
  const tenant = options.operatorTenant.toLowerCase();
  const now = options.now ?? Date.now;
  return async (idToken, nonce) => {
    let payload;
    try {
      ({ payload } = await jwtVerify(idToken, jwks, {
        algorithms: ['RS256'],
        audience: options.clientId,
        // The operator tenant's issuer only: a token from any other tenant fails here.
        issuer: options.issuerTemplate.replaceAll('{tid}', tenant),
        clockTolerance: CLOCK_TOLERANCE_SECONDS,
        currentDate: new Date(now()),
        requiredClaims: ['exp', 'iat', 'tid', 'oid', 'nonce'],
      }));
    } catch (err) {
      if (err instanceof joseErrors.JWKSTimeout || err instanceof joseErrors.JWKSInvalid || !(err instanceof joseErrors.JOSEError))
        throw new OperatorSignInRefused('keys_unavailable');
      if (err instanceof joseErrors.JWTClaimValidationFailed && err.claim === 'iss') throw new OperatorSignInRefused('wrong_tenant');
      throw new OperatorSignInRefused('invalid_token');
    }
    if (String(payload.tid).toLowerCase() !== tenant) throw new OperatorSignInRefused('wrong_tenant');
    if (payload.nonce !== nonce) throw new OperatorSignInRefused('nonce_mismatch');
    const roles = Array.isArray(payload.roles) ? payload.roles : [];
    if (!roles.includes(OPERATOR_ROLE)) throw new OperatorSignInRefused('not_operator');
    const name = [payload.name, payload.preferred_username].find((v): v is string => typeof v === 'string' && v.trim() !== '') ?? 'operator';
    return { userId: String(payload.oid).toLowerCase(), name: name.trim().slice(0, 256) };
  };
}
