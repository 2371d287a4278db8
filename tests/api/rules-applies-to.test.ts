/** Team rules through the API (issue #16): stored, returned, exported and imported with their groups, on both stores. */
import type { SyncControl } from '../../server/domain/sync-control';
import { startTestApi, type TestApi } from '../support/app';
import { orgDraft, personalDraft } from '../support/rules';
import { STORE_KINDS } from '../support/stores';
import { USERS } from '../support/tokens';

const SALES = '6f1c2a4e-0b7d-4c8e-9a51-3d2f7e8b9c10';

describe.each(STORE_KINDS)('%s store', (kind) => {
  let api: TestApi;
  beforeEach(async () => {
    api = await startTestApi(kind);
  });
  afterEach(() => api.close());

  test('an org rule keeps its groups through create, read, update and export → import', async () => {
    const created = await api.createRule('adminA', orgDraft({ name: 'Sales clients', appliesTo: { groups: [SALES.toUpperCase()] } }));
    expect(created.appliesTo).toEqual({ groups: [SALES] });
    const admin = await api.as('adminA');
    expect((await admin.get(`/api/rules/${created.id}`).expect(200)).body.appliesTo).toEqual({ groups: [SALES] });

    const { etag, ...doc } = created;
    const renamed = await admin
      .put(`/api/rules/${created.id}`)
      .set('If-Match', etag)
      .send({ ...doc, name: 'Sales client meetings' })
      .expect(200);
    expect(renamed.body.appliesTo).toEqual({ groups: [SALES] });

    const exported = await admin.get('/api/export?scope=org').expect(200);
    expect(exported.body.rules[0].appliesTo).toEqual({ groups: [SALES] });
    await admin
      .post('/api/import')
      .send({ ...exported.body, rules: [] })
      .expect(200);
    await admin.post('/api/import').send(exported.body).expect(200);
    expect((await admin.get('/api/rules?scope=org').expect(200)).body.items.map((r: { appliesTo?: unknown }) => r.appliesTo)).toEqual([{ groups: [SALES] }]);
  });

  test('a PUT without appliesTo makes the rule one for everyone again', async () => {
    const created = await api.createRule('adminA', orgDraft({ appliesTo: { groups: [SALES] } }));
    const { etag, appliesTo: _groups, ...doc } = created;
    const res = await (await api.as('adminA')).put(`/api/rules/${created.id}`).set('If-Match', etag).send(doc).expect(200);
    expect(res.body.appliesTo).toBeUndefined();
  });

  test('a personal rule with groups is refused with applies_to_personal, and nothing is stored', async () => {
    const before = await api.snapshot();
    const res = await (
      await api.as('aliceA')
    )
      .post('/api/rules')
      .send(personalDraft({ appliesTo: { groups: [SALES] } }))
      .expect(400);
    expect(res.body.code).toBe('validation_failed');
    expect(res.body.details).toEqual([expect.objectContaining({ path: 'appliesTo', code: 'applies_to_personal' })]);
    expect(await api.snapshot()).toEqual(before);
  });

  test('team rules stay admin-only: a user cannot create one', async () => {
    await (
      await api.as('aliceA')
    )
      .post('/api/rules')
      .send(orgDraft({ appliesTo: { groups: [SALES] } }))
      .expect(403);
  });
});

describe('who gets a team rule: the effective set and the preview ask the directory for the caller’s groups', () => {
  let api: TestApi;
  let asked: string[];
  let directoryDown: boolean;
  const groups: Record<string, string[]> = { [USERS.aliceA.oid]: [SALES] };
  const control: SyncControl = {
    enrolled: async () => [],
    syncNow: async () => undefined,
    searchDirectory: async () => [],
    memberOf: async (_tenantId, userId) => {
      asked.push(userId);
      if (directoryDown) throw new Error('503 from Graph');
      return new Set(groups[userId] ?? []);
    },
  };
  const event = {
    id: 'e1',
    subject: 'Client review',
    start: { dateTime: '2026-03-02T10:00:00', timeZone: 'UTC' },
    end: { dateTime: '2026-03-02T11:00:00', timeZone: 'UTC' },
  };
  const names = (body: { items: { name: string }[] }) => body.items.map((r) => r.name);

  beforeEach(async () => {
    asked = [];
    directoryDown = false;
    api = await startTestApi('sqlite', { syncControl: control, effectiveCacheTtlMs: 0 });
    await api.createRule('adminA', orgDraft({ name: 'Everyone' }));
  });
  afterEach(() => api.close());

  test('no team rule: no directory call', async () => {
    expect(names((await (await api.as('aliceA')).get('/api/rules?scope=effective').expect(200)).body)).toEqual(['Everyone']);
    expect(asked).toEqual([]);
  });

  test('members get it, others do not', async () => {
    await api.createRule('adminA', orgDraft({ name: 'Sales clients', appliesTo: { groups: [SALES] } }));
    expect(names((await (await api.as('aliceA')).get('/api/rules?scope=effective').expect(200)).body)).toEqual(['Everyone', 'Sales clients']);
    expect(names((await (await api.as('bobA')).get('/api/rules?scope=effective').expect(200)).body)).toEqual(['Everyone']);
    expect(asked).toEqual([USERS.aliceA.oid, USERS.bobA.oid]);
  });

  test("GET /api/me names the caller's teams among those the org rules are for", async () => {
    const other = '11111111-2222-4333-8444-555555555555';
    groups[USERS.aliceA.oid] = [SALES, other];
    try {
      expect((await (await api.as('aliceA')).get('/api/me').expect(200)).body.teams).toEqual([]);
      await api.createRule('adminA', orgDraft({ name: 'Sales clients', appliesTo: { groups: [SALES] } }));
      expect((await (await api.as('aliceA')).get('/api/me').expect(200)).body.teams).toEqual([SALES]);
      expect((await (await api.as('bobA')).get('/api/me').expect(200)).body.teams).toEqual([]);
    } finally {
      groups[USERS.aliceA.oid] = [SALES];
    }
  });

  test('the preview of an unsaved team rule answers as the saved rule would', async () => {
    const draft = orgDraft({
      name: 'Sales clients',
      appliesTo: { groups: [SALES] },
      when: { field: 'subject', op: 'contains', value: 'client' },
      then: { category: 'Client', color: 'preset1' },
    });
    const preview = async (user: 'aliceA' | 'bobA') =>
      (
        await (
          await api.as(user)
        )
          .post('/api/preview')
          .send({ events: [event], rules: [draft] })
          .expect(200)
      ).body.results[0].categories;
    expect(await preview('aliceA')).toEqual(['Client']);
    expect(await preview('bobA')).toEqual([]);
  });

  test('a directory that does not answer is a 503, not a set without the team rules', async () => {
    await api.createRule('adminA', orgDraft({ name: 'Sales clients', appliesTo: { groups: [SALES] } }));
    directoryDown = true;
    const res = await (await api.as('aliceA')).get('/api/rules?scope=effective').expect(503);
    expect(res.body.code).toBe('unavailable');
  });
});
