/**
 * The rules loader's cache (#18 item 6): rounds read the tenant's change stamp (one point read) and the rule and
 * settings documents only when the stamp moved. A write through another store handle on the same database (another
 * API instance) is seen by the next round.
 */
import { openSqliteStores } from '../../server/store/sqlite';
import type { Stores } from '../../server/store/types';
import { storeRulesLoader } from '../../server/sync/store-rules-loader';
import { tempSqliteDir, type TempDir } from '../support/sqlite';
import { STORED_RULE_TENANT, storedRule } from '../support/stored-rule';

const T1 = STORED_RULE_TENANT;

interface Reads {
  listAll: number;
  settingsGet: number;
  changeStamp: number;
}

/** The stores with their rule and settings reads counted. */
function counting(stores: Stores): { stores: Stores; reads: Reads } {
  const reads: Reads = { listAll: 0, settingsGet: 0, changeStamp: 0 };
  const rules = Object.create(stores.rules) as Stores['rules'];
  rules.listAll = (set) => (reads.listAll++, stores.rules.listAll(set));
  rules.changeStamp = (tenantId) => (reads.changeStamp++, stores.rules.changeStamp(tenantId));
  const settings = Object.create(stores.settings) as Stores['settings'];
  settings.get = (tenantId) => (reads.settingsGet++, stores.settings.get(tenantId));
  return { stores: { ...stores, rules, settings }, reads };
}

describe('storeRulesLoader cache', () => {
  let temp: TempDir;
  let worker: Stores;
  let api: Stores;

  beforeEach(() => {
    temp = tempSqliteDir();
    const file = temp.dbPath();
    worker = openSqliteStores({ path: file });
    api = openSqliteStores({ path: file });
  });
  afterEach(async () => {
    await worker.close();
    await api.close();
    temp.remove();
  });

  test('two rounds with no change read the documents once, then one point read per round', async () => {
    await api.rules.create(storedRule('r_org'));
    await api.rules.create(storedRule('r_mine', { scope: 'personal', ownerId: 'alice' }));
    const { stores, reads } = counting(worker);
    const load = storeRulesLoader(stores);

    const first = await load(T1, 'alice');
    expect(reads).toEqual({ listAll: 2, settingsGet: 1, changeStamp: 1 });
    const second = await load(T1, 'alice');
    expect(reads).toEqual({ listAll: 2, settingsGet: 1, changeStamp: 2 });
    expect(second).toEqual(first);
    expect(second.rules.map((r) => r.id)).toEqual(['r_org', 'r_mine']);
  });

  test('a rule or settings change made through another store handle is seen by the next round', async () => {
    await api.rules.create(storedRule('r_org'));
    const { stores, reads } = counting(worker);
    const load = storeRulesLoader(stores);
    expect((await load(T1, 'alice')).rules.map((r) => r.id)).toEqual(['r_org']);

    await api.rules.create(storedRule('r_new', { scope: 'personal', ownerId: 'alice' }));
    expect((await load(T1, 'alice')).rules.map((r) => r.id)).toEqual(['r_org', 'r_new']);
    expect(reads.listAll).toBe(4);

    await api.settings.put(
      {
        tenantId: T1,
        internalDomains: ['contoso.example'],
        enrolledMailboxes: 'all',
        syncWindowDays: { past: 3, future: 9 },
        categoryPolicy: 'allow',
        orgRulesLocked: false,
        updatedAt: '2026-01-02T00:00:00.000Z',
        updatedBy: 'admin',
      },
      null,
    );
    expect((await load(T1, 'alice')).settings).toEqual({
      internalDomains: ['contoso.example'],
      syncWindowDays: { past: 3, future: 9 },
      categoryPolicy: 'allow',
    });
  });

  test('personal rules are cached per owner: another owner of the same tenant reads only their own set', async () => {
    await api.rules.create(storedRule('r_a', { scope: 'personal', ownerId: 'alice' }));
    await api.rules.create(storedRule('r_b', { scope: 'personal', ownerId: 'bob' }));
    const { stores, reads } = counting(worker);
    const load = storeRulesLoader(stores);
    expect((await load(T1, 'alice')).rules.map((r) => r.id)).toEqual(['r_a']);
    expect((await load(T1, 'bob')).rules.map((r) => r.id)).toEqual(['r_b']);
    // Bob's round reused the tenant's org rules and settings and read his personal set only.
    expect(reads).toEqual({ listAll: 3, settingsGet: 1, changeStamp: 2 });
    expect((await load(T1, 'alice')).rules.map((r) => r.id)).toEqual(['r_a']);
    expect(reads.listAll).toBe(3);
  });

  test('the cache is bounded: an owner pushed out is read again', async () => {
    const { stores, reads } = counting(worker);
    const load = storeRulesLoader(stores, { maxCached: 1 });
    await load(T1, 'alice');
    await load(T1, 'bob');
    const before = reads.listAll;
    await load(T1, 'alice');
    expect(reads.listAll).toBe(before + 1);
  });
});
