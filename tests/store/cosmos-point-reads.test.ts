/**
 * Cosmos reads by id are point reads (id + partition key = tenant), not queries: one cheap operation instead
 * of a query plus the SDK's query-plan round trip (and, in the emulator, a scan of every document). The tenant
 * stays explicit: the partition key scopes the read and the result's tenant is checked again.
 */
import { Items } from '@azure/cosmos';
import type { StoredRuleInput, Stores } from '../../server/store/types';
import { startCosmosEmulator, type TestCosmos } from '../support/cosmos';
import { storedRule } from '../support/stored-rule';

const T1 = 'aaaaaaaa-0000-4000-8000-00000000000a';
const T2 = 'bbbbbbbb-0000-4000-8000-00000000000b';

const rule = (tenantId: string, id: string): StoredRuleInput => storedRule(id, { tenantId });

let cosmos: TestCosmos;
let s: Stores;
beforeAll(async () => {
  cosmos = await startCosmosEmulator();
  s = await cosmos.openStores();
});
afterAll(() => cosmos.close());
afterEach(() => jest.restoreAllMocks());

test('rules.get reads by id within the tenant only, without a query', async () => {
  await s.rules.create(rule(T2, 'r_only_in_t2'));
  const created = await s.rules.create(rule(T1, 'r_in_t1'));
  const query = jest.spyOn(Items.prototype, 'query');
  expect(await s.rules.get(T1, 'r_in_t1')).toEqual(created);
  expect(await s.rules.get(T1, 'r_only_in_t2')).toBeUndefined();
  expect(await s.rules.get(T2, 'r_in_t1')).toBeUndefined();
  expect(await s.rules.get(T1, 'r_missing')).toBeUndefined();
  expect(query).not.toHaveBeenCalled();
});

test('settings.get is a point read too; absent settings are undefined', async () => {
  const query = jest.spyOn(Items.prototype, 'query');
  expect(await s.settings.get(T1)).toBeUndefined();
  const saved = await s.settings.put(
    {
      tenantId: T1,
      internalDomains: ['contoso.com'],
      enrolledMailboxes: 'all',
      syncWindowDays: { past: 1, future: 2 },
      orgRulesLocked: false,
      updatedAt: 't',
      updatedBy: 'u',
    },
    null,
  );
  expect(await s.settings.get(T1)).toEqual(saved);
  expect(await s.settings.get(T2)).toBeUndefined();
  expect(query).not.toHaveBeenCalled();
});
