/** Every bad body is a 4xx naming the path, and the store is unchanged afterwards. */
import request from 'supertest';
import { startTestApi, type TestApi } from '../support/app';
import { invalidRuleBodies, personalDraft } from '../support/rules';
import { STORE_KINDS } from '../support/stores';

describe.each(STORE_KINDS)('%s store', (kind) => {
  let api: TestApi;
  let existing: Record<string, unknown> & { id: string; etag: string };
  beforeAll(async () => {
    api = await startTestApi(kind);
    existing = await api.createRule('aliceA', personalDraft());
  });
  afterAll(() => api.close());

  // POST ignores a supplied id (the server assigns one, see rules-crud), so a bad id is no reason to refuse it.
  test.each(
    invalidRuleBodies()
      .filter((c) => c.path !== 'id')
      .map((c) => [c.name, c] as const),
  )('POST refuses %s', async (_name, c) => {
    const before = await api.snapshot();
    const res = await (
      await api.as('aliceA')
    )
      .post('/api/rules')
      .send(c.body as object)
      .expect(400);
    expect(res.body).toEqual({ code: 'validation_failed', message: expect.any(String), details: expect.any(Array) });
    expect(res.body.details.map((d: { path: string }) => d.path)).toContain(c.path);
    expect(await api.snapshot()).toEqual(before);
  });

  test.each(invalidRuleBodies().map((c) => [c.name, c] as const))('PUT refuses %s', async (_name, c) => {
    const before = await api.snapshot();
    const body = Array.isArray(c.body) ? c.body : { ...(c.body as object), id: c.path === 'id' ? (c.body as { id: string }).id : existing.id };
    const res = await (await api.as('aliceA')).put(`/api/rules/${existing.id}`).set('If-Match', existing.etag).send(body);
    expect(res.status).toBe(400);
    expect(res.body.details.map((d: { path: string }) => d.path)).toContain(c.path);
    expect(await api.snapshot()).toEqual(before);
  });

  test('malformed JSON is 400 invalid_json; nothing changes', async () => {
    const before = await api.snapshot();
    const res = await request(api.app)
      .post('/api/rules')
      .set('Authorization', await api.tokens.header('aliceA'))
      .set('Content-Type', 'application/json')
      .send('{"name": ');
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('invalid_json');
    expect(await api.snapshot()).toEqual(before);
  });
});
