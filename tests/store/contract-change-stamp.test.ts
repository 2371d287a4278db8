/**
 * The tenant change stamp (RuleRepository.changeStamp) on both stores: every successful rule write of the tenant,
 * in any set and through any method, and every settings put moves it; reads, refused writes and other tenants'
 * writes leave it alone.
 */
import type { StoredSettings, Stores } from '../../server/store/types';
import { STORE_KINDS, storeHarness, type StoreHarness } from '../support/stores';
import { STORED_RULE_TENANT, storedRule } from '../support/stored-rule';

const T1 = STORED_RULE_TENANT;
const T2 = 'bbbbbbbb-0000-4000-8000-00000000000b';

function settings(tenantId: string, internalDomains: string[]): Omit<StoredSettings, 'etag'> {
  return {
    tenantId,
    internalDomains,
    enrolledMailboxes: 'all',
    syncWindowDays: { past: 7, future: 30 },
    orgRulesLocked: false,
    updatedAt: '2026-01-01T00:00:00.000Z',
    updatedBy: 'admin',
  };
}

describe.each(STORE_KINDS)('%s store: tenant change stamp', (kind) => {
  let harness: StoreHarness;
  let s: Stores;

  beforeAll(async () => {
    harness = await storeHarness(kind);
  });
  afterAll(() => harness.close());
  beforeEach(async () => {
    s = await harness.open();
  });

  /** Runs `write` and returns whether T1's stamp moved (read once before, once after). */
  async function moves(write: () => Promise<unknown>): Promise<boolean> {
    const before = await s.rules.changeStamp(T1);
    await write().catch(() => undefined);
    return (await s.rules.changeStamp(T1)) !== before;
  }

  test('a tenant never written has a stable stamp; reads do not move it', async () => {
    const first = await s.rules.changeStamp(T1);
    expect(first).toEqual(expect.any(String));
    await s.rules.listAll({ tenantId: T1, scope: 'org' });
    await s.settings.get(T1);
    expect(await s.rules.changeStamp(T1)).toBe(first);
  });

  test('every rule write moves it: create (capped or not), replace, delete, applyWrites (reorder, import, restore), org and personal', async () => {
    expect(await moves(() => s.rules.create(storedRule('r_a')))).toBe(true);
    expect(await moves(() => s.rules.create(storedRule('r_b'), 10))).toBe(true);
    expect(await moves(() => s.rules.create(storedRule('r_p', { scope: 'personal', ownerId: 'alice' })))).toBe(true);
    const a = (await s.rules.get(T1, 'r_a'))!;
    const { etag: aEtag, ...aDoc } = a;
    expect(await moves(() => s.rules.replace({ ...aDoc, name: 'renamed' }, aEtag))).toBe(true);
    const p = (await s.rules.get(T1, 'r_p'))!;
    expect(await moves(() => s.rules.delete(T1, 'r_p', p.etag))).toBe(true);
    const b = (await s.rules.get(T1, 'r_b'))!;
    const { etag: bEtag, ...bDoc } = b;
    expect(await moves(() => s.rules.applyWrites(T1, [{ kind: 'replace', rule: { ...bDoc, order: 5 }, ifMatch: bEtag }]))).toBe(true);
    const personalSet = { tenantId: T1, scope: 'personal' as const, ownerId: 'bob' };
    expect(
      await moves(() =>
        s.rules.applyWrites(T1, [{ kind: 'create', rule: storedRule('r_q', { scope: 'personal', ownerId: 'bob' }) }], { set: personalSet, max: 10 }),
      ),
    ).toBe(true);
  });

  test('every settings put moves it, create and update', async () => {
    let etag = '';
    expect(await moves(async () => (etag = (await s.settings.put(settings(T1, ['a.example']), null)).etag))).toBe(true);
    expect(await moves(() => s.settings.put(settings(T1, ['b.example']), etag))).toBe(true);
  });

  test('refused writes and other tenants leave it alone', async () => {
    await s.rules.create(storedRule('r_a'));
    expect(await moves(() => s.rules.create(storedRule('r_a')))).toBe(false); // id taken
    const { etag, ...doc } = (await s.rules.get(T1, 'r_a'))!;
    void etag;
    expect(await moves(() => s.rules.replace({ ...doc, name: 'x' }, '"stale"'))).toBe(false);
    expect(await moves(() => s.rules.create(storedRule('r_other', { tenantId: T2 })))).toBe(false);
    expect(await moves(() => s.settings.put(settings(T2, []), null))).toBe(false);
  });

  test('a tenant stamp is never returned as a rule of any set', async () => {
    await s.rules.create(storedRule('r_a'));
    await s.settings.put(settings(T1, []), null);
    expect((await s.rules.listTenant(T1)).map((r) => r.id)).toEqual(['r_a']);
    expect(await s.rules.count({ tenantId: T1, scope: 'org' })).toBe(1);
    expect((await s.rules.list({ tenantId: T1, scope: 'org' })).items.map((r) => r.id)).toEqual(['r_a']);
  });
});
