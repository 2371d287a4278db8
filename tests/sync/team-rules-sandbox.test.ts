/**
 * Rules for a team, end to end (issue #16): the rules loader over a real store asks Graph (the sandbox's Entra
 * groups, through the production client) for each mailbox owner's groups, so a round colours a team rule's events
 * in its members' mailboxes only — and follows a membership change once the membership is read again.
 */
import { openSqliteStores } from '../../server/store/sqlite';
import type { Stores } from '../../server/store/types';
import { graphGroupMembership } from '../../server/sync/group-membership';
import { storeRulesLoader } from '../../server/sync/store-rules-loader';
import { tempSqliteDir, type TempDir } from '../support/sqlite';
import { storedRule } from '../support/stored-rule';
import { startSyncHarness, type SyncHarness } from './support/harness';
import { ADA, BO, categoriesOf, teamDocument } from './support/team';

const SALES = '5a1e5000-0000-4000-8000-0000000000aa';

describe('a team rule through the rounds', () => {
  let h: SyncHarness;
  let temp: TempDir;
  let stores: Stores;
  /** A fresh loader and membership reader: what the next schedule interval sees. */
  const reload = () => {
    h.deps = { ...h.deps, loadRules: storeRulesLoader(stores, { memberOf: graphGroupMembership(h.deps.client) }) };
  };

  beforeEach(async () => {
    h = await startSyncHarness({ document: { ...teamDocument(), groups: [{ id: SALES, displayName: 'Sales', members: [ADA] }] }, rules: [] });
    temp = tempSqliteDir();
    stores = openSqliteStores({ path: temp.dbPath() });
    const org = { tenantId: h.sandbox.tenantId, scope: 'org' as const, ownerId: null };
    await stores.rules.create(
      storedRule('r_everyone', {
        ...org,
        name: 'Customers',
        when: { field: 'subject', op: 'contains', value: 'customer' },
        then: { category: 'Customer', color: 'preset4', stop: false },
      }),
    );
    await stores.rules.create(
      storedRule('r_sales_focus', {
        ...org,
        name: 'Sales focus',
        appliesTo: { groups: [SALES] },
        when: { field: 'subject', op: 'contains', value: 'focus' },
        then: { category: 'Focus', color: 'preset7', stop: false },
      }),
    );
    reload();
  });
  afterEach(async () => {
    await h.close();
    await stores.close();
    temp.remove();
  });

  test("a member's events get the team rule's category, everyone else's do not", async () => {
    await h.round(ADA);
    await h.round(BO);
    expect(categoriesOf(h.sandbox, ADA, 'Focus block')).toEqual(['Focus']);
    expect(categoriesOf(h.sandbox, ADA, 'Customer kickoff')).toEqual(['Customer']);
    expect(categoriesOf(h.sandbox, BO, 'Focus on taxes')).toEqual([]);
  });

  test('a membership change is followed once membership is read again', async () => {
    await h.round(ADA);
    await h.round(BO);
    h.sandbox.groups.removeMember(SALES, ADA);
    h.sandbox.groups.addMember(SALES, BO);
    // Within the cached membership nothing changes.
    await h.round(BO);
    expect(categoriesOf(h.sandbox, BO, 'Focus on taxes')).toEqual([]);
    reload();
    await h.round(BO);
    await h.round(ADA);
    expect(categoriesOf(h.sandbox, BO, 'Focus on taxes')).toEqual(['Focus']);
    // A rule that is no longer Ada's is like a rule deleted for her: CalSync takes back the category it stamped.
    expect(categoriesOf(h.sandbox, ADA, 'Focus block')).toEqual([]);
    expect(categoriesOf(h.sandbox, ADA, 'Customer kickoff')).toEqual(['Customer']);
  });
});
