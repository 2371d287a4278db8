/** The admin's view of the sync: per-mailbox status, the status line, "sync now", directory search (docs/API.md). */
import { emptySyncState, type LastRoundRecord, type MailboxSyncState } from '../../server/store/sync-state';
import type { SyncControl } from '../../server/services/sync-status';
import { InProcessMailboxQueue } from '../../server/sync/in-process-queue';
import { createSyncRuntime, type SyncRuntime } from '../../server/sync/sync-runtime';
import { startTestApi, TENANT_A, USERS, type TestApi } from '../support';

const CHANGE_AT = '2026-12-02T09:00:00.000Z';
const ALICE = USERS.aliceA.upn;
const BOB = USERS.bobA.upn;

function round(patch: Partial<LastRoundRecord>): LastRoundRecord {
  return {
    startedAt: '2026-12-02T09:01:00.000Z',
    endedAt: '2026-12-02T09:01:05.000Z',
    outcome: 'done',
    eventsColoured: 0,
    failedEvents: 0,
    error: null,
    lastSuccess: null,
    ...patch,
  };
}

describe('sync status API', () => {
  let api: TestApi;
  let runtime: SyncRuntime;
  const queue = new InProcessMailboxQueue();
  const searches: Array<{ tenantId: string; text: string; limit: number }> = [];
  // The app is built before the runtime that shares its stores: the port is bound late.
  const control: SyncControl = {
    enrolled: (t) => runtime.control.enrolled(t),
    syncNow: (t, m) => runtime.control.syncNow(t, m),
    searchDirectory: (t, q, n) => runtime.control.searchDirectory(t, q, n),
  };
  const putState = async (mailbox: string, patch: Partial<MailboxSyncState>) => {
    const current = await api.stores.syncState.get(TENANT_A, mailbox);
    await api.stores.syncState.put({ ...emptySyncState(TENANT_A, mailbox), ...patch }, current?.etag ?? null);
  };
  const drain = async () => {
    const got = await queue.receive(100, 60_000);
    for (const m of got) await queue.complete(m);
    return got.map((m) => `${m.job.mailboxId}:${m.job.reason}`);
  };

  beforeAll(async () => {
    api = await startTestApi('sqlite', { syncControl: control, syncNowPerMinute: 3, now: () => new Date(CHANGE_AT) });
    runtime = createSyncRuntime({
      stores: api.stores,
      queue,
      tenants: () => [TENANT_A],
      clientFor: () => {
        throw new Error('no Graph in this test');
      },
      searchDirectory: async (tenantId, text, limit) => {
        searches.push({ tenantId, text, limit });
        return [{ displayName: 'Alice Anders', address: ALICE }];
      },
    });
    const admin = await api.as('adminA');
    await admin
      .put('/api/settings')
      .set('If-Match', '"default"')
      .send({
        internalDomains: ['contoso.com'],
        enrolledMailboxes: [ALICE, BOB, 'carol@contoso.com'],
        syncWindowDays: { past: 30, future: 365 },
        orgRulesLocked: false,
      })
      .expect(200);
    await putState(ALICE, {
      records: { e1: [0], e2: [1, -1], e3: [-1] },
      lastRound: round({ eventsColoured: 2, lastSuccess: { startedAt: '2026-12-02T09:01:00.000Z', endedAt: '2026-12-02T09:01:05.000Z' } }),
    });
    await putState(BOB, {
      lastRound: round({
        outcome: 'failed',
        error: { name: 'GraphError', status: 403 },
        lastSuccess: { startedAt: '2026-12-02T08:00:00.000Z', endedAt: '2026-12-02T08:00:09.000Z' },
      }),
    });
  });
  afterAll(() => api.close());

  test('only admins see or run the sync', async () => {
    const alice = await api.as('aliceA');
    await alice.get('/api/sync/summary').expect(403);
    await alice.get('/api/sync/mailboxes').expect(403);
    await alice.post(`/api/sync/mailboxes/${ALICE}/sync`).send({}).expect(403);
    await alice.get('/api/directory/users?q=al').expect(403);
    expect(await drain()).toEqual([]);
    expect(searches).toEqual([]);
  });

  test('each enrolled mailbox with its last round, events coloured and the last error in words', async () => {
    const res = await (await api.as('adminA')).get('/api/sync/mailboxes').expect(200);
    expect(res.body.items).toEqual([
      { mailbox: ALICE, state: 'ok', lastRoundAt: '2026-12-02T09:01:05.000Z', lastSuccessAt: '2026-12-02T09:01:05.000Z', eventsColoured: 2, lastError: null },
      {
        mailbox: BOB,
        state: 'failing',
        lastRoundAt: '2026-12-02T09:01:05.000Z',
        lastSuccessAt: '2026-12-02T08:00:09.000Z',
        eventsColoured: 0,
        lastError: expect.stringContaining('not allowed to open this mailbox'),
      },
      { mailbox: 'carol@contoso.com', state: 'never', lastRoundAt: null, lastSuccessAt: null, eventsColoured: null, lastError: null },
    ]);
    expect(res.body.items[1].lastError).not.toMatch(/403|GraphError/);
  });

  test('the status line: enrolled / syncing / failing, and when the last change reached every mailbox', async () => {
    const admin = await api.as('adminA');
    expect((await admin.get('/api/sync/summary').expect(200)).body).toEqual({
      enrolled: 3,
      syncing: 0,
      failing: 1,
      lastChangeAt: CHANGE_AT,
      lastChangeAppliedAt: null,
      overSeats: null,
    });
    // Carol is being synced now (a worker holds her lease); her last success started before the change, so it
    // does not count. Bob's next round succeeds after the change.
    const carolEarly = { startedAt: '2026-12-02T08:59:59.000Z', endedAt: '2026-12-02T09:00:20.000Z' };
    await putState('carol@contoso.com', {
      lease: { holder: 'w1', expiresAt: '2999-01-01T00:00:00.000Z' },
      lastRound: round({ ...carolEarly, lastSuccess: carolEarly }),
    });
    const bobOk = { startedAt: '2026-12-02T09:02:00.000Z', endedAt: '2026-12-02T09:02:30.000Z' };
    await putState(BOB, { lastRound: round({ ...bobOk, lastSuccess: bobOk }) });
    expect((await admin.get('/api/sync/summary').expect(200)).body).toMatchObject({ syncing: 1, failing: 0, lastChangeAppliedAt: null });
    const carolOk = { startedAt: '2026-12-02T09:03:00.000Z', endedAt: '2026-12-02T09:03:10.000Z' };
    await putState('carol@contoso.com', { lease: null, lastRound: round({ ...carolOk, lastSuccess: carolOk }) });
    expect((await admin.get('/api/sync/summary').expect(200)).body).toEqual({
      enrolled: 3,
      syncing: 0,
      failing: 0,
      lastChangeAt: CHANGE_AT,
      lastChangeAppliedAt: carolOk.endedAt,
      overSeats: null,
    });
  });

  test('"sync now" queues the enrolled mailbox at once, refuses others, and is rate-limited', async () => {
    const admin = await api.as('adminA');
    await admin
      .post(`/api/sync/mailboxes/${encodeURIComponent('BOB@contoso.com')}/sync`)
      .send({})
      .expect(202);
    expect(await drain()).toEqual([`${BOB}:resync`]);
    await admin.post('/api/sync/mailboxes/mallory%40contoso.com/sync').send({}).expect(404);
    await admin.post(`/api/sync/mailboxes/${ALICE}/sync`).send({}).expect(202);
    const refused = await admin.post(`/api/sync/mailboxes/${ALICE}/sync`).send({}).expect(429);
    expect(refused.body.code).toBe('rate_limited');
    expect(refused.headers['retry-after']).toMatch(/^\d+$/);
    expect(await drain()).toEqual([`${ALICE}:resync`]);
  });

  test('directory search: validated text, the caller\u2019s tenant, at most 10 people', async () => {
    const admin = await api.as('adminA');
    expect((await admin.get('/api/directory/users').expect(400)).body.code).toBe('validation_failed');
    await admin.get('/api/directory/users?q=%20%20').expect(400);
    await admin.get(`/api/directory/users?q=${'a'.repeat(101)}`).expect(400);
    const res = await admin.get('/api/directory/users?q=%20ali%20').expect(200);
    expect(res.body).toEqual({ items: [{ displayName: 'Alice Anders', address: ALICE }] });
    expect(searches).toEqual([{ tenantId: TENANT_A, text: 'ali', limit: 10 }]);
  });

  test('without the sync in this process: status still reads the store, search and "sync now" answer 503', async () => {
    const bare = await startTestApi('sqlite');
    try {
      const admin = await bare.as('adminA');
      await admin
        .put('/api/settings')
        .set('If-Match', '"default"')
        .send({ internalDomains: [], enrolledMailboxes: [ALICE], syncWindowDays: { past: 30, future: 365 }, orgRulesLocked: false })
        .expect(200);
      expect((await admin.get('/api/sync/mailboxes').expect(200)).body.items).toEqual([expect.objectContaining({ mailbox: ALICE, state: 'never' })]);
      expect((await admin.get('/api/directory/users?q=al').expect(503)).body.code).toBe('unavailable');
      await admin.post(`/api/sync/mailboxes/${ALICE}/sync`).send({}).expect(503);
    } finally {
      await bare.close();
    }
  });
});
