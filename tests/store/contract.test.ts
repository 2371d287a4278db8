/**
 * The repository contract: one suite, run against SQLite and against Cosmos (in-process emulator).
 * Anything a service relies on about a store is pinned here.
 */
import { StoreError, type StoredRuleInput, type Stores } from '../../server/store/types';
import { STORE_KINDS, storeHarness, type StoreHarness } from '../support/stores';
import { STORED_RULE_TENANT, storedRule as sharedStoredRule } from '../support/stored-rule';

const T1 = STORED_RULE_TENANT;
const T2 = 'bbbbbbbb-0000-4000-8000-00000000000b';

const storedRule = (overrides: Partial<StoredRuleInput> & { id: string }): StoredRuleInput => sharedStoredRule(overrides.id, overrides);

async function expectStoreError(p: Promise<unknown>, code: StoreError['code']): Promise<void> {
  await expect(p).rejects.toBeInstanceOf(StoreError);
  await p.catch((e: StoreError) => expect(e.code).toBe(code));
}

describe.each(STORE_KINDS)('%s store', (kind) => {
  let harness: StoreHarness;
  let s: Stores;

  beforeAll(async () => {
    harness = await storeHarness(kind);
  });
  afterAll(() => harness.close());
  beforeEach(async () => {
    s = await harness.open();
  });

  describe('rules', () => {
    test('create returns the rule with an etag; get reads it back; missing ids are undefined', async () => {
      const created = await s.rules.create(storedRule({ id: 'r_one' }));
      expect(created.etag).toEqual(expect.any(String));
      const { etag, ...doc } = created;
      expect(doc).toEqual(storedRule({ id: 'r_one' }));
      expect(await s.rules.get(T1, 'r_one')).toEqual(created);
      expect(await s.rules.get(T1, 'r_missing')).toBeUndefined();
      expect(etag.length).toBeGreaterThan(0);
    });

    test('a taken id in the same tenant conflicts; the same id in another tenant is independent', async () => {
      await s.rules.create(storedRule({ id: 'r_dup' }));
      await expectStoreError(s.rules.create(storedRule({ id: 'r_dup', name: 'second' })), 'conflict');
      const other = await s.rules.create(storedRule({ id: 'r_dup', tenantId: T2, name: 'other tenant' }));
      expect((await s.rules.get(T1, 'r_dup'))!.name).toBe('rule r_dup');
      expect((await s.rules.get(T2, 'r_dup'))!.name).toBe('other tenant');
      expect(other.tenantId).toBe(T2);
    });

    test('replace and delete need the current etag; every write changes it', async () => {
      const v1 = await s.rules.create(storedRule({ id: 'r_e' }));
      const v2 = await s.rules.replace(storedRule({ id: 'r_e', name: 'v2' }), v1.etag);
      expect(v2.etag).not.toBe(v1.etag);
      await expectStoreError(s.rules.replace(storedRule({ id: 'r_e', name: 'stale' }), v1.etag), 'etag_mismatch');
      await expectStoreError(s.rules.delete(T1, 'r_e', v1.etag), 'etag_mismatch');
      expect((await s.rules.get(T1, 'r_e'))!.name).toBe('v2');
      await s.rules.delete(T1, 'r_e', v2.etag);
      expect(await s.rules.get(T1, 'r_e')).toBeUndefined();
      await expectStoreError(s.rules.replace(storedRule({ id: 'r_e' }), v2.etag), 'not_found');
      await expectStoreError(s.rules.delete(T1, 'r_e', v2.etag), 'not_found');
    });

    test('a rule set lists in evaluation order and only its own tenant, scope and owner', async () => {
      await s.rules.create(storedRule({ id: 'r_b', order: 2 }));
      await s.rules.create(storedRule({ id: 'r_a', order: 2 }));
      await s.rules.create(storedRule({ id: 'r_c', order: 1 }));
      await s.rules.create(storedRule({ id: 'r_big', order: 1_000_000 }));
      await s.rules.create(storedRule({ id: 'r_p1', scope: 'personal', ownerId: 'u1' }));
      await s.rules.create(storedRule({ id: 'r_p2', scope: 'personal', ownerId: 'u2' }));
      await s.rules.create(storedRule({ id: 'r_t2', tenantId: T2 }));
      const org = await s.rules.listAll({ tenantId: T1, scope: 'org' });
      expect(org.map((r) => r.id)).toEqual(['r_c', 'r_a', 'r_b', 'r_big']);
      expect((await s.rules.listAll({ tenantId: T1, scope: 'personal', ownerId: 'u1' })).map((r) => r.id)).toEqual(['r_p1']);
      expect((await s.rules.listAll({ tenantId: T2, scope: 'org' })).map((r) => r.id)).toEqual(['r_t2']);
      expect(await s.rules.count({ tenantId: T1, scope: 'org' })).toBe(4);
      expect(await s.rules.count({ tenantId: T1, scope: 'personal', ownerId: 'u2' })).toBe(1);
      expect(await s.rules.count({ tenantId: T1, scope: 'personal', ownerId: 'nobody' })).toBe(0);
      // The tenant's every rule, org and personal alike, and no other tenant's (calsync doctor reads it).
      expect((await s.rules.listTenant(T1)).map((r) => r.id).sort()).toEqual(['r_a', 'r_b', 'r_big', 'r_c', 'r_p1', 'r_p2']);
      expect((await s.rules.listTenant(T2)).map((r) => r.id)).toEqual(['r_t2']);
    });

    test('pages with continuation tokens cover the set exactly once, in order', async () => {
      for (let i = 0; i < 7; i++) await s.rules.create(storedRule({ id: `r_${i}`, order: 10 - i }));
      const seen: string[] = [];
      let token: string | undefined;
      let pages = 0;
      do {
        const page = await s.rules.list({ tenantId: T1, scope: 'org' }, { limit: 3, continuationToken: token });
        seen.push(...page.items.map((r) => r.id));
        token = page.continuationToken;
        pages++;
      } while (token && pages < 10);
      expect(seen).toEqual(['r_6', 'r_5', 'r_4', 'r_3', 'r_2', 'r_1', 'r_0']);
      expect(pages).toBeGreaterThanOrEqual(3);
    });

    test('a forged continuation token, or one from another listing, is refused', async () => {
      for (const token of ['%%%not-a-token', 'Zm9vYmFy', Buffer.from('{"f":"x","t":"y","k":"z"}').toString('base64url')]) {
        await expectStoreError(s.rules.list({ tenantId: T1, scope: 'org' }, { continuationToken: token }), 'invalid_continuation');
      }
      for (let i = 0; i < 3; i++) await s.rules.create(storedRule({ id: `r_${i}` }));
      const page = await s.rules.list({ tenantId: T1, scope: 'org' }, { limit: 1 });
      expect(page.continuationToken).toEqual(expect.any(String));
      await expectStoreError(s.rules.list({ tenantId: T2, scope: 'org' }, { continuationToken: page.continuationToken }), 'invalid_continuation');
      await expectStoreError(
        s.rules.list({ tenantId: T1, scope: 'personal', ownerId: 'u1' }, { continuationToken: page.continuationToken }),
        'invalid_continuation',
      );
      await expectStoreError(s.audit.list({ tenantId: T1, scopes: ['org'] }, { continuationToken: page.continuationToken }), 'invalid_continuation');
    });

    test('applyWrites applies creates, replaces and deletes together', async () => {
      const a = await s.rules.create(storedRule({ id: 'r_a' }));
      const b = await s.rules.create(storedRule({ id: 'r_b' }));
      await s.rules.applyWrites(T1, [
        { kind: 'delete', id: 'r_a', ifMatch: a.etag },
        { kind: 'replace', rule: storedRule({ id: 'r_b', order: 5 }), ifMatch: b.etag },
        { kind: 'create', rule: storedRule({ id: 'r_c', order: 6 }) },
      ]);
      const all = await s.rules.listAll({ tenantId: T1, scope: 'org' });
      expect(all.map((r) => [r.id, r.order])).toEqual([
        ['r_b', 5],
        ['r_c', 6],
      ]);
    });

    test('applyWrites with a failing precondition anywhere changes nothing', async () => {
      const a = await s.rules.create(storedRule({ id: 'r_a' }));
      const b = await s.rules.create(storedRule({ id: 'r_b' }));
      await s.rules.replace(storedRule({ id: 'r_b', name: 'moved on' }), b.etag);
      const before = await s.rules.listAll({ tenantId: T1, scope: 'org' });
      await expectStoreError(
        s.rules.applyWrites(T1, [
          { kind: 'replace', rule: storedRule({ id: 'r_a', order: 9 }), ifMatch: a.etag },
          { kind: 'create', rule: storedRule({ id: 'r_new' }) },
          { kind: 'replace', rule: storedRule({ id: 'r_b', order: 9 }), ifMatch: b.etag },
        ]),
        'etag_mismatch',
      );
      await expectStoreError(
        s.rules.applyWrites(T1, [
          { kind: 'create', rule: storedRule({ id: 'r_x' }) },
          { kind: 'create', rule: storedRule({ id: 'r_a' }) },
        ]),
        'conflict',
      );
      expect(await s.rules.listAll({ tenantId: T1, scope: 'org' })).toEqual(before);
    });
  });

  describe('settings', () => {
    const settings = {
      tenantId: T1,
      internalDomains: ['contoso.com'],
      enrolledMailboxes: 'all' as const,
      syncWindowDays: { past: 7, future: 30 },
      orgRulesLocked: false,
      updatedAt: 'now',
      updatedBy: 'u1',
    };

    test('create-only, then replace with the etag; stale etags and tenants do not mix', async () => {
      expect(await s.settings.get(T1)).toBeUndefined();
      const v1 = await s.settings.put(settings, null);
      await expectStoreError(s.settings.put(settings, null), 'etag_mismatch');
      const v2 = await s.settings.put({ ...settings, orgRulesLocked: true }, v1.etag);
      await expectStoreError(s.settings.put({ ...settings, internalDomains: [] }, v1.etag), 'etag_mismatch');
      expect(await s.settings.get(T1)).toEqual(v2);
      expect(v2.orgRulesLocked).toBe(true);
      expect(await s.settings.get(T2)).toBeUndefined();
    });
  });

  describe('audit', () => {
    const entry = (n: number, over: object = {}) => ({
      tenantId: T1,
      key: `2026-01-01T00:00:0${n}.000Z_${n}`,
      at: `2026-01-01T00:00:0${n}.000Z`,
      actorId: 'u1',
      action: 'create' as const,
      scope: 'org' as const,
      ownerId: null,
      ruleId: `r_${n}`,
      before: null,
      after: { n },
      ...over,
    });

    test('lists newest first, filtered by tenant, scope and owner, in pages', async () => {
      for (let i = 1; i <= 5; i++) await s.audit.append(entry(i));
      await s.audit.append(entry(6, { scope: 'personal', ownerId: 'u2' }));
      await s.audit.append(entry(7, { tenantId: T2 }));
      const first = await s.audit.list({ tenantId: T1, scopes: ['org', 'settings'] }, { limit: 3 });
      expect(first.items.map((e) => e.ruleId)).toEqual(['r_5', 'r_4', 'r_3']);
      const second = await s.audit.list({ tenantId: T1, scopes: ['org', 'settings'] }, { limit: 3, continuationToken: first.continuationToken });
      expect(second.items.map((e) => e.ruleId)).toEqual(['r_2', 'r_1']);
      expect(second.continuationToken).toBeUndefined();
      const personal = await s.audit.list({ tenantId: T1, scopes: ['personal'], ownerId: 'u2' });
      expect(personal.items).toEqual([entry(6, { scope: 'personal', ownerId: 'u2' })]);
      expect((await s.audit.list({ tenantId: T1, scopes: ['personal'], ownerId: 'u3' })).items).toEqual([]);
    });
  });

  test('ping succeeds on an open store', async () => {
    await expect(s.ping()).resolves.toBeUndefined();
  });
});
