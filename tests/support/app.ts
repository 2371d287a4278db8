/**
 * The API under test: createApp on a fresh store of the given kind, a test token issuer, and a verifier
 * configured exactly as production would be (allow-list = tenants A and B, and one allowed tenant that is not a
 * customer). Tenants A and B have active customer records (tests/support/tenants.ts).
 */
import type { Express } from 'express';
import pino, { type Logger } from 'pino';
import request from 'supertest';
import { createApp, type AppDeps } from '../../server/app';
import { createTokenVerifier, type TokenVerifierOptions } from '../../server/auth/verifier';
import type { Stores } from '../../server/store/types';
import type { RuleScope } from '../../shared';
import { storeHarness, type StoreHarness, type StoreKind } from './stores';
import { startTestIssuer, type TestIssuer } from './token-issuer';
import { seedCustomerTenants } from './tenants';
import { TENANT_A, TENANT_B, TENANT_NOT_CUSTOMER, tokenFactory, USERS, type TestUser, type Tokens, type UserName } from './tokens';

export interface TestApiOptions extends Partial<Omit<AppDeps, 'stores' | 'verifier'>> {
  allowedTenants?: string[];
  /** Extra verifier options (e.g. jwksCooldownMs). */
  verifier?: Partial<TokenVerifierOptions>;
}

export interface TestApi {
  kind: StoreKind;
  app: Express;
  stores: Stores;
  issuer: TestIssuer;
  tokens: Tokens;
  /** supertest agent methods with a user's bearer token already set. */
  as(user: TestUser | UserName): Promise<AuthedClient>;
  /** Creates a rule through the API and returns the response body. */
  createRule(user: TestUser | UserName, body: Record<string, unknown>): Promise<Record<string, unknown> & { id: string; etag: string }>;
  /** Every rule of a set, straight from the store (to assert "unchanged"). */
  snapshot(tenantId?: string): Promise<unknown[]>;
  close(): Promise<void>;
}

export interface AuthedClient {
  get(url: string): request.Test;
  post(url: string): request.Test;
  put(url: string): request.Test;
  delete(url: string): request.Test;
}

export const silentLogger: Logger = pino({ level: 'silent' });

export async function startTestApi(kind: StoreKind, options: TestApiOptions = {}): Promise<TestApi> {
  const harness: StoreHarness = await storeHarness(kind);
  const stores = await harness.open();
  await seedCustomerTenants(stores);
  const issuer = await startTestIssuer();
  const verifier = createTokenVerifier({
    audience: issuer.audience,
    jwksUrl: issuer.jwksUrl,
    issuerTemplate: issuer.issuerTemplate,
    allowedTenants: options.allowedTenants ?? [TENANT_A, TENANT_B, TENANT_NOT_CUSTOMER],
    ...options.verifier,
  });
  const { allowedTenants: _allowed, verifier: _verifier, ...appOptions } = options;
  // A loaded runner can take seconds over a big request; the deadline's own behaviour is tests/api/overload.test.ts.
  const app = createApp({
    logger: silentLogger,
    rateLimitPerMinute: 100_000,
    ...appOptions,
    overload: { requestDeadlineMs: 120_000, ...appOptions?.overload },
    stores,
    verifier,
  });
  const tokens = tokenFactory(issuer);
  const as = async (user: TestUser | UserName): Promise<AuthedClient> => {
    const auth = await tokens.header(user);
    const agent = request(app);
    return {
      get: (url) => agent.get(url).set('Authorization', auth),
      post: (url) => agent.post(url).set('Authorization', auth),
      put: (url) => agent.put(url).set('Authorization', auth),
      delete: (url) => agent.delete(url).set('Authorization', auth),
    };
  };
  return {
    kind,
    app,
    stores,
    issuer,
    tokens,
    as,
    async createRule(user, body) {
      const res = await (await as(user)).post('/api/rules').send(body);
      if (res.status !== 201) throw new Error(`create failed: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body as Record<string, unknown> & { id: string; etag: string };
    },
    async snapshot(tenantId = TENANT_A) {
      const out: unknown[] = [];
      const sets: { scope: RuleScope; ownerId?: string }[] = [
        { scope: 'org' },
        ...Object.values(USERS)
          .filter((u) => u.tid === tenantId)
          .map((u) => ({ scope: 'personal' as const, ownerId: u.oid })),
      ];
      for (const s of sets) {
        const rules =
          s.scope === 'org'
            ? await stores.rules.listAll({ tenantId, scope: 'org' })
            : await stores.rules.listAll({ tenantId, scope: 'personal', ownerId: s.ownerId! });
        out.push(...rules);
      }
      out.push(await stores.settings.get(tenantId));
      return out;
    },
    async close() {
      await issuer.close();
      await harness.close();
    },
  };
}
