/** 500 org rules per tenant and 100 personal rules per user: the next one is refused, nothing changes. */
import { RULE_COUNT_LIMITS } from '../../server/services/rule-documents';
import type { StoredRuleInput } from '../../server/store/types';
import { startTestApi, type TestApi } from '../support/app';
import { orgDraft, personalDraft } from '../support/rules';
import { STORE_KINDS } from '../support/stores';
import { TENANT_A, USERS } from '../support/tokens';

function seed(scope: 'org' | 'personal', i: number, ownerId: string | null): StoredRuleInput {
  return {
    id: `r_seed_${scope}_${i}`,
    name: `seed ${i}`,
    scope,
    enabled: true,
    order: i,
    when: { field: 'subject', op: 'contains', value: `s${i}` },
    then: { category: `S${i}`, color: 'preset3', stop: false },
    tenantId: TENANT_A,
    ownerId,
    createdAt: 't',
    createdBy: 'seed',
    updatedAt: 't',
    updatedBy: 'seed',
  };
}

describe.each(STORE_KINDS)('%s store', (kind) => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi(kind);
    expect(RULE_COUNT_LIMITS).toEqual({ org: 500, personal: 100 });
    const writes = [];
    for (let i = 0; i < 500; i++) writes.push({ kind: 'create' as const, rule: seed('org', i, null) });
    for (let i = 0; i < 100; i++) writes.push({ kind: 'create' as const, rule: seed('personal', i, USERS.aliceA.oid) });
    await api.stores.rules.applyWrites(TENANT_A, writes);
    // 600 writes one by one on Cosmos (beyond one batch: prechecks, then writes): room on a busy machine, not a
    // claim about speed.
  }, 120_000);
  afterAll(() => api.close());

  test('the 501st org rule is refused with limit_exceeded', async () => {
    const before = await api.snapshot();
    const res = await (await api.as('adminA')).post('/api/rules').send(orgDraft()).expect(409);
    expect(res.body.code).toBe('limit_exceeded');
    expect(res.body.message).toMatch(/500 org rules/);
    expect(res.body.details[0].path).toBe('scope');
    expect(await api.snapshot()).toEqual(before);
  });

  test("the 101st personal rule is refused; another user's quota is separate", async () => {
    const before = await api.snapshot();
    const res = await (await api.as('aliceA')).post('/api/rules').send(personalDraft()).expect(409);
    expect(res.body.code).toBe('limit_exceeded');
    expect(res.body.message).toMatch(/100 personal rules/);
    expect(await api.snapshot()).toEqual(before);
    await (await api.as('bobA')).post('/api/rules').send(personalDraft()).expect(201);
  });

  test('an import that would exceed the limit is refused whole', async () => {
    const before = await api.snapshot();
    const rules = Array.from({ length: 2 }, () => personalDraft());
    const res = await (await api.as('aliceA')).post('/api/import').send({ scope: 'personal', mode: 'merge', rules }).expect(409);
    expect(res.body.code).toBe('limit_exceeded');
    expect(await api.snapshot()).toEqual(before);
  });

  test('the effective set holds all 600 rules, org first', async () => {
    const res = await (await api.as('aliceA')).get('/api/rules?scope=effective').expect(200);
    expect(res.body.items).toHaveLength(600);
    expect(res.body.items[0].scope).toBe('org');
    expect(res.body.items[599].scope).toBe('personal');
  });
});
