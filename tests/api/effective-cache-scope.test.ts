/**
 * The effective-rules cache after it became per user: a personal write drops (or updates in place) only its
 * owner's set, an org write every set of the tenant. With a long TTL, so only invalidation can make a write
 * visible: every write is visible to the next read, a cached set never crosses tenants or users, and a set
 * updated in place equals what a fresh store read gives. Store reads are counted to pin what is avoided.
 */
import type { Express } from 'express';
import request from 'supertest';
import { createApp } from '../../server/app';
import { createTokenVerifier } from '../../server/auth/verifier';
import { toApiRule } from '../../server/services/rule-documents';
import { RuleService } from '../../server/services/rules';
import { StoreError, type Stores } from '../../server/store/types';
import { silentLogger } from '../support/app';
import { orgDraft, personalDraft } from '../support/rules';
import { STORE_KINDS, storeHarness, type StoreHarness } from '../support/stores';
import { startTestIssuer, type TestIssuer } from '../support/token-issuer';
import { TENANT_A, TENANT_B, tokenFactory, USERS, type Tokens, type UserName } from '../support/tokens';
import { seedCustomerTenants } from '../support/tenants';

/** Wraps the rule and settings repositories so every call is counted by method; `failNext` makes one call throw. */
function counted(stores: Stores) {
  const calls: Record<string, number> = {};
  const failNext = new Map<string, Error>();
  const wrap = <T extends object>(name: string, repo: T): T =>
    new Proxy(repo, {
      get(target, prop, receiver) {
        const value: unknown = Reflect.get(target, prop, receiver);
        if (typeof value !== 'function') return value;
        return (...args: unknown[]) => {
          const key = `${name}.${String(prop)}`;
          calls[key] = (calls[key] ?? 0) + 1;
          const err = failNext.get(key);
          if (err) {
            failNext.delete(key);
            return Promise.reject(err);
          }
          return (value as (...a: unknown[]) => unknown).apply(target, args);
        };
      },
    });
  const rules = wrap('rules', stores.rules);
  const settings = wrap('settings', stores.settings);
  const proxied = new Proxy(stores, {
    get: (target, prop, receiver) => (prop === 'rules' ? rules : prop === 'settings' ? settings : Reflect.get(target, prop, receiver)),
  });
  return { stores: proxied, calls, failNext, reset: () => Object.keys(calls).forEach((k) => delete calls[k]) };
}

describe.each(STORE_KINDS)('%s store', (kind) => {
  let harness: StoreHarness;
  let issuer: TestIssuer;
  let tokens: Tokens;
  let raw: Stores;
  let store: ReturnType<typeof counted>;
  let app: Express;

  beforeAll(async () => {
    harness = await storeHarness(kind);
    raw = await harness.open();
    await seedCustomerTenants(raw);
    store = counted(raw);
    issuer = await startTestIssuer();
    tokens = tokenFactory(issuer);
    for (const u of Object.keys(USERS) as UserName[]) auth.set(u, await tokens.header(u));
  });
  // A fresh app (fresh caches) per test, and an empty store after it, so no test depends on another.
  beforeEach(() => {
    const verifier = createTokenVerifier({
      audience: issuer.audience,
      jwksUrl: issuer.jwksUrl,
      issuerTemplate: issuer.issuerTemplate,
      allowedTenants: [TENANT_A, TENANT_B],
    });
    app = createApp({ stores: store.stores, verifier, logger: silentLogger, rateLimitPerMinute: 100_000, effectiveCacheTtlMs: 60_000 });
    store.reset();
  });
  afterEach(async () => {
    for (const tenantId of [TENANT_A, TENANT_B]) {
      const sets = [{ tenantId, scope: 'org' as const }, ...Object.values(USERS).map((u) => ({ tenantId, scope: 'personal' as const, ownerId: u.oid }))];
      for (const set of sets) for (const r of await raw.rules.listAll(set)) await raw.rules.delete(tenantId, r.id, r.etag);
    }
  });
  afterAll(async () => {
    await issuer.close();
    await harness.close();
  });

  const auth = new Map<UserName, string>();
  const call = (user: UserName, method: 'get' | 'post' | 'put' | 'delete', url: string, body?: object, ifMatch?: string) => {
    let req = request(app)[method](url).set('Authorization', auth.get(user)!);
    if (ifMatch) req = req.set('If-Match', ifMatch);
    return body ? req.send(body) : req;
  };
  const effective = async (user: UserName) =>
    (await call(user, 'get', '/api/rules?scope=effective').expect(200)).body.items as { id: string; name: string; etag: string }[];
  const names = async (user: UserName) => (await effective(user)).map((r) => r.name);
  /** The same set read from the store without any cache, as the API would return it. */
  const fresh = async (user: UserName) => {
    const u = USERS[user];
    const rules = await new RuleService(raw, { effectiveCacheTtlMs: 0 }).effective({ tenantId: u.tid, userId: u.oid, isAdmin: u.admin });
    return JSON.parse(JSON.stringify(rules.map(toApiRule))) as unknown;
  };

  test("a personal write is visible to its owner at once and leaves everyone else's cached set alone", async () => {
    expect(await names('aliceA')).toEqual([]);
    expect(await names('bobA')).toEqual([]);
    expect(await names('carolB')).toEqual([]);
    const p1 = (await call('aliceA', 'post', '/api/rules', personalDraft({ name: 'P1' })).expect(201)).body;
    expect(await names('aliceA')).toEqual(['P1']);
    store.reset();
    // Bob's and Carol's sets were cached before Alice's write and are still valid: no store read at all.
    expect(await names('bobA')).toEqual([]);
    expect(await names('carolB')).toEqual([]);
    expect(store.calls).toEqual({});
    await call('aliceA', 'delete', `/api/rules/${p1.id}`, undefined, p1.etag).expect(204);
    expect(await names('aliceA')).toEqual([]);
  });

  test("an org write is visible at once to every user of the tenant, and never to another tenant's", async () => {
    await effective('aliceA');
    await effective('bobA');
    await effective('carolB');
    const org = (await call('adminA', 'post', '/api/rules', orgDraft({ name: 'O1' })).expect(201)).body;
    expect(await names('aliceA')).toEqual(['O1']);
    expect(await names('bobA')).toEqual(['O1']);
    expect(await names('carolB')).toEqual([]);
    await call('adminA', 'put', `/api/rules/${org.id}`, { ...org, enabled: false }, org.etag).expect(200);
    expect(await names('aliceA')).toEqual([]);
    expect(await names('bobA')).toEqual([]);
    await call('adminB', 'post', '/api/rules', orgDraft({ name: 'B1' })).expect(201);
    expect(await names('carolB')).toEqual(['B1']);
    expect(await names('aliceA')).toEqual([]);
  });

  test('after each create, update and delete the cached set equals a fresh read (ids, order, etags), with no store read', async () => {
    await call('adminA', 'post', '/api/rules', orgDraft({ name: 'O2', order: 5 })).expect(201);
    expect(await effective('aliceA')).toEqual(await fresh('aliceA'));
    const steps: (() => Promise<unknown>)[] = [];
    let a: { id: string; etag: string } & Record<string, unknown> = { id: '', etag: '' };
    let b: typeof a = a;
    steps.push(async () => (a = (await call('aliceA', 'post', '/api/rules', personalDraft({ name: 'A', order: 3 })).expect(201)).body));
    steps.push(async () => (b = (await call('aliceA', 'post', '/api/rules', personalDraft({ name: 'B', enabled: false })).expect(201)).body));
    steps.push(async () => (b = (await call('aliceA', 'put', `/api/rules/${b.id}`, { ...b, enabled: true, order: 1 }, b.etag).expect(200)).body));
    steps.push(async () => (a = (await call('aliceA', 'put', `/api/rules/${a.id}`, { ...a, name: 'A renamed', order: 0 }, a.etag).expect(200)).body));
    steps.push(async () => (a = (await call('aliceA', 'put', `/api/rules/${a.id}`, { ...a, enabled: false }, a.etag).expect(200)).body));
    steps.push(async () => call('aliceA', 'delete', `/api/rules/${b.id}`, undefined, b.etag).expect(204));
    steps.push(async () => call('aliceA', 'delete', `/api/rules/${a.id}`, undefined, a.etag).expect(204));
    for (const step of steps) {
      await step();
      store.reset();
      const cached = await effective('aliceA');
      // Updated in place by the write: the read itself touched no store.
      expect(store.calls).toEqual({});
      expect(cached).toEqual(await fresh('aliceA'));
    }
  });

  test('a write the store refuses drops the cached set: the next read goes to the store', async () => {
    const a = (await call('aliceA', 'post', '/api/rules', personalDraft({ name: 'Kept' })).expect(201)).body;
    await effective('aliceA');
    // The etag check passed in the API, then the store refuses (a concurrent edit slipped in between).
    store.failNext.set('rules.replace', new StoreError('etag_mismatch', 'etag mismatch'));
    await call('aliceA', 'put', `/api/rules/${a.id}`, { ...a, name: 'Mine' }, a.etag).expect(412);
    store.reset();
    expect(await names('aliceA')).toEqual(['Kept']);
    expect(store.calls['rules.listAll']).toBe(1);
    await call('aliceA', 'delete', `/api/rules/${a.id}`, undefined, a.etag).expect(204);
    expect(await names('aliceA')).toEqual([]);
  });

  test('concurrent misses of the same tenant read its org rules once', async () => {
    await call('adminA', 'post', '/api/rules', orgDraft({ name: 'Shared' })).expect(201);
    store.reset();
    const results = await Promise.all((['aliceA', 'bobA', 'adminA'] as UserName[]).map((u) => names(u)));
    expect(results).toEqual([['Shared'], ['Shared'], ['Shared']]);
    // One org read shared by the three, plus each user's own personal read.
    expect(store.calls['rules.listAll']).toBe(4);
  });

  test('a settings write is visible to the next preview at once, per tenant', async () => {
    const event = {
      id: 'e1',
      subject: 'x',
      organizer: { emailAddress: { address: 'ada@contoso.com' } },
      attendees: [{ type: 'required', emailAddress: { address: 'sam@vendor.example' } }],
    };
    const external = orgDraft({ name: 'Ext', when: { field: 'hasExternalAttendees', op: 'is', value: true } });
    await call('adminA', 'post', '/api/rules', external).expect(201);
    await call('adminB', 'post', '/api/rules', { ...external, name: 'ExtB' }).expect(201);
    const matches = async (user: UserName) =>
      ((await call(user, 'post', '/api/preview', { events: [event] }).expect(200)).body.results[0].categories as string[]).length;
    expect(await matches('aliceA')).toBe(1);
    expect(await matches('carolB')).toBe(1);
    const s = await call('adminA', 'get', '/api/settings');
    await call(
      'adminA',
      'put',
      '/api/settings',
      { ...s.body, etag: undefined, updatedAt: undefined, updatedBy: undefined, internalDomains: ['contoso.com', 'vendor.example'] },
      s.headers.etag,
    ).expect(200);
    expect(await matches('aliceA')).toBe(0);
    expect(await matches('bobA')).toBe(0);
    // Tenant B's settings are its own.
    expect(await matches('carolB')).toBe(1);
  });
});
