/** POST /api/import/preview: what merge and replace would do, by rule name, checked like an import and writing nothing. */
import { startTestApi, type TestApi } from '../support/app';
import { orgDraft, personalDraft } from '../support/rules';
import { STORE_KINDS } from '../support/stores';

describe.each(STORE_KINDS)('%s store', (kind) => {
  let api: TestApi;
  beforeEach(async () => {
    api = await startTestApi(kind);
  });
  afterEach(() => api.close());

  test('names what each mode adds, changes and removes, and the import then does exactly that', async () => {
    for (const name of ['Internal', 'External', 'Travel', 'Focus']) await api.createRule('adminA', orgDraft({ name }));
    const admin = await api.as('adminA');
    const exported = (await admin.get('/api/export?scope=org').expect(200)).body as { rules: Array<Record<string, unknown>> };
    const [internal, external] = exported.rules;
    const file = {
      version: 1,
      scope: 'org',
      rules: [
        internal,
        { ...external, name: 'External (new colour)', then: { category: 'Ext', color: 'preset2', stop: false } },
        orgDraft({ name: 'Holidays' }),
      ],
    };
    const before = await api.snapshot();

    const preview = await admin.post('/api/import/preview').send(file).expect(200);
    expect(preview.body).toEqual({
      scope: 'org',
      merge: { added: ['Holidays'], changed: ['External (new colour)'], removed: [], unchanged: 1 },
      replace: { added: ['Holidays'], changed: ['External (new colour)'], removed: ['Travel', 'Focus'], unchanged: 1 },
    });
    expect(await api.snapshot()).toEqual(before);

    const done = await admin
      .post('/api/import')
      .send({ ...file, mode: 'replace' })
      .expect(200);
    expect(done.body).toMatchObject({ created: 1, replaced: 2, deleted: 2 });
    const names = (await admin.get('/api/rules?scope=org').expect(200)).body.items.map((r: { name: string }) => r.name).sort();
    expect(names).toEqual(['External (new colour)', 'Holidays', 'Internal']);
  });

  test('a file the import would refuse is refused by the preview in the same words', async () => {
    const alice = await api.as('aliceA');
    const bad = { scope: 'personal', rules: [personalDraft(), orgDraft()] };
    const preview = await alice.post('/api/import/preview').send(bad).expect(400);
    const real = await alice.post('/api/import').send(bad).expect(400);
    expect(preview.body).toEqual(real.body);
    // Org rules are admins' to change, previews included.
    await alice
      .post('/api/import/preview')
      .send({ scope: 'org', rules: [orgDraft()] })
      .expect(403);
  });
});
