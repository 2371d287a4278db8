/** Transport rules, on each store: body size and type, rate limit, security headers, CORS, request ids, logging, 500s. */
import { Writable } from 'node:stream';
import pino from 'pino';
import request from 'supertest';
import { REDACT_PATHS } from '../../server/app';
import { startTestApi, type TestApi } from '../support/app';
import { personalDraft } from '../support/rules';
import { STORE_KINDS } from '../support/stores';

const ADDIN = 'https://addin.calsync.example';

describe.each(STORE_KINDS)('%s store', (kind) => {
  let api: TestApi;
  let auth: string;
  beforeAll(async () => {
    api = await startTestApi(kind, { addinOrigin: ADDIN });
    auth = await api.tokens.header('aliceA');
  });
  afterAll(() => api.close());

  test('a body over 256 KB is 413 and changes nothing', async () => {
    const before = await api.snapshot();
    const big = { ...personalDraft(), name: 'x'.repeat(300 * 1024) };
    const res = await request(api.app).post('/api/rules').set('Authorization', auth).send(big);
    expect(res.status).toBe(413);
    expect(res.body.code).toBe('payload_too_large');
    expect(await api.snapshot()).toEqual(before);
  });

  test('a body that is not JSON is 415; a missing body is 415', async () => {
    const form = await request(api.app).post('/api/rules').set('Authorization', auth).type('form').send('name=x');
    expect(form.status).toBe(415);
    expect(form.body).toEqual({
      code: 'unsupported_media_type',
      message: expect.any(String),
      details: [{ path: 'Content-Type', message: expect.any(String) }],
    });
    const text = await request(api.app).put('/api/rules/order').set('Authorization', auth).set('Content-Type', 'text/plain').send('{}');
    expect(text.status).toBe(415);
    expect((await request(api.app).post('/api/preview').set('Authorization', auth)).status).toBe(415);
  });

  test('authentication comes before reading the body', async () => {
    const res = await request(api.app).post('/api/rules').type('form').send('x=1');
    expect(res.status).toBe(401);
  });

  test('helmet security headers and no x-powered-by', async () => {
    const res = await request(api.app).get('/healthz').expect(200);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['strict-transport-security']).toBeDefined();
    expect(res.headers['x-powered-by']).toBeUndefined();
  });

  test('CORS answers the add-in origin only', async () => {
    const ok = await request(api.app)
      .options('/api/rules')
      .set('Origin', ADDIN)
      .set('Access-Control-Request-Method', 'PUT')
      .set('Access-Control-Request-Headers', 'authorization,if-match,content-type');
    expect(ok.status).toBe(204);
    expect(ok.headers['access-control-allow-origin']).toBe(ADDIN);
    expect(ok.headers['access-control-allow-headers']).toMatch(/If-Match/i);
    const evil = await request(api.app).get('/api/me').set('Origin', 'https://evil.example').set('Authorization', auth);
    expect(evil.headers['access-control-allow-origin']).toBeUndefined();
    const exposed = await request(api.app).get('/api/me').set('Origin', ADDIN).set('Authorization', auth);
    expect(exposed.headers['access-control-expose-headers']).toMatch(/ETag/);
  });

  test('request ids: a safe incoming one is echoed, otherwise one is generated', async () => {
    const echoed = await request(api.app).get('/healthz').set('X-Request-Id', 'abc-123');
    expect(echoed.headers['x-request-id']).toBe('abc-123');
    const replaced = await request(api.app).get('/healthz').set('X-Request-Id', 'bad id\twith junk');
    expect(replaced.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  test('unknown endpoints are 404 problem details', async () => {
    const res = await request(api.app).get('/api/nothing-here').set('Authorization', auth).expect(404);
    expect(res.body).toEqual({ code: 'not_found', message: expect.any(String), details: [] });
    expect((await request(api.app).get('/nothing')).status).toBe(404);
  });

  test('429 with Retry-After past the per-user limit; other users are unaffected', async () => {
    const limited = await startTestApi(kind, { rateLimitPerMinute: 3 });
    try {
      const alice = await limited.as('aliceA');
      for (let i = 0; i < 3; i++) await alice.get('/api/me').expect(200);
      const before = await limited.snapshot();
      const res = await alice.post('/api/rules').send(personalDraft());
      expect(res.status).toBe(429);
      expect(res.body.code).toBe('rate_limited');
      expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
      expect(await limited.snapshot()).toEqual(before);
      await (await limited.as('bobA')).get('/api/me').expect(200);
    } finally {
      await limited.close();
    }
  });

  test('a real bug is a 500 without a stack, logged with the request id; logs never carry the token', async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _enc, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const logger = pino({ level: 'info', redact: { paths: REDACT_PATHS, censor: '[redacted]' } }, sink);
    const broken = await startTestApi(kind, { logger });
    try {
      broken.stores.rules.listAll = async () => {
        throw new Error('boom: secret internals');
      };
      const token = await broken.tokens.for('aliceA');
      const res = await request(broken.app).get('/api/rules?scope=org&limit=1').set('Authorization', `Bearer ${token}`).set('X-Request-Id', 'req-500');
      const effective = await request(broken.app).get('/api/rules?scope=effective').set('Authorization', `Bearer ${token}`).set('X-Request-Id', 'req-500b');
      expect(res.status).toBe(200);
      expect(effective.status).toBe(500);
      expect(effective.body).toEqual({ code: 'internal', message: expect.stringContaining('req-500b'), details: [] });
      expect(JSON.stringify(effective.body)).not.toMatch(/boom|at .*\.ts/);
      const log = lines.join('');
      expect(log).toContain('req-500b');
      expect(log).toContain('boom: secret internals');
      expect(log).not.toMatch(/"authorization"/i); // not even redacted: request headers are allow-listed
      expect(log).not.toContain(token);
    } finally {
      await broken.close();
    }
  });
});
