/** Export and import: the whole file is validated first; an import is all or nothing. */
import { startTestApi, type TestApi } from '../support/app';
import { orgDraft, personalDraft } from '../support/rules';
import { STORE_KINDS } from '../support/stores';

describe.each(STORE_KINDS)('%s store', (kind) => {
  let api: TestApi;
  beforeEach(async () => {
    api = await startTestApi(kind);
  });
  afterEach(() => api.close());

  test('export → import (replace) round-trips a rule set exactly', async () => {
    for (let i = 0; i < 3; i++) await api.createRule('adminA', orgDraft());
    const admin = await api.as('adminA');
    const exported = await admin.get('/api/export?scope=org').expect(200);
    expect(exported.headers['content-disposition']).toMatch(/attachment/);
    expect(exported.body).toMatchObject({ version: 1, scope: 'org', rules: expect.any(Array) });
    expect(exported.body.rules).toHaveLength(3);
    expect(exported.body.rules[0].etag).toBeUndefined();
    // Change the set, then restore the export.
    await api.createRule('adminA', orgDraft({ name: 'added later' }));
    const res = await admin.post('/api/import').send(exported.body).expect(200);
    expect(res.body).toMatchObject({ mode: 'replace', created: 0, replaced: 3, deleted: 1, renamed: {} });
    const again = await admin.get('/api/export?scope=org').expect(200);
    expect(again.body.rules).toEqual(exported.body.rules);
  });

  test('one invalid rule refuses the whole file, naming its path; nothing changes', async () => {
    await api.createRule('aliceA', personalDraft());
    const before = await api.snapshot();
    const rules = [personalDraft(), personalDraft(), personalDraft({ when: { field: 'nope', op: 'equals', value: 'x' } }), personalDraft()];
    const res = await (await api.as('aliceA')).post('/api/import').send({ scope: 'personal', rules }).expect(400);
    expect(res.body.code).toBe('validation_failed');
    expect(res.body.details).toContainEqual(expect.objectContaining({ path: 'rules[2].when.field' }));
    expect(await api.snapshot()).toEqual(before);
  });

  test('scope mismatches and duplicate ids are refused whole', async () => {
    const before = await api.snapshot();
    const alice = await api.as('aliceA');
    const wrongScope = await alice
      .post('/api/import')
      .send({ scope: 'personal', rules: [personalDraft(), orgDraft()] })
      .expect(400);
    expect(wrongScope.body.details[0].path).toBe('rules[1].scope');
    const dup = await alice
      .post('/api/import')
      .send({ scope: 'personal', rules: [personalDraft({ id: 'r_x' }), personalDraft({ id: 'r_x' })] })
      .expect(400);
    expect(dup.body.details[0].path).toBe('rules[1].id');
    const notAList = await alice.post('/api/import').send({ scope: 'personal', rules: 'all of them' }).expect(400);
    expect(notAList.body.details[0].path).toBe('rules');
    expect(await api.snapshot()).toEqual(before);
  });

  test("merge keeps other rules; ids not in the caller's set get new ids, whether used elsewhere or not", async () => {
    const bobs = await api.createRule('bobA', personalDraft());
    const mine = await api.createRule('aliceA', personalDraft());
    const alice = await api.as('aliceA');
    const res = await alice
      .post('/api/import')
      .send({
        scope: 'personal',
        mode: 'merge',
        rules: [
          personalDraft({ id: bobs.id, name: 'mine' }),
          personalDraft({ id: 'r_unused', name: 'also mine' }),
          { ...mine, name: 'updated', etag: mine.etag },
        ],
      })
      .expect(200);
    expect(res.body).toMatchObject({ created: 2, replaced: 1, deleted: 0 });
    // Bob's id and an unused id are treated alike: nothing in the answer tells them apart.
    expect(Object.keys(res.body.renamed).sort()).toEqual([bobs.id, 'r_unused'].sort());
    const newId = res.body.renamed[bobs.id] as string;
    const unusedNewId = res.body.renamed.r_unused as string;
    for (const id of [newId, unusedNewId]) expect(id).toMatch(/^r_/);
    expect([newId, unusedNewId]).not.toContain(bobs.id);
    expect([newId, unusedNewId]).not.toContain('r_unused');
    const list = (await alice.get('/api/rules?scope=personal')).body.items.map((r: { id: string; name: string }) => [r.id, r.name]);
    expect(list).toEqual(
      expect.arrayContaining([
        [mine.id, 'updated'],
        [newId, 'mine'],
        [unusedNewId, 'also mine'],
      ]),
    );
    // Bob's rule is untouched.
    expect((await (await api.as('bobA')).get(`/api/rules/${bobs.id}`)).body).toEqual(bobs);
  });

  test('an import is audited', async () => {
    const admin = await api.as('adminA');
    await admin
      .post('/api/import')
      .send({ scope: 'org', rules: [orgDraft()] })
      .expect(200);
    const audit = await admin.get('/api/audit').expect(200);
    expect(audit.body.items[0]).toMatchObject({ action: 'import', scope: 'org', actorId: expect.any(String), after: { created: 1 } });
  });
});

describe.each(STORE_KINDS)('%s store: the import audit entry', (kind) => {
  let api: TestApi;
  beforeEach(async () => {
    api = await startTestApi(kind);
  });
  afterEach(() => api.close());

  test('names the previous set by ids and the version that keeps it, not by its documents', async () => {
    const first = await api.createRule('adminA', orgDraft());
    const second = await api.createRule('adminA', orgDraft());
    const admin = await api.as('adminA');
    await admin
      .post('/api/import')
      .send({ scope: 'org', rules: [orgDraft()] })
      .expect(200);
    const [entry] = (await admin.get('/api/audit').expect(200)).body.items;
    const [version] = (await admin.get('/api/rules/versions?scope=org').expect(200)).body.items;
    expect(entry.before).toEqual({ versionId: version.id, ids: [first.id, second.id] });
    // The version holds what the entry no longer copies.
    const kept = (await admin.get(`/api/rules/versions/${version.id}`).expect(200)).body;
    expect(kept.rules.map((r: { id: string }) => r.id)).toEqual([first.id, second.id]);
  });
});
