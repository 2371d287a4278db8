import { CalSyncApiClient } from '../../addin/api/api-client';
import { adminApi } from '../../addin/api/admin-api';
import { CalSyncApiError, describeApiError } from '../../addin/api/api-errors';
import { FakeRulesServer, fakeResponse } from './support/fake-rules-server';
import { apiRule } from './support/rule-factories';

function clientFor(fetchImpl: typeof fetch) {
  return new CalSyncApiClient({ baseUrl: 'https://api.test', getAccessToken: async () => 'tok', fetchImpl });
}

async function failure(promise: Promise<unknown>): Promise<CalSyncApiError> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof CalSyncApiError) return err;
    throw err;
  }
  throw new Error('expected the call to fail');
}

describe('Rules API client', () => {
  it('sends the bearer token and JSON', async () => {
    const server = new FakeRulesServer();
    await clientFor(server.fetch).createRule({
      name: 'n',
      scope: 'personal',
      enabled: true,
      order: 0,
      when: { all: [] },
      then: { category: 'C', color: 'preset1', stop: false },
    });
    const req = server.requests[0]!;
    expect(req.headers.Authorization).toBe('Bearer tok');
    expect(req.headers['Content-Type']).toBe('application/json');
    expect(req.path).toBe('/api/rules');
  });

  it.each([
    [400, 'validation'],
    [401, 'unauthorized'],
    [403, 'forbidden'],
    [404, 'not_found'],
    [409, 'conflict'],
    [412, 'precondition_failed'],
    [413, 'payload_too_large'],
    [415, 'unsupported_media_type'],
    [428, 'precondition_required'],
    [429, 'rate_limited'],
    [500, 'server'],
    [503, 'server'],
  ])('maps HTTP %i to kind %s, keeping the problem code and details', async (status, kind) => {
    const fetchImpl = (async () =>
      fakeResponse(status, JSON.stringify({ code: `c${status}`, message: `m${status}`, details: [{ path: 'name', message: 'bad' }] }))) as typeof fetch;
    const err = await failure(clientFor(fetchImpl).me());
    expect(err.kind).toBe(kind);
    expect(err.status).toBe(status);
    expect(err.code).toBe(`c${status}`);
    expect(err.details).toEqual([{ path: 'name', message: 'bad' }]);
  });

  it('reads Retry-After on 429 and says when to retry', async () => {
    const fetchImpl = (async () => fakeResponse(429, '{"code":"rate_limited","message":"slow down"}', { 'Retry-After': '12' })) as typeof fetch;
    const err = await failure(clientFor(fetchImpl).me());
    expect(err.retryAfterSeconds).toBe(12);
    expect(describeApiError(err)).toBe('Too many requests. Try again in 12 seconds.');
  });

  it('reports a network failure as unreachable, and a non-JSON error body without crashing', async () => {
    const down = (async () => {
      throw new TypeError('Failed to fetch');
    }) as typeof fetch;
    expect((await failure(clientFor(down).me())).kind).toBe('unreachable');
    const html = (async () => fakeResponse(502, '<html>bad gateway</html>')) as typeof fetch;
    const err = await failure(clientFor(html).me());
    expect(err.kind).toBe('server');
    expect(err.code).toBeNull();
  });

  it('sends If-Match with the rule ETag on update and delete, and strips etag from the body', async () => {
    const rule = apiRule({ id: 'r_x' });
    const server = new FakeRulesServer({ rules: [rule] });
    const client = clientFor(server.fetch);
    const updated = await client.updateRule({ ...rule, name: 'Renamed' });
    expect(server.requests[0]!.headers['If-Match']).toBe(rule.etag);
    expect(server.requests[0]!.body).not.toHaveProperty('etag');
    await client.deleteRule(updated);
    expect(server.requests[1]!.headers['If-Match']).toBe(updated.etag);
  });

  it('a stale ETag is a precondition_failed error, and nothing changes', async () => {
    const rule = apiRule({ id: 'r_x', name: 'Original' });
    const server = new FakeRulesServer({ rules: [rule] });
    server.changeElsewhere('r_x');
    const err = await failure(clientFor(server.fetch).updateRule({ ...rule, name: 'Mine' }));
    expect(err.kind).toBe('precondition_failed');
    expect(server.rules[0]!.name).toBe('Original');
  });

  it('follows continuation tokens until the list is complete', async () => {
    const pages: Record<string, unknown> = {
      '': { items: [apiRule({ id: 'r_1' })], continuationToken: 'p2' },
      p2: { items: [apiRule({ id: 'r_2' })] },
    };
    const seen: string[] = [];
    const fetchImpl = (async (url: string) => {
      const token = new URL(url).searchParams.get('continuationToken') ?? '';
      seen.push(token);
      return fakeResponse(200, JSON.stringify(pages[token]));
    }) as unknown as typeof fetch;
    const rules = await clientFor(fetchImpl).listRules('personal');
    expect(rules.map((r) => r.id)).toEqual(['r_1', 'r_2']);
    expect(seen).toEqual(['', 'p2']);
  });

  it('tells the account when the API refuses the token (401), and only then', async () => {
    const told: string[] = [];
    const client = (status: number) =>
      new CalSyncApiClient({
        baseUrl: '',
        getAccessToken: async () => 'tok',
        onUnauthorized: () => told.push(String(status)),
        fetchImpl: (async () => fakeResponse(status, '{}')) as unknown as typeof fetch,
      });
    await failure(client(403).me());
    await failure(client(500).me());
    expect(told).toEqual([]);
    await failure(client(401).me());
    expect(told).toEqual(['401']);
  });

  it('names what a failed request was about, so a 412 on settings is not worded as a rule conflict', async () => {
    const server = new FakeRulesServer();
    server.changeSettingsElsewhere();
    const settingsErr = await failure(clientFor(server.fetch).putSettings({ ...(await clientFor(server.fetch).getSettings()), etag: '"s1"' }));
    expect({ kind: settingsErr.kind, resource: settingsErr.resource }).toEqual({ kind: 'precondition_failed', resource: 'settings' });
    expect(describeApiError(settingsErr)).toContain('organisation settings were changed elsewhere');
    const rule = apiRule({ id: 'r_x' });
    const rules = new FakeRulesServer({ rules: [rule] });
    rules.changeElsewhere('r_x');
    const ruleErr = await failure(clientFor(rules.fetch).updateRule(rule));
    expect(ruleErr.resource).toBe('rule');
    expect(describeApiError(ruleErr)).toContain('This rule was changed elsewhere');
  });

  it('reads the audit log a page at a time', async () => {
    const seen: string[] = [];
    const fetchImpl = (async (url: string) => {
      seen.push(url);
      return fakeResponse(200, JSON.stringify({ items: [], continuationToken: 'next' }));
    }) as unknown as typeof fetch;
    await expect(adminApi(clientFor(fetchImpl)).audit()).resolves.toEqual({ items: [], continuationToken: 'next' });
    await adminApi(clientFor(fetchImpl)).audit('a/b');
    expect(seen).toEqual(['https://api.test/api/audit', 'https://api.test/api/audit?continuationToken=a%2Fb']);
  });
});
