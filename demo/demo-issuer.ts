/**
 * The demo's stand-in for Entra ID: an RS256 key made at each start, its public half published as a JWKS
 * (served on the demo's own loopback origin), and access tokens with the claims the API's verifier checks.
 * Tokens are minted on demand, so a new key per start costs nothing; the pages fetch a fresh token after a
 * restart. Demo-only: nothing outside demo/ imports this, so `npm run serve` cannot reach it.
 */
import { randomUUID } from 'node:crypto';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK } from 'jose';
import { ADMIN_ROLE, REQUIRED_SCOPE } from '../server/auth/verifier';
import { demoObjectId, type DemoAccount } from './demo-identities';

export const DEMO_AUDIENCE = 'api://calsync-demo';
/** `.invalid` can never resolve: a demo token cannot pass for one from a real issuer. */
export const DEMO_ISSUER_TEMPLATE = 'https://demo.calsync.invalid/{tid}/v2.0';
export const DEMO_TOKEN_LIFETIME_SECONDS = 3600;

export interface DemoIssuer {
  /** `{ keys: [...] }` for the JWKS route. */
  jwks(): { keys: JWK[] };
  mint(account: DemoAccount): Promise<string>;
  /** An ID token as Entra's authorize endpoint posts it back (the operator page's sign-in). */
  mintIdToken(input: { tenantId: string; upn: string; displayName: string; roles: string[]; audience: string; nonce: string }): Promise<string>;
}

export async function createDemoIssuer(now: () => number = Date.now): Promise<DemoIssuer> {
  const kid = `calsync-demo-${randomUUID()}`;
  const { privateKey, publicKey }: { privateKey: CryptoKey; publicKey: CryptoKey } = await generateKeyPair('RS256');
  const publicJwk: JWK = { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' };
  return {
    jwks: () => ({ keys: [publicJwk] }),
    async mint(account) {
      const iat = Math.floor(now() / 1000);
      return new SignJWT({
        tid: account.tenantId,
        oid: demoObjectId(account.upn),
        preferred_username: account.upn,
        name: account.displayName,
        scp: REQUIRED_SCOPE,
        roles: account.role === 'admin' ? [ADMIN_ROLE] : [],
        ver: '2.0',
      })
        .setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid })
        .setIssuer(DEMO_ISSUER_TEMPLATE.replace('{tid}', account.tenantId))
        .setAudience(DEMO_AUDIENCE)
        .setIssuedAt(iat)
        .setNotBefore(iat)
        .setExpirationTime(iat + DEMO_TOKEN_LIFETIME_SECONDS)
        .sign(privateKey);
    },
    async mintIdToken(input) {
      const iat = Math.floor(now() / 1000);
      return new SignJWT({
        tid: input.tenantId,
        oid: demoObjectId(input.upn),
        preferred_username: input.upn,
        name: input.displayName,
        roles: input.roles,
        nonce: input.nonce,
        ver: '2.0',
      })
        .setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid })
        .setIssuer(DEMO_ISSUER_TEMPLATE.replace('{tid}', input.tenantId))
        .setAudience(input.audience)
        .setIssuedAt(iat)
        .setNotBefore(iat)
        .setExpirationTime(iat + DEMO_TOKEN_LIFETIME_SECONDS)
        .sign(privateKey);
    },
  };
}
