/**
 * Headers and caching (issue #12, item 4): request logs carry an allow-list of headers, never the platform's or
 * a client's credentials; every /api answer says Cache-Control: no-store, refusals included.
 */
import { Writable } from 'node:stream';
import pino from 'pino';
import request from 'supertest';
import { REDACT_PATHS } from '../../server/app';
import { startTestApi, type TestApi } from '../support/app';

// Each a credential some layer in front of CalSync, or a client, sends under its own name.
const SECRETS: Record<string, string> = {
  'x-ms-token-aad-refresh-token': 'refresh-0.AAAA-secret-refresh-token',
  'x-ms-client-principal': 'eyJhdXRoX3R5cCI6ImFhZCIsImNsYWltcyI6W119-principal',
  'proxy-authorization': 'Basic cHJveHk6cGFzc3dvcmQ=',
  'x-api-key': 'sk_live_api_key_secret',
  'x-ms-token-aad-access-token': 'access-secret-token',
  cookie: 'session=cookie-secret',
};

describe('request logs', () => {
  let api: TestApi;
  const lines: string[] = [];
  beforeAll(async () => {
    const sink = new Writable({
      write(chunk, _enc, done) {
        lines.push(String(chunk));
        done();
      },
    });
    api = await startTestApi('sqlite', { logger: pino({ level: 'info', redact: { paths: REDACT_PATHS, censor: '[redacted]' } }, sink), httpLogging: true });
  });
  afterAll(() => api.close());

  test('carry the allow-listed headers and none of the credentials', async () => {
    const token = await api.tokens.for('aliceA');
    await request(api.app)
      .get('/api/me')
      .set('Authorization', `Bearer ${token}`)
      .set(SECRETS)
      .set('X-Request-Id', 'req-headers')
      .set('User-Agent', 'calsync-test')
      .expect(200);
    const line = lines.find((l) => l.includes('req-headers'));
    expect(line).toBeDefined();
    const logged = JSON.parse(line!) as { req: { headers: Record<string, string> } };
    expect(logged.req.headers['user-agent']).toBe('calsync-test');
    expect(logged.req.headers['x-request-id']).toBe('req-headers');
    for (const name of [...Object.keys(SECRETS), 'authorization']) expect(logged.req.headers).not.toHaveProperty(name);
    const all = lines.join('');
    for (const value of [...Object.values(SECRETS), token]) expect(all).not.toContain(value);
  });
});

describe('caching of API answers', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi('sqlite');
  });
  afterAll(() => api.close());

  test('every /api answer is no-store: success, not found, and a refusal before authentication', async () => {
    const alice = await api.as('aliceA');
    expect((await alice.get('/api/me').expect(200)).headers['cache-control']).toBe('no-store');
    expect((await alice.get('/api/rules?scope=personal').expect(200)).headers['cache-control']).toBe('no-store');
    expect((await alice.get('/api/nothing-here').expect(404)).headers['cache-control']).toBe('no-store');
    expect((await request(api.app).get('/api/me').expect(401)).headers['cache-control']).toBe('no-store');
  });
});
