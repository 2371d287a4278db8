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
  /**
   * Hooks are not awaited by the request, but the app starts them (in a microtask) before the response leaves:
   * each call's promise is kept, and settling them all means the queue has everything the hooks queued.
   */
  const running: Promise<unknown>[] = [];
  const track = <T>(call: Promise<T>): Promise<T> => {
    running.push(call);
    return call;
  };
  const settle = async () => {
    await Promise.allSettled(running.splice(0));
  };

  beforeAll(async () => {
    api = await startTestApi('sqlite', {
      onRulesChanged: (change) =>
        track(
          (async () => {
            changes.push(change);
            if (failHook) throw new Error('queue down');
            await hooks.onRulesChanged(change);
          })(),
        ),
      onSettingsChanged: (tenantId) => track(hooks.onSettingsChanged(tenantId)),
    });
    const scheduler = new SyncScheduler({ queue, stores: api.stores, tenants: () => [TENANT_A], allMailboxes: async () => [] });
    // Mailboxes are enrolled by UPN; personal rules are owned by the object id.
    const hooks = resyncHooks(scheduler, { mailboxForOwner: (_t, oid) => Object.values(USERS).find((u) => u.oid === oid)?.upn });
    const admin = await api.as('adminA');
    await admin
      .put('/api/settings')
      .set('If-Match', '"default"')
      .send({
        internalDomains: ['contoso.com'],
        enrolledMailboxes: [USERS.aliceA.upn, USERS.bobA.upn],
        syncWindowDays: { past: 30, future: 365 },
        orgRulesLocked: false,
      })
      .expect(200);
    await settle();
    expect(await drain()).toEqual([`${USERS.aliceA.upn}:resync`, `${USERS.bobA.upn}:resync`]);
  });
  afterAll(() => api.close());

  test('an org rule write re-runs every enrolled mailbox', async () => {
    await api.createRule('adminA', orgDraft());
    await settle();
    expect(await drain()).toEqual([`${USERS.aliceA.upn}:resync`, `${USERS.bobA.upn}:resync`]);
    expect(changes.at(-1)).toEqual({ tenantId: TENANT_A, scope: 'org', ownerId: null });
  });

  test("a personal rule write re-runs only its owner's mailbox", async () => {
    await api.createRule('aliceA', personalDraft());
    await settle();
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
    await settle();
    expect(changes.length).toBe(before + 1);
    expect(queue.size).toBe(0);
  });

  test('a restore re-runs every enrolled mailbox, like any org rule write', async () => {
    const admin = await api.as('adminA');
    await admin
      .post('/api/import')
      .send({ scope: 'org', rules: [orgDraft()] })
      .expect(200);
    await settle();
    await drain();
    const list = (await admin.get('/api/rules/versions?scope=org').expect(200)).body as { setEtag: string; items: Array<{ id: string }> };
    await admin.post(`/api/rules/versions/${list.items[0]!.id}/restore`).set('If-Match', list.setEtag).send({}).expect(200);
    await settle();
    expect(await drain()).toEqual([`${USERS.aliceA.upn}:resync`, `${USERS.bobA.upn}:resync`]);
    expect(changes.at(-1)).toEqual({ tenantId: TENANT_A, scope: 'org', ownerId: null });
  });
});
