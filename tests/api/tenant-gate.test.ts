/**
 * The API serves customers only (issue #15), on each store: a tenant without an active record is refused with a
 * problem that says why (and, where an admin can fix it, links /onboard); settings that would enrol more
 * mailboxes than the plan's seats are refused whole; /api/me carries the renewal notice from termEnd on.
 */
import { startTestApi, type TestApi } from '../support/app';
import { STORE_KINDS } from '../support/stores';
import { customerRecord } from '../support/tenants';
import { TENANT_A, TENANT_NOT_CUSTOMER, type TestUser } from '../support/tokens';
import type { TenantStatus } from '../../server/store/tenants';

const NON_CUSTOMER: TestUser = { tid: TENANT_NOT_CUSTOMER, oid: 'dd000000-0000-4000-8000-0000000000d1', admin: true, upn: 'admin@northwind.com' };
let clock = new Date('2026-06-01T12:00:00Z');

describe.each(STORE_KINDS)('%s store', (kind) => {
  let api: TestApi;
  beforeAll(async () => {
    // Cache off: each test changes records straight in the store, as an operator's CLI in another process would.
    api = await startTestApi(kind, { tenantCacheTtlMs: 0, publicUrl: 'https://calsync.example', now: () => clock });
  });
  afterAll(() => api.close());
  beforeEach(() => {
    clock = new Date('2026-06-01T12:00:00Z');
  });

  async function setRecord(status: TenantStatus | undefined, plan: Partial<ReturnType<typeof customerRecord>['plan']> = {}): Promise<void> {
    const current = await api.stores.tenants.get(TENANT_NOT_CUSTOMER);
    if (current) await api.stores.tenants.delete(TENANT_NOT_CUSTOMER, current.etag);
    if (status)
      await api.stores.tenants.create(customerRecord(TENANT_NOT_CUSTOMER, { status, plan: { ...customerRecord(TENANT_NOT_CUSTOMER).plan, ...plan } }));
  }

  test.each([undefined, 'invited', 'consent_revoked', 'offboarded'] as const)(
    'a tenant whose record is %s gets 403 tenant_not_onboarded with the onboarding link, on reads and writes',
    async (status) => {
      await setRecord(status);
      const client = await api.as(NON_CUSTOMER);
      for (const res of [await client.get('/api/me'), await client.get('/api/rules?scope=org'), await client.put('/api/settings').send({})]) {
        expect(res.status).toBe(403);
        expect(res.body).toEqual({
          code: 'tenant_not_onboarded',
          message: expect.stringContaining('https://calsync.example/onboard'),
          details: [{ path: 'tid', message: 'https://calsync.example/onboard', code: 'onboard_url' }],
        });
      }
      expect(await api.stores.settings.get(TENANT_NOT_CUSTOMER)).toBeUndefined();
    },
  );

  test('a suspended tenant gets 403 tenant_suspended; an active one is served', async () => {
    await setRecord('suspended');
    const client = await api.as(NON_CUSTOMER);
    expect((await client.get('/api/me')).body.code).toBe('tenant_suspended');
    await setRecord('active');
    expect((await client.get('/api/me')).status).toBe(200);
  });

  describe('seats', () => {
    const mailboxes = (n: number) => Array.from({ length: n }, (_, i) => `person${i}@contoso.com`);
    const body = (enrolledMailboxes: string[] | 'all') => ({
      internalDomains: ['contoso.com'],
      enrolledMailboxes,
      syncWindowDays: { past: 7, future: 30 },
      orgRulesLocked: false,
    });

    beforeAll(async () => {
      const a = await api.stores.tenants.get(TENANT_A);
      await api.stores.tenants.replace({ ...customerRecord(TENANT_A), plan: { ...a!.plan, seats: 10 } }, a!.etag);
    });

    test('exactly the seats is saved; one over is 409 seats_exceeded with both numbers and nothing changes', async () => {
      const admin = await api.as('adminA');
      const first = await admin.get('/api/settings').expect(200);
      const saved = await admin
        .put('/api/settings')
        .set('If-Match', first.body.etag)
        .send(body(mailboxes(10)));
      expect(saved.status).toBe(200);
      const before = await api.snapshot();
      const over = await admin
        .put('/api/settings')
        .set('If-Match', saved.body.etag)
        .send(body(mailboxes(11)));
      expect(over.status).toBe(409);
      expect(over.body).toEqual({
        code: 'seats_exceeded',
        message: 'this would enrol 11 mailboxes; the plan has 10 seats',
        details: [
          { path: 'enrolledMailboxes', message: '11 mailboxes', code: 'would_enrol' },
          { path: 'seats', message: '10 seats', code: 'seats' },
        ],
      });
      expect(await api.snapshot()).toEqual(before);
      // Duplicates count once (the service de-duplicates before counting).
      expect(
        (
          await admin
            .put('/api/settings')
            .set('If-Match', saved.body.etag)
            .send(body([...mailboxes(10), 'person0@contoso.com']))
        ).status,
      ).toBe(200);
    });

    test("'all' is not counted on save (the directory decides its size)", async () => {
      const admin = await api.as('adminA');
      const current = await admin.get('/api/settings').expect(200);
      expect((await admin.put('/api/settings').set('If-Match', current.body.etag).send(body('all'))).status).toBe(200);
    });
  });

  describe('term', () => {
    beforeAll(() => setRecord('active', { termStart: '2025-06-01', termEnd: '2026-06-01', graceDays: 14 }));

    test.each([
      ['2026-05-31T23:59:59Z', undefined],
      ['2026-06-01T00:00:00Z', 'grace'],
      ['2026-06-14T23:59:59Z', 'grace'],
      ['2026-06-15T00:00:00Z', 'lapsed'],
    ])('at %s the renewal notice is %s, and the API still serves', async (at, state) => {
      clock = new Date(at);
      const me = await (await api.as(NON_CUSTOMER)).get('/api/me');
      expect(me.status).toBe(200);
      expect(me.body.plan).toEqual({ seats: 100_000, termEnd: '2026-06-01' });
      expect(me.body.renewal?.state).toBe(state);
      if (state) expect(me.body.renewal).toMatchObject({ termEnd: '2026-06-01', lastGraceDay: '2026-06-14', message: expect.stringContaining('2026-06-14') });
    });
  });
});
