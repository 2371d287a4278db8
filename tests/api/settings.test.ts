/** Tenant settings: everyone reads, admins write with If-Match, bodies are validated. */
import { SYNC_WINDOW_LIMITS } from '../../shared';
import { startTestApi, type TestApi } from '../support/app';
import { STORE_KINDS } from '../support/stores';

const valid = {
  internalDomains: ['contoso.com', 'Contoso.co.uk'],
  enrolledMailboxes: ['alice@contoso.com'],
  syncWindowDays: { past: 14, future: 90 },
  orgRulesLocked: true,
};

describe.each(STORE_KINDS)('%s store', (kind) => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi(kind);
  });
  afterAll(() => api.close());

  test('defaults before anything is saved, with an ETag', async () => {
    const res = await (await api.as('aliceA')).get('/api/settings').expect(200);
    expect(res.body).toEqual({
      internalDomains: [],
      enrolledMailboxes: [],
      enrolledGroups: [],
      syncWindowDays: { past: 30, future: 365 },
      orgRulesLocked: false,
      categoryPolicy: 'enforce',
      etag: '"default"',
      updatedAt: null,
      updatedBy: null,
    });
    expect(res.headers.etag).toBe('"default"');
  });

  test('only admins write; writes need If-Match; stale is 412', async () => {
    const alice = await api.as('aliceA');
    const admin = await api.as('adminA');
    await alice.put('/api/settings').set('If-Match', '"default"').send(valid).expect(403);
    await admin.put('/api/settings').send(valid).expect(428);
    const saved = await admin.put('/api/settings').set('If-Match', '"default"').send(valid).expect(200);
    expect(saved.body).toMatchObject({ ...valid, internalDomains: ['contoso.com', 'contoso.co.uk'] });
    await admin.put('/api/settings').set('If-Match', '"default"').send(valid).expect(412);
    const again = await admin
      .put('/api/settings')
      .set('If-Match', saved.headers.etag!)
      .send({ ...valid, enrolledMailboxes: 'all' })
      .expect(200);
    expect(again.body.enrolledMailboxes).toBe('all');
    expect((await alice.get('/api/settings')).body).toEqual(again.body);
    // Another tenant still has defaults.
    expect((await (await api.as('carolB')).get('/api/settings')).body.etag).toBe('"default"');
  });

  test('day counts out of range (−5, 100000, 2.5) are refused at their field with the bounds in words', async () => {
    const admin = await api.as('adminA');
    const current = await admin.get('/api/settings');
    const cases: [object, string, number][] = [
      [{ past: -5, future: 30 }, 'syncWindowDays.past', SYNC_WINDOW_LIMITS.maxPastDays],
      [{ past: 7, future: 100_000 }, 'syncWindowDays.future', SYNC_WINDOW_LIMITS.maxFutureDays],
      [{ past: 2.5, future: 30 }, 'syncWindowDays.past', SYNC_WINDOW_LIMITS.maxPastDays],
    ];
    for (const [syncWindowDays, path, max] of cases) {
      const res = await admin
        .put('/api/settings')
        .set('If-Match', current.headers.etag!)
        .send({ ...valid, syncWindowDays });
      expect({ status: res.status, details: res.body.details }).toEqual({
        status: 400,
        details: [{ path, message: `expected a whole number of days from 0 to ${max}` }],
      });
    }
    expect((await admin.get('/api/settings')).body).toEqual(current.body);
  });

  test('invalid settings are 400 with the path; nothing changes', async () => {
    const admin = await api.as('adminA');
    const current = await admin.get('/api/settings');
    const cases: [object, string][] = [
      [{ ...valid, internalDomains: ['not a domain'] }, 'internalDomains[0]'],
      [{ ...valid, enrolledMailboxes: 'some' }, 'enrolledMailboxes'],
      [{ ...valid, syncWindowDays: { past: -1, future: 1 } }, 'syncWindowDays.past'],
      // The widest accepted window stays within Graph's 1,825-day calendarView limit (tests/sync/window-limit.test.ts).
      [{ ...valid, syncWindowDays: { past: 1, future: SYNC_WINDOW_LIMITS.maxFutureDays + 1 } }, 'syncWindowDays.future'],
      [{ ...valid, orgRulesLocked: 'yes' }, 'orgRulesLocked'],
      [{ ...valid, extra: true }, ''],
    ];
    for (const [body, path] of cases) {
      const res = await admin.put('/api/settings').set('If-Match', current.headers.etag!).send(body);
      expect({ status: res.status, paths: res.body.details.map((d: { path: string }) => d.path) }).toEqual({ status: 400, paths: [path] });
    }
    expect((await admin.get('/api/settings')).body).toEqual(current.body);
  });
});
