/**
 * The preview's cost budget (issue #12): characters of event text per request (413 `preview_too_costly`) and per
 * user per minute (429 `rate_limited`, Retry-After), counted before any rule runs.
 */
import { PREVIEW_BUDGET, PREVIEW_MAX_EVENTS, previewTextCost } from '../../server/services/preview';
import { startTestApi, type TestApi } from '../support/app';

/** The hostile body: a run of '<' as long as the API takes in one string. */
const HOSTILE_BODY = '<'.repeat(100_000);
const event = (id: string, content: string) => ({
  id,
  subject: 'Invitation',
  body: { contentType: 'html', content },
  start: { dateTime: '2026-03-02T10:00:00.0000000', timeZone: 'UTC' },
  end: { dateTime: '2026-03-02T10:30:00.0000000', timeZone: 'UTC' },
});

describe('preview cost', () => {
  test('counts the text rules read: subject, body (else bodyPreview), location and locations; nothing for non-events', () => {
    expect(
      previewTextCost({
        events: [{ subject: 'ab', body: { content: 'cde' }, bodyPreview: 'ignored', location: { displayName: 'f' }, locations: [{ displayName: 'gh' }, {}] }],
      }),
    ).toBe(8);
    expect(previewTextCost({ events: [{ bodyPreview: 'abcd' }, 7, null, { body: 'x' }] })).toBe(4);
    expect(previewTextCost({ events: 'x' })).toBe(0);
    expect(previewTextCost(null)).toBe(0);
    // Only the events the API would read count, so the count is bounded whatever arrives.
    expect(previewTextCost({ events: Array.from({ length: PREVIEW_MAX_EVENTS + 5 }, () => ({ subject: 'x' })) })).toBe(PREVIEW_MAX_EVENTS);
  });
});

describe('preview budget', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi('sqlite', { previewCharsPerMinute: 250_000 });
  });
  afterAll(() => api.close());

  test('one hostile body within the budget is evaluated (linear text extraction)', async () => {
    const res = await (
      await api.as('adminA')
    )
      .post('/api/preview')
      .send({ events: [event('e1', HOSTILE_BODY)], rulesMode: 'only', rules: [] })
      .expect(200);
    expect(res.body.results).toEqual([{ eventId: 'e1', categories: [], matches: [] }]);
  });

  test('two hostile bodies (the issue exact request) exceed the per-request budget: 413 preview_too_costly', async () => {
    const res = await (
      await api.as('bobA')
    )
      .post('/api/preview')
      .send({ events: [event('e1', HOSTILE_BODY), event('e2', HOSTILE_BODY)] })
      .expect(413);
    expect(res.body).toEqual({
      code: 'preview_too_costly',
      message: expect.stringContaining(`at most ${PREVIEW_BUDGET.requestChars}`),
      details: [{ path: 'events', message: expect.any(String) }],
    });
  });

  test("a user's previews share a budget per minute: past it 429 with Retry-After, while other users are unaffected", async () => {
    const alice = await api.as('aliceA');
    const hostile = { events: [event('e1', HOSTILE_BODY)], rulesMode: 'only', rules: [] };
    await alice.post('/api/preview').send(hostile).expect(200);
    await alice.post('/api/preview').send(hostile).expect(200);
    const refused = await alice.post('/api/preview').send(hostile).expect(429);
    expect(refused.body.code).toBe('rate_limited');
    expect(refused.body.message).toContain('preview budget');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    // A small preview is refused too while the window lasts; other endpoints and other users are not.
    await alice
      .post('/api/preview')
      .send({ events: [event('e2', 'hi')] })
      .expect(429);
    await alice.get('/api/me').expect(200);
    await (
      await api.as('bobA')
    )
      .post('/api/preview')
      .send({ events: [event('e3', 'hi')] })
      .expect(200);
  });
});
