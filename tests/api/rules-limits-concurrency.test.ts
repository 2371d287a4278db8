/**
 * The count limits hold under concurrency on both stores: concurrent POSTs (and imports) at the limit never
 * leave the set above it, every refused request gets limit_exceeded, and only accepted creates are audited.
 * The limits are made small through createApp's `ruleLimits`.
 */
import { RuleService } from '../../server/services/rules';
import type { Principal } from '../../server/auth/verifier';
import { startTestApi, type TestApi } from '../support/app';
import { personalDraft } from '../support/rules';
import { STORE_KINDS } from '../support/stores';
import { TENANT_A, USERS } from '../support/tokens';

const LIMITS = { org: 5, personal: 10 };
const ALICE = { tenantId: TENANT_A, scope: 'personal' as const, ownerId: USERS.aliceA.oid };

describe.each(STORE_KINDS)('%s store', (kind) => {
  let api: TestApi;
  beforeEach(async () => {
    api = await startTestApi(kind, { ruleLimits: LIMITS });
  });
  afterEach(() => api.close());

  const fill = async (n: number) => {
    for (let i = 0; i < n; i++) await api.createRule('aliceA', personalDraft());
  };
  const createAudits = async () =>
    (await api.stores.audit.list({ tenantId: TENANT_A, scopes: ['personal'], ownerId: USERS.aliceA.oid }, { limit: 1000 })).items.filter(
      (e) => e.action === 'create',
    );

  test('6 concurrent POSTs with 9 of 10 stored: at most 10 rules, every refusal is limit_exceeded', async () => {
    await fill(9);
    const alice = await api.as('aliceA');
    const responses = await Promise.all(
      Array.from({ length: 6 }, () =>
        alice
          .post('/api/rules')
          .send(personalDraft())
          .then((r) => r),
      ),
    );
    for (const r of responses) {
      if (r.status !== 201)
        expect({ status: r.status, code: r.body.code, path: r.body.details?.[0]?.path }).toEqual({ status: 409, code: 'limit_exceeded', path: 'scope' });
    }
    const accepted = responses.filter((r) => r.status === 201).map((r) => r.body.id as string);
    const stored = await api.stores.rules.listAll(ALICE);
    expect(stored.length).toBeLessThanOrEqual(LIMITS.personal);
    expect(stored.length).toBe(9 + accepted.length);
    // Audited: the 9 fills and the accepted creates, nothing for the refused ones.
    const audited = (await createAudits()).map((e) => e.ruleId);
    expect(audited).toHaveLength(stored.length);
    expect(new Set(audited)).toEqual(new Set(stored.map((r) => r.id)));
  });

  test('concurrent creates straight through the service (no HTTP in between) hold the limit too', async () => {
    await fill(9);
    const service = new RuleService(api.stores, { limits: LIMITS, effectiveCacheTtlMs: 0 });
    const alice: Principal = { tenantId: TENANT_A, userId: USERS.aliceA.oid, isAdmin: false };
    const results = await Promise.allSettled(Array.from({ length: 6 }, () => service.create(alice, personalDraft())));
    for (const r of results) if (r.status === 'rejected') expect(r.reason).toMatchObject({ code: 'limit_exceeded' });
    expect(await api.stores.rules.count(ALICE)).toBe(9 + results.filter((r) => r.status === 'fulfilled').length);
    expect(await api.stores.rules.count(ALICE)).toBeLessThanOrEqual(LIMITS.personal);
    expect(await createAudits()).toHaveLength(await api.stores.rules.count(ALICE));
  });

  test("a trusted caller's fixed id that is taken is a 409 conflict, not a server error, and writes nothing", async () => {
    const service = new RuleService(api.stores, { limits: LIMITS, effectiveCacheTtlMs: 0 });
    const alice: Principal = { tenantId: TENANT_A, userId: USERS.aliceA.oid, isAdmin: false };
    await service.create(alice, personalDraft(), { id: 'r_fixed' });
    await expect(service.create(alice, personalDraft(), { id: 'r_fixed' })).rejects.toMatchObject({ code: 'conflict' });
    expect(await api.stores.rules.count(ALICE)).toBe(1);
    expect(await createAudits()).toHaveLength(1);
  });

  test('imports racing POSTs: the set never ends above the limit; refusals are limit_exceeded', async () => {
    await fill(6);
    const alice = await api.as('aliceA');
    const responses = await Promise.all([
      alice
        .post('/api/import')
        .send({ scope: 'personal', mode: 'merge', rules: [personalDraft(), personalDraft()] })
        .then((r) => r),
      alice
        .post('/api/import')
        .send({ scope: 'personal', mode: 'merge', rules: [personalDraft(), personalDraft()] })
        .then((r) => r),
      ...Array.from({ length: 3 }, () =>
        alice
          .post('/api/rules')
          .send(personalDraft())
          .then((r) => r),
      ),
    ]);
    for (const r of responses) if (r.status >= 300) expect({ status: r.status, code: r.body.code }).toEqual({ status: 409, code: 'limit_exceeded' });
    const imported = responses.slice(0, 2).filter((r) => r.status === 200).length * 2;
    const posted = responses.slice(2).filter((r) => r.status === 201).length;
    expect(await api.stores.rules.count(ALICE)).toBe(6 + imported + posted);
    expect(await api.stores.rules.count(ALICE)).toBeLessThanOrEqual(LIMITS.personal);
  });
});
