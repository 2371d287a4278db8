/**
 * A stand-in for Entra ID: RS256 keys minted with jose, a JWKS served on 127.0.0.1, and a `mint` that signs
 * access tokens with Entra-shaped claims. Nothing here is part of the server (no test switch in the app).
 * Like Entra ID's, the published keys carry no `alg`: only the verifier's algorithm allow-list pins RS256.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, exportSPKI, generateKeyPair, importJWK, SignJWT, type CryptoKey, type JWK, type JWTPayload } from 'jose';

export const TEST_AUDIENCE = 'api://calsync-test';
export const TEST_ISSUER_TEMPLATE = 'https://login.microsoftonline.com/{tid}/v2.0';

/** Algorithms the issuer can sign with: RS256 (Entra ID's), and others the API must refuse. */
export type SigningAlg = 'RS256' | 'RS384' | 'PS256' | 'ES256';

export interface SigningKey {
  kid: string;
  /** The algorithm the key pair was generated for (RS256 keys can also sign RS384 and PS256). */
  alg: SigningAlg;
  privateKey: CryptoKey;
  publicJwk: JWK;
  /** PEM of the public key (for the "HS256 signed with the public key" attack). */
  publicPem: string;
}

export interface MintOptions {
  /** Claims merged over the defaults; set a claim to undefined to drop it. */
  claims?: Record<string, unknown>;
  /** Sign with this key instead of the published one (e.g. an unknown kid). */
  key?: SigningKey;
  /** Seconds from now; defaults 3600. */
  expiresIn?: number;
  /** Sign with this algorithm (default: the key's); an RSA key is re-imported for RS384 / PS256. */
  alg?: SigningAlg;
}

export interface TestIssuer {
  jwksUrl: string;
  audience: string;
  issuerTemplate: string;
  issuerFor(tenantId: string): string;
  /** The key whose public half the JWKS publishes. */
  key: SigningKey;
  /** How many times the JWKS was fetched (to check caching). */
  readonly jwksFetches: number;
  newKey(kid?: string, alg?: SigningAlg): Promise<SigningKey>;
  /** Publishes another key (rotation). */
  publish(key: SigningKey): void;
  mint(options?: MintOptions): Promise<string>;
  close(): Promise<void>;
}

let kidCounter = 0;

export async function createSigningKey(kid = `test-kid-${++kidCounter}`, alg: SigningAlg = 'RS256'): Promise<SigningKey> {
  const { privateKey, publicKey } = await generateKeyPair(alg, { extractable: true });
  // No `alg` member, as in Entra ID's JWKS: a key that named its alg would let jose refuse other algs by itself.
  const publicJwk = { ...(await exportJWK(publicKey)), kid, use: 'sig' };
  return { kid, alg, privateKey, publicJwk, publicPem: await exportSPKI(publicKey) };
}

async function signingKeyFor(key: SigningKey, alg: SigningAlg): Promise<CryptoKey> {
  if (alg === key.alg) return key.privateKey;
  return (await importJWK(await exportJWK(key.privateKey), alg)) as CryptoKey;
}

export async function startTestIssuer(): Promise<TestIssuer> {
  const key = await createSigningKey();
  const published: JWK[] = [key.publicJwk];
  let fetches = 0;
  const server = http.createServer((req, res) => {
    if (req.url === '/keys') {
      fetches++;
      res.setHeader('Content-Type', 'application/json');
      res.end(JSON.stringify({ keys: published }));
      return;
    }
    res.statusCode = 404;
    res.end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const issuerFor = (tid: string) => TEST_ISSUER_TEMPLATE.replace('{tid}', tid);
  return {
    jwksUrl: `http://127.0.0.1:${port}/keys`,
    audience: TEST_AUDIENCE,
    issuerTemplate: TEST_ISSUER_TEMPLATE,
    issuerFor,
    key,
    get jwksFetches() {
      return fetches;
    },
    newKey: createSigningKey,
    publish(k) {
      published.push(k.publicJwk);
    },
    async mint(options = {}) {
      const signer = options.key ?? key;
      const now = Math.floor(Date.now() / 1000);
      const claims: Record<string, unknown> = { ...options.claims };
      const tid = typeof claims.tid === 'string' ? claims.tid : undefined;
      const payload: JWTPayload = {
        iss: tid ? issuerFor(tid) : undefined,
        aud: TEST_AUDIENCE,
        iat: now,
        nbf: now,
        exp: now + (options.expiresIn ?? 3600),
        ver: '2.0',
        ...claims,
      };
      for (const k of Object.keys(payload)) if (payload[k] === undefined) delete payload[k];
      const alg = options.alg ?? signer.alg;
      return new SignJWT(payload).setProtectedHeader({ alg, typ: 'JWT', kid: signer.kid }).sign(await signingKeyFor(signer, alg));
    },
    async close() {
      if (!server.listening) return;
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
