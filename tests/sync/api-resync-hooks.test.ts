/** The Rules API tells the sync about successful writes: org rules and settings → every mailbox, personal → the owner's. */
import type { RulesChange } from '../../server/services/rules';
import { InProcessMailboxQueue } from '../../server/sync/in-process-queue';
import { resyncHooks } from '../../server/sync/resync-hooks';
import { SyncScheduler } from '../../server/sync/sync-scheduler';
import { orgDraft, personalDraft, startTestApi, TENANT_A, USERS, type TestApi } from '../support';

describe('API resync hooks', () => {
  let api: TestApi;
  const queue = new InProcessMailboxQueue();
  const changes: RulesChange[] = [];
  let failHook = false;
  const drain = async () => {
    const got = await queue.receive(100, 60_000);
    for (const m of got) await queue.complete(m);
    return got.map((m) => `${m.job.mailboxId}:${m.job.reason}`).sort();
  };
  /** Hooks are not awaited by the request; wait until the queue has what they queued. */
  const settle = async (n: number) => {
    for (let i = 0; i < 200 && queue.size < n; i++) await new Promise((r) => setTimeout(r, 5));
  };

  beforeAll(async () => {
    api = await startTestApi('sqlite', {
      onRulesChanged: async (change) => {
        changes.push(change);
        if (failHook) throw new Error('queue down');
        await hooks.onRulesChanged(change);
      },
      onSettingsChanged: (tenantId) => hooks.onSettingsChanged(tenantId),
    });
    const scheduler = new SyncScheduler({ queue, stores: api.stores, tenants: () => [TENANT_A], allMailboxes: async () => [] });
    // Mailboxes are enrolled by UPN; personal rules are owned by the object id.
    const hooks = resyncHooks(scheduler, { mailboxForOwner: (_t, oid) => Object.values(USERS).find((u) => u.oid === oid)?.upn });
    const admin = await api.as('adminA');
    await admin
      .put('/api/settings')
      .set('If-Match', '"default"')
      .send({ internalDomains: ['contoso.com'], enrolledMailboxes: [USERS.aliceA.upn, USERS.bobA.upn], syncWindowDays: { past: 30, future: 365 }, orgRulesLocked: false })
      .expect(200);
    await settle(2);
    expect(await drain()).toEqual([`${USERS.aliceA.upn}:resync`, `${USERS.bobA.upn}:resync`]);
  });
  afterAll(() => api.close());

  test('an org rule write re-runs every enrolled mailbox', async () => {
    await api.createRule('adminA', orgDraft());
    await settle(2);
    expect(await drain()).toEqual([`${USERS.aliceA.upn}:resync`, `${USERS.bobA.upn}:resync`]);
    expect(changes.at(-1)).toEqual({ tenantId: TENANT_A, scope: 'org', ownerId: null });
  });

  test("a personal rule write re-runs only its owner's mailbox", async () => {
    await api.createRule('aliceA', personalDraft());
    await settle(1);
    await new Promise((r) => setTimeout(r, 20));
    expect(await drain()).toEqual([`${USERS.aliceA.upn}:resync`]);
  });

  test('a refused write calls no hook, and a failing hook does not fail the write', async () => {
    const before = changes.length;
    const alice = await api.as('aliceA');
    await alice.post('/api/rules').send(orgDraft()).expect(403);
    expect(changes.length).toBe(before);
    failHook = true;
    try {
      await api.createRule('aliceA', personalDraft());
    } finally {
      failHook = false;
    }
    await new Promise((r) => setTimeout(r, 20));
    expect(changes.length).toBe(before + 1);
    expect(queue.size).toBe(0);
  });
});
