/** The colour scheme's drift for the Admin tab (issue #16): per org category, across the enrolled mailboxes; and its restore. */
import type { SyncControl } from '../../server/domain/sync-control';
import { emptySyncState, type LastRoundRecord, type MailboxSyncState } from '../../server/store/sync-state';
import { InProcessMailboxQueue } from '../../server/sync/in-process-queue';
import { createSyncRuntime, type SyncRuntime } from '../../server/sync/sync-runtime';
import { startTestApi, TENANT_A, type TestApi } from '../support';

const MAILBOXES = ['ana@contoso.com', 'bo@contoso.com', 'cy@contoso.com', 'dee@contoso.com'];
const round = (drift?: LastRoundRecord['categoryDrift']): LastRoundRecord => ({
  startedAt: '2026-12-02T09:01:00.000Z',
  endedAt: '2026-12-02T09:01:05.000Z',
  outcome: 'done',
  eventsColoured: 0,
  failedEvents: 0,
  error: null,
  lastSuccess: null,
  ...(drift ? { categoryDrift: drift } : {}),
});

describe('GET /api/sync/drift', () => {
  let api: TestApi;
  const control: SyncControl = { enrolled: async () => MAILBOXES, syncNow: async () => undefined, searchDirectory: async () => [] };
  const putState = async (mailbox: string, patch: Partial<MailboxSyncState>) => {
    await api.stores.syncState.put({ ...emptySyncState(TENANT_A, mailbox), ...patch }, null);
  };

  beforeEach(async () => {
    api = await startTestApi('sqlite', { syncControl: control });
  });
  afterEach(() => api.close());

  test('counts per category the mailboxes that recoloured it, by colour, and those that lost it', async () => {
    const checked = { mailboxCheckedAt: '2026-12-02T09:00:00.000Z' };
    await putState('ana@contoso.com', { ...checked, lastRound: round([{ category: 'Client', expected: 'preset1', actual: 'preset7' }]) });
    await putState('bo@contoso.com', {
      ...checked,
      lastRound: round([
        { category: 'Client', expected: 'preset1', actual: 'preset7' },
        { category: 'Focus', expected: 'preset5', actual: null },
      ]),
    });
    await putState('cy@contoso.com', { ...checked, lastRound: round([{ category: 'Client', expected: 'preset1', actual: 'preset3' }]) });
    await putState('dee@contoso.com', { ...checked, lastRound: round() });
    // Another tenant's state for the same address is not counted.
    await api.stores.syncState.put(
      {
        ...emptySyncState('bbbbbbbb-0000-4000-8000-000000000000', 'ana@contoso.com'),
        lastRound: round([{ category: 'Client', expected: 'preset1', actual: 'preset9' }]),
      },
      null,
    );

    const res = await (await api.as('adminA')).get('/api/sync/drift').expect(200);
    expect(res.body).toEqual({
      policy: 'enforce',
      checkedMailboxes: 4,
      items: [
        {
          category: 'Client',
          expected: 'preset1',
          recoloured: [
            { color: 'preset7', mailboxes: 2 },
            { color: 'preset3', mailboxes: 1 },
          ],
          missing: 0,
        },
        { category: 'Focus', expected: 'preset5', recoloured: [], missing: 1 },
      ],
    });
  });

  test('no drift, the policy in force, and admins only', async () => {
    await api.stores.settings.put(
      {
        tenantId: TENANT_A,
        internalDomains: [],
        enrolledMailboxes: MAILBOXES,
        syncWindowDays: { past: 7, future: 30 },
        orgRulesLocked: false,
        categoryPolicy: 'allow',
        updatedAt: '2026-12-01T00:00:00.000Z',
        updatedBy: 'admin',
      },
      null,
    );
    expect((await (await api.as('adminA')).get('/api/sync/drift').expect(200)).body).toEqual({ policy: 'allow', checkedMailboxes: 0, items: [] });
    expect((await (await api.as('aliceA')).get('/api/sync/drift').expect(403)).body.code).toBe('forbidden');
  });
});

describe('POST /api/sync/drift/restore', () => {
  let api: TestApi;
  let runtime: SyncRuntime;
  const queue = new InProcessMailboxQueue();
  // The app is built before the runtime that shares its stores: the port is bound late.
  const control: SyncControl = {
    enrolled: (t) => runtime.control.enrolled(t),
    syncNow: (t, m) => runtime.control.syncNow(t, m),
    searchDirectory: async () => [],
    restoreScheme: (t, m) => runtime.control.restoreScheme!(t, m),
  };

  beforeEach(async () => {
    api = await startTestApi('sqlite', { syncControl: control, syncNowPerMinute: 2 });
    await api.stores.settings.put(
      {
        tenantId: TENANT_A,
        internalDomains: [],
        enrolledMailboxes: MAILBOXES,
        syncWindowDays: { past: 7, future: 30 },
        orgRulesLocked: false,
        categoryPolicy: 'allow',
        updatedAt: '2026-12-01T00:00:00.000Z',
        updatedBy: 'admin',
      },
      null,
    );
    runtime = createSyncRuntime({
      stores: api.stores,
      queue,
      tenants: () => [TENANT_A],
      clientFor: () => {
        throw new Error('no Graph in this test');
      },
    });
  });
  afterEach(async () => {
    for (const m of await queue.receive(100, 60_000)) await queue.complete(m);
    await api.close();
  });

  test('queues a round that restores the scheme for each mailbox showing drift, and only those', async () => {
    await api.stores.syncState.put(
      { ...emptySyncState(TENANT_A, 'bo@contoso.com'), lastRound: round([{ category: 'Client', expected: 'preset1', actual: 'preset7' }]) },
      null,
    );
    await api.stores.syncState.put({ ...emptySyncState(TENANT_A, 'cy@contoso.com'), lastRound: round() }, null);
    const res = await (await api.as('adminA')).post('/api/sync/drift/restore').send({}).expect(202);
    expect(res.body).toEqual({ queued: 1 });
    const jobs = (await queue.receive(100, 60_000)).map((m) => m.job);
    expect(jobs).toEqual([{ tenantId: TENANT_A, mailboxId: 'bo@contoso.com', reason: 'resync', restoreScheme: true }]);
  });

  test('admins only, limited like "sync now"', async () => {
    await (await api.as('aliceA')).post('/api/sync/drift/restore').send({}).expect(403);
    const admin = await api.as('adminA');
    await admin.post('/api/sync/drift/restore').send({}).expect(202);
    await admin.post('/api/sync/drift/restore').send({}).expect(202);
    expect((await admin.post('/api/sync/drift/restore').send({}).expect(429)).body.code).toBe('rate_limited');
  });
});

test('without the sync in this process a restore is a 503', async () => {
  const bare = await startTestApi('sqlite');
  try {
    expect((await (await bare.as('adminA')).post('/api/sync/drift/restore').send({}).expect(503)).body.code).toBe('unavailable');
  } finally {
    await bare.close();
  }
});
