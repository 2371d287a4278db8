/**
 * Rule-set versions: a copy is kept before every import, reorder and restore; an admin (org) or the owner
 * (personal) lists them and restores one with If-Match = the set's ETag; the restore is audited and can be undone.
 */
import type { ApiRestoreResult, ApiRuleVersionDetail, ApiRuleVersionList } from '../../shared/api-types';
import { startTestApi, type AuthedClient, type TestApi } from '../support/app';
import { orgDraft, personalDraft } from '../support/rules';
import { STORE_KINDS } from '../support/stores';

const namesOf = (items: Array<{ name: string }>) => items.map((r) => r.name);

async function orgRules(client: AuthedClient): Promise<Array<{ id: string; name: string; order: number }>> {
  return (await client.get('/api/rules?scope=org').expect(200)).body.items;
}

async function versions(client: AuthedClient, scope = 'org'): Promise<ApiRuleVersionList> {
  return (await client.get(`/api/rules/versions?scope=${scope}`).expect(200)).body as ApiRuleVersionList;
}

describe.each(STORE_KINDS)('%s store', (kind) => {
  let api: TestApi;
  let admin: AuthedClient;
  beforeEach(async () => {
    api = await startTestApi(kind);
    admin = await api.as('adminA');
  });
  afterEach(() => api.close());

  test('a replacing import keeps the set as it was; restoring that version brings every rule back with its id, audited', async () => {
    for (const name of ['Internal', 'External', 'Travel', 'Focus']) await api.createRule('adminA', orgDraft({ name }));
    const before = await orgRules(admin);
    await admin
      .post('/api/import')
      .send({ scope: 'org', mode: 'replace', fileName: 'one-rule-import.json', rules: [orgDraft({ name: 'Only' })] })
      .expect(200);
    expect(namesOf(await orgRules(admin))).toEqual(['Only']);

    const list = await versions(admin);
    expect(list.items).toHaveLength(1);
    const [kept] = list.items;
    expect(kept).toMatchObject({
      scope: 'org',
      reason: { kind: 'import', mode: 'replace', fileName: 'one-rule-import.json' },
      ruleCount: 4,
      names: ['Internal', 'External', 'Travel', 'Focus'],
    });
    const detail = (await admin.get(`/api/rules/versions/${kept!.id}`).expect(200)).body as ApiRuleVersionDetail;
    expect(detail.diff).toEqual({ added: ['Internal', 'External', 'Travel', 'Focus'], changed: [], removed: ['Only'], unchanged: 0 });

    const restored = (await admin.post(`/api/rules/versions/${kept!.id}/restore`).set('If-Match', list.setEtag).send({}).expect(200)).body as ApiRestoreResult;
    expect(restored.diff).toEqual(detail.diff);
    const after = await orgRules(admin);
    expect(after.map(({ id, name, order }) => ({ id, name, order }))).toEqual(before.map(({ id, name, order }) => ({ id, name, order })));

    const audit = (await admin.get('/api/audit?scope=org').expect(200)).body.items[0];
    expect(audit).toMatchObject({ action: 'restore', scope: 'org', after: { versionId: kept!.id, keptVersionId: restored.keptVersionId, removed: ['Only'] } });
    expect(namesOf(audit.before)).toEqual(['Only']);

    // The restore kept what it replaced: restoring that undoes the restore.
    const again = await versions(admin);
    expect(again.items[0]).toMatchObject({ id: restored.keptVersionId, reason: { kind: 'restore', versionId: kept!.id }, names: ['Only'] });
    await admin.post(`/api/rules/versions/${restored.keptVersionId}/restore`).set('If-Match', again.setEtag).send({}).expect(200);
    expect(namesOf(await orgRules(admin))).toEqual(['Only']);
  });

  test('a restore needs the set ETag: none → 428, stale → 412, and nothing changes', async () => {
    await api.createRule('adminA', orgDraft({ name: 'First' }));
    await admin
      .post('/api/import')
      .send({ scope: 'org', rules: [orgDraft({ name: 'Second' })] })
      .expect(200);
    const list = await versions(admin);
    const id = list.items[0]!.id;
    await admin.post(`/api/rules/versions/${id}/restore`).send({}).expect(428);
    await api.createRule('adminA', orgDraft({ name: 'Meanwhile' }));
    const before = await api.snapshot();
    const stale = await admin.post(`/api/rules/versions/${id}/restore`).set('If-Match', list.setEtag).send({}).expect(412);
    expect(stale.body.code).toBe('precondition_failed');
    expect(await api.snapshot()).toEqual(before);
    expect((await versions(admin)).items).toHaveLength(1);
  });

  test('a reorder keeps a version; bodies and ids are checked', async () => {
    const a = await api.createRule('adminA', orgDraft({ name: 'A' }));
    const b = await api.createRule('adminA', orgDraft({ name: 'B' }));
    await admin
      .put('/api/rules/order')
      .send({ scope: 'org', ids: [b.id, a.id] })
      .expect(200);
    const list = await versions(admin);
    expect(list.items[0]).toMatchObject({ reason: { kind: 'reorder' }, names: ['A', 'B'] });
    const id = list.items[0]!.id;
    const bad = await admin.post(`/api/rules/versions/${id}/restore`).set('If-Match', list.setEtag).send({ force: true }).expect(400);
    expect(bad.body.code).toBe('validation_failed');
    await admin.post('/api/rules/versions/v_not_an_id/restore').set('If-Match', list.setEtag).send({}).expect(404);
    await admin.get('/api/rules/versions?scope=everyone').expect(400);
    await admin.post(`/api/rules/versions/${id}/restore`).set('If-Match', list.setEtag).send({}).expect(200);
    expect(namesOf(await orgRules(admin))).toEqual(['A', 'B']);
  });

  test('org versions are for admins; personal versions for their owner only; a lock refuses restores', async () => {
    await api.createRule('adminA', orgDraft({ name: 'Org' }));
    await admin.post('/api/import').send({ scope: 'org', rules: [] }).expect(200);
    const orgVersion = (await versions(admin)).items[0]!.id;
    const alice = await api.as('aliceA');
    const bob = await api.as('bobA');
    expect((await alice.get('/api/rules/versions?scope=org').expect(403)).body.code).toBe('forbidden');
    await alice.post(`/api/rules/versions/${orgVersion}/restore`).set('If-Match', '"x"').send({}).expect(403);

    await api.createRule('aliceA', personalDraft({ name: 'Mine' }));
    await alice.post('/api/import').send({ scope: 'personal', rules: [] }).expect(200);
    const mine = await versions(alice, 'personal');
    expect(mine.items.map((v) => v.names)).toEqual([['Mine']]);
    expect((await versions(bob, 'personal')).items).toEqual([]);
    await bob.get(`/api/rules/versions/${mine.items[0]!.id}`).expect(404);
    await bob.post(`/api/rules/versions/${mine.items[0]!.id}/restore`).set('If-Match', mine.setEtag).send({}).expect(404);
    await alice.post(`/api/rules/versions/${mine.items[0]!.id}/restore`).set('If-Match', mine.setEtag).send({}).expect(200);

    const settings = { internalDomains: ['contoso.com'], enrolledMailboxes: 'all', syncWindowDays: { past: 30, future: 365 }, orgRulesLocked: true };
    await admin.put('/api/settings').set('If-Match', '"default"').send(settings).expect(200);
    const locked = await admin
      .post(`/api/rules/versions/${orgVersion}/restore`)
      .set('If-Match', (await versions(admin)).setEtag)
      .send({});
    expect({ status: locked.status, code: locked.body.code }).toEqual({ status: 409, code: 'org_rules_locked' });
  });

  test('imported rules without order keep their file order: after the set (merge), or from the top (replace)', async () => {
    await api.createRule('adminA', orgDraft({ name: 'Existing 1' }));
    await api.createRule('adminA', orgDraft({ name: 'Existing 2' }));
    const file = (mode: string) => ({ scope: 'org', mode, rules: ['Z first', 'A second', 'M third'].map((name) => orgDraft({ name })) });
    await admin.post('/api/import').send(file('merge')).expect(200);
    expect(namesOf(await orgRules(admin))).toEqual(['Existing 1', 'Existing 2', 'Z first', 'A second', 'M third']);
    await admin.post('/api/import').send(file('replace')).expect(200);
    const replaced = await orgRules(admin);
    expect(replaced.map((r) => [r.name, r.order])).toEqual([
      ['Z first', 0],
      ['A second', 1],
      ['M third', 2],
    ]);
  });
});

test('a set keeps its newest 20 versions', async () => {
  const api = await startTestApi('sqlite');
  try {
    const admin = await api.as('adminA');
    for (let i = 0; i < 22; i++)
      await admin
        .post('/api/import')
        .send({ scope: 'org', fileName: `file-${i}.json`, rules: [orgDraft()] })
        .expect(200);
    const list = await versions(admin);
    expect(list.items.map((v) => v.reason)).toEqual(
      Array.from({ length: 20 }, (_, i) => ({ kind: 'import', mode: 'replace', fileName: `file-${21 - i}.json` })),
    );
  } finally {
    await api.close();
  }
});
