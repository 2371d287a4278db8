/** The effective set is cached per user; every write through the API is visible on the next read. */
import { EffectiveRulesCache } from '../../server/services/effective-cache';
import { startTestApi, type TestApi } from '../support/app';
import { orgDraft, personalDraft } from '../support/rules';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi('sqlite', { effectiveCacheTtlMs: 60_000 });
});
afterAll(() => api.close());

const names = async (user: 'aliceA' | 'bobA') =>
  ((await (await api.as(user)).get('/api/rules?scope=effective').expect(200)).body.items as { name: string }[]).map((r) => r.name);

test('creates, edits, reorders, imports and deletes show up at once for every user of the tenant', async () => {
  expect(await names('aliceA')).toEqual([]);
  expect(await names('bobA')).toEqual([]);
  const org = await api.createRule('adminA', orgDraft({ name: 'O1' }));
  expect(await names('aliceA')).toEqual(['O1']);
  expect(await names('bobA')).toEqual(['O1']);
  const mine = await api.createRule('aliceA', personalDraft({ name: 'P1' }));
  expect(await names('aliceA')).toEqual(['O1', 'P1']);
  expect(await names('bobA')).toEqual(['O1']);
  const admin = await api.as('adminA');
  await admin
    .put(`/api/rules/${org.id}`)
    .set('If-Match', org.etag)
    .send({ ...org, enabled: false })
    .expect(200);
  expect(await names('aliceA')).toEqual(['P1']);
  const alice = await api.as('aliceA');
  await alice
    .post('/api/import')
    .send({ scope: 'personal', mode: 'merge', rules: [personalDraft({ name: 'P0', order: 0 }), { ...mine, order: 5 }] })
    .expect(200);
  expect(await names('aliceA')).toEqual(['P0', 'P1']);
  const p1 = (await alice.get(`/api/rules/${mine.id}`)).body;
  await alice.delete(`/api/rules/${mine.id}`).set('If-Match', p1.etag).expect(204);
  expect(await names('aliceA')).toEqual(['P0']);
});

test('a read that raced a write never caches the older set', () => {
  let t = 0;
  const cache = new EffectiveRulesCache<string[]>(1000, 10, () => t);
  const gen = cache.generation('t1');
  cache.invalidateTenant('t1'); // a write started while the read was in flight
  cache.set('t1', 'u1', gen, ['old']);
  expect(cache.get('t1', 'u1')).toBeUndefined();
  cache.set('t1', 'u1', cache.generation('t1'), ['new']);
  expect(cache.get('t1', 'u1')?.value).toEqual(['new']);
  cache.invalidateTenant('t2');
  expect(cache.get('t1', 'u1')?.value).toEqual(['new']);
  t = 1000;
  expect(cache.get('t1', 'u1')).toBeUndefined();
});
