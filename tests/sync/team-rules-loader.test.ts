/**
 * Team rules in a round (issue #16): the loader asks for the owner's groups only when the tenant has an enabled org
 * rule scoped to groups, gives a team rule to its members only, and fails the round rather than guess membership.
 */
import { openSqliteStores } from '../../server/store/sqlite';
import type { Stores } from '../../server/store/types';
import { storeRulesLoader } from '../../server/sync/store-rules-loader';
import { tempSqliteDir, type TempDir } from '../support/sqlite';
import { STORED_RULE_TENANT, storedRule } from '../support/stored-rule';

const T1 = STORED_RULE_TENANT;
const SALES = '6f1c2a4e-0b7d-4c8e-9a51-3d2f7e8b9c10';
const ENGINEERING = '0e9d8c7b-6a5f-4e3d-8c2b-1a0f9e8d7c6b';

describe('team rules in the rules loader', () => {
  let temp: TempDir;
  let stores: Stores;
  let asked: string[];
  const groupsOf: Record<string, string[]> = { alice: [SALES], bob: [ENGINEERING] };
  const memberOf = async (_tenantId: string, ownerId: string) => (asked.push(ownerId), new Set(groupsOf[ownerId] ?? []));

  beforeEach(() => {
    temp = tempSqliteDir();
    stores = openSqliteStores({ path: temp.dbPath() });
    asked = [];
  });
  afterEach(async () => {
    await stores.close();
    temp.remove();
  });

  test('without team rules no one is asked for groups', async () => {
    await stores.rules.create(storedRule('r_all'));
    await stores.rules.create(storedRule('r_off', { enabled: false, appliesTo: { groups: [SALES] } }));
    const load = storeRulesLoader(stores, { memberOf });
    expect((await load(T1, 'alice')).rules.map((r) => r.id)).toEqual(['r_all']);
    expect(asked).toEqual([]);
  });

  test("each owner gets the rules for everyone and their own team's", async () => {
    await stores.rules.create(storedRule('r_all', { order: 1 }));
    await stores.rules.create(storedRule('r_sales', { order: 2, appliesTo: { groups: [SALES] } }));
    await stores.rules.create(storedRule('r_eng', { order: 3, appliesTo: { groups: [ENGINEERING] } }));
    const load = storeRulesLoader(stores, { memberOf });
    expect((await load(T1, 'alice')).rules.map((r) => r.id)).toEqual(['r_all', 'r_sales']);
    expect((await load(T1, 'bob')).rules.map((r) => r.id)).toEqual(['r_all', 'r_eng']);
    expect((await load(T1, 'carol')).rules.map((r) => r.id)).toEqual(['r_all']);
    expect(asked).toEqual(['alice', 'bob', 'carol']);
  });

  test('a loader that cannot learn groups applies team rules to no one', async () => {
    await stores.rules.create(storedRule('r_sales', { appliesTo: { groups: [SALES] } }));
    expect((await storeRulesLoader(stores)(T1, 'alice')).rules).toEqual([]);
  });

  test('a failed membership read fails the load: the round is retried, nothing is unstamped on a guess', async () => {
    await stores.rules.create(storedRule('r_sales', { appliesTo: { groups: [SALES] } }));
    const load = storeRulesLoader(stores, { memberOf: () => Promise.reject(new Error('403 Authorization_RequestDenied')) });
    await expect(load(T1, 'alice')).rejects.toThrow('Authorization_RequestDenied');
  });
});
