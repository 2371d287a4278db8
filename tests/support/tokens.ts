/**
 * Test identities and the token matrix: every way an access token can be wrong, each with the status the
 * API must answer. Tokens are minted by a TestIssuer (see token-issuer.ts).
 */
import { base64url, SignJWT } from 'jose';
import type { TestIssuer } from './token-issuer';

export const TENANT_A = 'aaaaaaaa-0000-4000-8000-00000000000a';
export const TENANT_B = 'bbbbbbbb-0000-4000-8000-00000000000b';
/** A well-formed tenant that the test app's allow-list does not include. */
export const TENANT_NOT_ALLOWED = 'cccccccc-0000-4000-8000-00000000000c';
/** A tenant the allow-list lets through that has no customer record: the API answers it `tenant_not_onboarded`. */
export const TENANT_NOT_CUSTOMER = 'dddddddd-0000-4000-8000-00000000000d';

export interface TestUser {
  tid: string;
  oid: string;
  admin: boolean;
  upn: string;
  /** The `name` claim (display name); absent, the token has none, as app-only and some guest tokens. */
  name?: string;
}

export const USERS = {
  adminA: { tid: TENANT_A, oid: '0a000000-0000-4000-8000-0000000000a1', admin: true, upn: 'admin@contoso.com', name: 'Ada Admin' },
  aliceA: { tid: TENANT_A, oid: '0a000000-0000-4000-8000-0000000000a2', admin: false, upn: 'alice@contoso.com' },
  bobA: { tid: TENANT_A, oid: '0a000000-0000-4000-8000-0000000000a3', admin: false, upn: 'bob@contoso.com' },
  adminB: { tid: TENANT_B, oid: '0b000000-0000-4000-8000-0000000000b1', admin: true, upn: 'admin@fabrikam.com' },
  carolB: { tid: TENANT_B, oid: '0b000000-0000-4000-8000-0000000000b2', admin: false, upn: 'carol@fabrikam.com' },
} satisfies Record<string, TestUser>;

export type UserName = keyof typeof USERS;

export function claimsFor(user: TestUser): Record<string, unknown> {
  return {
    tid: user.tid,
    oid: user.oid,
    sub: `sub-${user.oid}`,
    scp: 'User.Read Rules.ReadWrite',
    roles: user.admin ? ['CalSync.Admin'] : undefined,
    preferred_username: user.upn,
    name: user.name,
  };
}

export interface Tokens {
  /** A valid token for a test user, optionally with claims overridden. */
  for(user: TestUser | UserName, claims?: Record<string, unknown>): Promise<string>;
  /** `Authorization` header value for a user. */
  header(user: TestUser | UserName): Promise<string>;
}

export function tokenFactory(issuer: TestIssuer): Tokens {
  const cache = new Map<string, string>();
  const resolve = (u: TestUser | UserName) => (typeof u === 'string' ? USERS[u] : u);
  const factory: Tokens = {
    async for(u, claims) {
      const user = resolve(u);
      if (!claims) {
        const hit = cache.get(user.oid);
        if (hit) return hit;
      }
      const token = await issuer.mint({ claims: { ...claimsFor(user), ...claims } });
      if (!claims) cache.set(user.oid, token);
      return token;
    },
    async header(u) {
      return `Bearer ${await factory.for(u)}`;
    },
  };
  return factory;
}

export interface TokenCase {
  name: string;
  /** The Authorization header to send; undefined = none. */
  authorization: string | undefined;
  status: 401 | 403;
  /** The problem code; default `unauthorized` for 401, `forbidden` for 403. */
  code?: string;
}

function tamper(token: string): string {
  const [h, p, s] = token.split('.') as [string, string, string];
  const payload = JSON.parse(new TextDecoder().decode(base64url.decode(p))) as Record<string, unknown>;
  payload.roles = ['CalSync.Admin'];
  payload.oid = USERS.adminA.oid;
  return `${h}.${base64url.encode(JSON.stringify(payload))}.${s}`;
}

/**
 * Every broken token of the matrix, for `user` (default aliceA). Publishes an EC key on the issuer (for the
 * ES256 case): build the matrix before the app's first request, so that key is in the JWKS the verifier caches.
 */
export async function tokenMatrix(issuer: TestIssuer, user: TestUser = USERS.aliceA): Promise<TokenCase[]> {
  const now = Math.floor(Date.now() / 1000);
  const base = claimsFor(user);
  const valid = await issuer.mint({ claims: base });
  const unpublished = await issuer.newKey('never-published');
  const ecKey = await issuer.newKey('published-ec', 'ES256');
  issuer.publish(ecKey);
  const header = base64url.encode(JSON.stringify({ alg: 'none', typ: 'JWT' }));
  const payload = base64url.encode(JSON.stringify({ ...base, iss: issuer.issuerFor(user.tid), aud: issuer.audience, nbf: now, exp: now + 3600 }));
  const hs256 = await new SignJWT({ ...base, iss: issuer.issuerFor(user.tid), aud: issuer.audience, nbf: now, exp: now + 3600 })
    .setProtectedHeader({ alg: 'HS256', kid: issuer.key.kid })
    .sign(new TextEncoder().encode(issuer.key.publicPem));
  const bearer = (t: string) => `Bearer ${t}`;
  return [
    { name: 'no token', authorization: undefined, status: 401 },
    { name: 'not a bearer scheme', authorization: `Basic ${Buffer.from('a:b').toString('base64')}`, status: 401 },
    { name: 'malformed token', authorization: bearer('not-a.jwt'), status: 401 },
    { name: 'empty bearer', authorization: 'Bearer ', status: 401 },
    // Past the 60 s clock tolerance.
    { name: 'expired', authorization: bearer(await issuer.mint({ claims: { ...base, iat: now - 7200, nbf: now - 7200, exp: now - 120 } })), status: 401 },
    { name: 'future nbf', authorization: bearer(await issuer.mint({ claims: { ...base, nbf: now + 600 } })), status: 401 },
    { name: 'wrong audience', authorization: bearer(await issuer.mint({ claims: { ...base, aud: 'api://someone-else' } })), status: 401 },
    { name: 'wrong issuer', authorization: bearer(await issuer.mint({ claims: { ...base, iss: 'https://evil.example/v2.0' } })), status: 401 },
    {
      name: "another tenant's issuer",
      authorization: bearer(await issuer.mint({ claims: { ...base, iss: issuer.issuerFor(TENANT_B === user.tid ? TENANT_A : TENANT_B) } })),
      status: 401,
    },
    { name: 'v1 issuer', authorization: bearer(await issuer.mint({ claims: { ...base, iss: `https://sts.windows.net/${user.tid}/` } })), status: 401 },
    { name: 'no tid', authorization: bearer(await issuer.mint({ claims: { ...base, tid: undefined, iss: issuer.issuerFor(user.tid) } })), status: 401 },
    { name: 'no oid', authorization: bearer(await issuer.mint({ claims: { ...base, oid: undefined } })), status: 401 },
    {
      name: 'tenant not allowed',
      authorization: bearer(await issuer.mint({ claims: { ...base, tid: TENANT_NOT_ALLOWED, oid: 'cc000000-0000-4000-8000-0000000000c1' } })),
      status: 403,
    },
    {
      name: 'tenant not a customer',
      authorization: bearer(
        await issuer.mint({
          claims: { ...base, tid: TENANT_NOT_CUSTOMER, oid: 'dd000000-0000-4000-8000-0000000000d1', iss: issuer.issuerFor(TENANT_NOT_CUSTOMER) },
        }),
      ),
      status: 403,
      code: 'tenant_not_onboarded',
    },
    { name: 'alg none', authorization: bearer(`${header}.${payload}.`), status: 401 },
    { name: 'HS256 signed with the public key', authorization: bearer(hs256), status: 401 },
    // Valid signatures by a published key, refused only by the RS256 allow-list (the JWKS keys name no alg).
    { name: 'RS384 with the published RSA key', authorization: bearer(await issuer.mint({ claims: base, alg: 'RS384' })), status: 401 },
    { name: 'PS256 with the published RSA key', authorization: bearer(await issuer.mint({ claims: base, alg: 'PS256' })), status: 401 },
    { name: 'ES256 with a published EC key', authorization: bearer(await issuer.mint({ claims: base, key: ecKey })), status: 401 },
    { name: 'unknown kid', authorization: bearer(await issuer.mint({ claims: base, key: unpublished })), status: 401 },
    { name: 'tampered payload', authorization: bearer(tamper(valid)), status: 401 },
    { name: 'missing scope', authorization: bearer(await issuer.mint({ claims: { ...base, scp: 'User.Read' } })), status: 403 },
    {
      name: 'scope only as a role',
      authorization: bearer(await issuer.mint({ claims: { ...base, scp: undefined, roles: ['Rules.ReadWrite'] } })),
      status: 403,
    },
  ];
}
