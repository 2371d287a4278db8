/**
 * Enrolled groups count against the seats by their members (issue #16 on #15's seats): on a save that changes the
 * enrolment, the named mailboxes and every member of every enrolled group, each once, must fit the plan. The
 * directory is read only then; a team that grew past the seats does not block an unrelated setting (the sync caps).
 */
import type { DirectoryReader } from '../../server/domain/sync-control';
import { startTestApi, type TestApi } from '../support/app';
import { customerRecord } from '../support/tenants';
import { TENANT_A } from '../support/tokens';

const SALES = '5a1e5000-0000-4000-8000-000000000001';
const SUPPORT = '5a1e5000-0000-4000-8000-000000000002';
const people = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}${i}@contoso.com`);

describe('seats count the members of enrolled groups', () => {
  let api: TestApi;
  let members: Record<string, string[]>;
  let reads: string[];
  let directoryDown: boolean;
  const directory: DirectoryReader = {
    searchDirectory: async () => [],
    groupMailboxes: async (_tenantId, groupId) => {
      reads.push(groupId);
      if (directoryDown) throw new Error('503 from Graph');
      return members[groupId] ?? [];
    },
  };
  const body = (enrolledMailboxes: string[] | 'all', enrolledGroups: string[]) => ({
    internalDomains: ['contoso.com'],
    enrolledMailboxes,
    enrolledGroups,
    syncWindowDays: { past: 7, future: 30 },
    orgRulesLocked: false,
  });
  const put = async (etag: string, b: object) => (await api.as('adminA')).put('/api/settings').set('If-Match', etag).send(b);

  beforeEach(async () => {
    reads = [];
    directoryDown = false;
    // Sales: 6 people; Support: 4, one of them also in Sales (counted once).
    members = { [SALES]: people('sales', 6), [SUPPORT]: [...people('support', 3), 'sales0@contoso.com'] };
    api = await startTestApi('sqlite', { directory });
    const a = await api.stores.tenants.get(TENANT_A);
    await api.stores.tenants.replace({ ...customerRecord(TENANT_A), plan: { ...a!.plan, seats: 10 } }, a!.etag);
  });
  afterEach(() => api.close());

  test('named mailboxes and group members, each once, up to exactly the seats', async () => {
    // 6 + 3 new from Support + 1 named = 10; the named sales1 is already a Sales member.
    const saved = await put('"default"', body(['boss@contoso.com', 'sales1@contoso.com'], [SALES, SUPPORT]));
    expect(saved.status).toBe(200);
    expect(reads.sort()).toEqual([SALES, SUPPORT].sort());
  });

  test('one over is 409 seats_exceeded with the resolved count, and nothing is saved', async () => {
    const before = await api.snapshot();
    const over = await put('"default"', body(['boss@contoso.com', 'cfo@contoso.com'], [SALES, SUPPORT]));
    expect(over.status).toBe(409);
    expect(over.body).toMatchObject({ code: 'seats_exceeded', message: 'this would enrol 11 mailboxes; the plan has 10 seats' });
    expect((await (await api.as('adminA')).get('/api/settings').expect(200)).body.enrolledGroups).toEqual([]);
    expect(await api.snapshot()).toEqual(before);
  });

  test('a directory that cannot be read refuses the change (503) rather than enrol an uncounted team', async () => {
    directoryDown = true;
    const res = await put('"default"', body([], [SALES]));
    expect(res.status).toBe(503);
    expect(res.body.code).toBe('unavailable');
    expect((await (await api.as('adminA')).get('/api/settings').expect(200)).body.enrolledGroups).toEqual([]);
  });

  test('a save that keeps the enrolment reads no group, even when a team has since grown past the seats', async () => {
    const saved = await put('"default"', body([], [SALES]));
    expect(saved.status).toBe(200);
    members[SALES] = people('sales', 40);
    directoryDown = true;
    reads = [];
    const locked = await put(saved.headers.etag!, { ...body([], [SALES]), orgRulesLocked: true });
    expect(locked.status).toBe(200);
    expect(reads).toEqual([]);
    // Changing the enrolment reads the groups again, and now they do not fit.
    directoryDown = false;
    const more = await put(locked.headers.etag!, body(['boss@contoso.com'], [SALES]));
    expect(more.status).toBe(409);
    expect(more.body.message).toBe('this would enrol 41 mailboxes; the plan has 10 seats');
  });

  test("'all' reads no group: the directory decides its size and the sync caps it", async () => {
    expect((await put('"default"', body('all', [SALES]))).status).toBe(200);
    expect(reads).toEqual([]);
  });
});
