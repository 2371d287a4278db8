/**
 * The owner a listing already gave travels with the job (issue #20: owners from the /users page that carries their
 * ids, not a Graph lookup per mailbox in every worker process): the scheduler puts it on the queue message, the
 * queue keeps it only when it is an object id, and the round takes the personal rules of that owner without asking
 * for one.
 */
import { openSqliteStores } from '../../server/store/sqlite';
import { putEnrolment } from '../support/settings';
import type { Stores } from '../../server/store/types';
import { InProcessMailboxQueue } from '../../server/sync/in-process-queue';
import { parseJob } from '../../server/sync/mailbox-queue';
import { runMailboxRound } from '../../server/sync/mailbox-round';
import { storeRulesLoader } from '../../server/sync/store-rules-loader';
import { SyncScheduler } from '../../server/sync/sync-scheduler';
import { storedRule } from '../support/stored-rule';
import { startSyncHarness, type SyncHarness } from './support/harness';
import { ADA, BO, categoriesOf, teamDocument } from './support/team';

const T = 'aaaaaaaa-0000-4000-8000-00000000000a';
const ADA_ID = 'ada00000-0000-4000-8000-0000000000ad';

describe('the job carries the owner a listing gave', () => {
  test('the queue keeps an object id, lower-cased, and drops anything else', () => {
    const job = { tenantId: T, mailboxId: ADA, reason: 'schedule' as const };
    expect(parseJob(JSON.stringify({ ...job, ownerId: ADA_ID.toUpperCase() }))).toEqual({ ...job, ownerId: ADA_ID });
    expect(parseJob(JSON.stringify({ ...job, ownerId: 'ada@contoso.com' }))).toEqual(job);
  });

  test('the scheduler puts the owner it knows on the job, and none it does not', async () => {
    const stores = openSqliteStores({ path: ':memory:' });
    try {
      await putEnrolment(stores, T, [ADA, BO]);
      const queue = new InProcessMailboxQueue();
      const scheduler = new SyncScheduler({
        queue,
        stores,
        tenants: () => [T],
        allMailboxes: async () => [],
        ownerOf: (_tenantId, mailbox) => (mailbox === ADA ? ADA_ID : undefined),
      });
      expect(await scheduler.tick()).toBe(2);
      const jobs = (await queue.receive(10, 60_000)).map((m) => m.job);
      expect(jobs.find((j) => j.mailboxId === ADA)?.ownerId).toBe(ADA_ID);
      expect(jobs.find((j) => j.mailboxId === BO)).not.toHaveProperty('ownerId');
    } finally {
      await stores.close();
    }
  });
});

describe('a round with the owner at hand', () => {
  let h: SyncHarness;
  let stores: Stores;
  let lookups: string[];

  beforeEach(async () => {
    h = await startSyncHarness({ document: teamDocument(), rules: [] });
    stores = openSqliteStores({ path: ':memory:' });
    const personal = { tenantId: h.sandbox.tenantId, scope: 'personal' as const, ownerId: ADA_ID };
    await stores.rules.create(
      storedRule('r_mine', {
        ...personal,
        name: 'My focus',
        when: { field: 'subject', op: 'contains', value: 'focus' },
        then: { category: 'Deep work', color: 'preset7', stop: false },
      }),
    );
    lookups = [];
    h.deps = {
      ...h.deps,
      loadRules: storeRulesLoader(stores, {
        ownerIdFor: (_tenantId, mailbox) => {
          lookups.push(mailbox);
          return mailbox.toLowerCase();
        },
      }),
    };
  });
  afterEach(async () => {
    await h.close();
    await stores.close();
  });

  test("takes the owner's personal rules without a lookup", async () => {
    await runMailboxRound(h.deps, { id: ADA, address: ADA, ownerId: ADA_ID }, { mode: 'sync' });
    expect(lookups).toEqual([]);
    expect(categoriesOf(h.sandbox, ADA, 'Focus block')).toEqual(['Deep work']);
  });

  test('without it, the owner is looked up as before', async () => {
    await runMailboxRound(h.deps, ADA, { mode: 'sync' });
    expect(lookups).toEqual([ADA]);
    // The lookup here answers with the address, which owns no rule.
    expect(categoriesOf(h.sandbox, ADA, 'Focus block')).toEqual([]);
  });
});
