/**
 * POST /api/sync/mailboxes/{mailbox}/undo (issue #16): an admin removes CalSync's categories from a mailbox that
 * left every enrolled group, from the Admin tab. Admins only; an address or 400; refused (409) while the mailbox is
 * enrolled; 503 where the sync does not run.
 */
import type { SyncControl } from '../../server/domain/sync-control';
import { startTestApi, type TestApi } from '../support/app';

describe('undo for a mailbox', () => {
  let api: TestApi;
  let queued: string[];
  const enrolled = ['bo@contoso.com'];
  const control: SyncControl = {
    enrolled: async () => enrolled,
    syncNow: async () => undefined,
    searchDirectory: async () => [],
    undo: async (_tenantId, mailbox) => {
      if (enrolled.includes(mailbox)) return false;
      queued.push(mailbox);
      return true;
    },
  };
  beforeEach(async () => {
    queued = [];
    api = await startTestApi('sqlite', { syncControl: control });
  });
  afterEach(() => api.close());

  test('queues the undo for a mailbox that is not enrolled', async () => {
    const res = await (await api.as('adminA')).post('/api/sync/mailboxes/Ada@Contoso.com/undo').send({}).expect(202);
    expect(res.body).toEqual({ queued: true });
    expect(queued).toEqual(['ada@contoso.com']);
  });

  test('refuses while the mailbox is enrolled, a non-address, and a user who is not an admin', async () => {
    const admin = await api.as('adminA');
    const enrolledRes = await admin.post('/api/sync/mailboxes/bo@contoso.com/undo').send({}).expect(409);
    expect(enrolledRes.body.code).toBe('conflict');
    expect(enrolledRes.body.message).toMatch(/is enrolled/);
    expect((await admin.post('/api/sync/mailboxes/not-an-address/undo').send({}).expect(400)).body.code).toBe('validation_failed');
    await (await api.as('aliceA')).post('/api/sync/mailboxes/ada@contoso.com/undo').send({}).expect(403);
    expect(queued).toEqual([]);
  });
});

test('without the sync in the process it answers 503', async () => {
  const api = await startTestApi('sqlite');
  try {
    expect((await (await api.as('adminA')).post('/api/sync/mailboxes/ada@contoso.com/undo').send({}).expect(503)).body.code).toBe('unavailable');
  } finally {
    await api.close();
  }
});
