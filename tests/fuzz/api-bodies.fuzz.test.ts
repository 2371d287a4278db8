/**
 * Fuzzing every endpoint's body and query: whatever arrives, the API answers 2xx or 4xx, never 5xx; a 4xx
 * leaves the store as it was; nothing pollutes Object.prototype. Seeded; FUZZ_RUNS sets the case count
 * (2,000 in `npm test`, 10,000 in `npm run test:long`, more on demand: FUZZ_RUNS=100000 npx jest tests/fuzz).
 */
import fc from 'fast-check';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startTestApi, type TestApi } from '../support/app';
import { orgDraft, personalDraft } from '../support/rules';
import { hostileJsonText, mutate, PATHOLOGICAL_REGEXES } from './support/hostile-json';

const RUNS = Number(process.env.FUZZ_RUNS ?? 2_000);
const SEED = Number(process.env.FUZZ_SEED ?? 20261124);

interface Case {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  path: string;
  body?: string;
  ifMatch?: string;
  contentType?: string;
}

const previewBase = {
  events: [
    {
      id: 'e1',
      subject: 'a'.repeat(2000) + '!',
      start: { dateTime: '2026-11-24T09:00:00', timeZone: 'UTC' },
      end: { dateTime: '2026-11-24T10:00:00', timeZone: 'UTC' },
      attendees: [],
    },
  ],
  rules: [{ name: 'p', scope: 'personal', when: { field: 'subject', op: 'matches', value: '(a+)+$' }, then: { category: 'P', color: 'preset1' } }],
};
const settingsBase = { internalDomains: ['contoso.com'], enrolledMailboxes: 'all', syncWindowDays: { past: 30, future: 365 }, orgRulesLocked: false };

const queryValue = fc.oneof(
  fc.constantFrom('org', 'personal', 'effective', '', '__proto__', 'x'.repeat(3000), '%00', '%E0%A4%A'),
  fc.string({ maxLength: 12 }).map(encodeURIComponent),
);

function caseArb(ids: () => string[]): fc.Arbitrary<Case> {
  const id = fc.oneof(
    fc.constantFrom(...['r_missing', '__proto__', 'constructor', '..%2F..', 'r_' + 'x'.repeat(200)]),
    fc.nat().map((n) => ids()[n % Math.max(1, ids().length)] ?? 'r_none'),
  );
  const etag = fc.constantFrom('"stale"', '*', '', 'W/"x"', '"' + 'e'.repeat(1000) + '"');
  const ruleDoc = fc.constantFrom(
    personalDraft(),
    orgDraft(),
    personalDraft({ when: { all: [{ field: 'subject', op: 'matches', value: PATHOLOGICAL_REGEXES[0] }] } }),
  );
  const mutated = <T>(base: fc.Arbitrary<T>) => fc.tuple(base, fc.nat(), hostileJsonText).map(([doc, at, text]) => mutate(doc, at, text));
  const body = <T>(base: fc.Arbitrary<T>) => fc.oneof(mutated(base), hostileJsonText);
  return fc.oneof(
    body(ruleDoc).map((b): Case => ({ method: 'POST', path: '/api/rules', body: b })),
    fc.tuple(id, etag, body(ruleDoc)).map(([i, e, b]): Case => ({ method: 'PUT', path: `/api/rules/${i}`, body: b, ifMatch: e })),
    fc.tuple(id, etag).map(([i, e]): Case => ({ method: 'DELETE', path: `/api/rules/${i}`, ifMatch: e })),
    body(fc.constant({ scope: 'personal', ids: ['r_a', 'r_b'] })).map((b): Case => ({ method: 'PUT', path: '/api/rules/order', body: b })),
    body(fc.constant(previewBase)).map((b): Case => ({ method: 'POST', path: '/api/preview', body: b })),
    fc.tuple(etag, body(fc.constant(settingsBase))).map(([e, b]): Case => ({ method: 'PUT', path: '/api/settings', body: b, ifMatch: e })),
    body(fc.constant({ scope: 'personal', rules: [personalDraft()] })).map((b): Case => ({ method: 'POST', path: '/api/import', body: b })),
    fc
      .tuple(fc.constantFrom('/api/rules', '/api/export', '/api/audit', '/api/me'), queryValue, queryValue)
      .map(([p, a, b]): Case => ({ method: 'GET', path: `${p}?scope=${a}&continuationToken=${b}&limit=${b}` })),
    fc
      .tuple(hostileJsonText, fc.constantFrom('text/plain', 'application/x-www-form-urlencoded', 'application/json; charset=utf-16', ''))
      .map(([b, ct]): Case => ({ method: 'POST', path: '/api/rules', body: b, contentType: ct })),
  );
}

describe('fuzzing request bodies and queries (SQLite store)', () => {
  let api: TestApi;
  let server: Server;
  let base: string;
  let auth: { admin: string; user: string };
  const ruleIds: string[] = [];

  beforeAll(async () => {
    api = await startTestApi('sqlite');
    server = api.app.listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    auth = { admin: await api.tokens.header('adminA'), user: await api.tokens.header('aliceA') };
    for (let i = 0; i < 3; i++) ruleIds.push((await api.createRule('aliceA', personalDraft())).id, (await api.createRule('adminA', orgDraft())).id);
  });
  afterAll(async () => {
    await new Promise((r) => server.close(r));
    await api.close();
  });

  test(`${RUNS} seeded cases: never a 5xx, a 4xx changes nothing, no prototype pollution`, async () => {
    const prototypeKeys = Object.getOwnPropertyNames(Object.prototype).sort();
    const statuses = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(
        caseArb(() => ruleIds),
        fc.boolean(),
        async (c, asAdmin) => {
          const writes = c.method !== 'GET';
          const before = writes ? JSON.stringify(await api.snapshot()) : '';
          const headers: Record<string, string> = { Authorization: asAdmin ? auth.admin : auth.user };
          if (c.body !== undefined) headers['Content-Type'] = c.contentType ?? 'application/json';
          if (c.ifMatch !== undefined) headers['If-Match'] = c.ifMatch;
          const res = await fetch(base + c.path, { method: c.method, headers, body: c.body });
          const text = await res.text();
          statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
          if (res.status >= 500) throw new Error(`${c.method} ${c.path} → ${res.status} ${text.slice(0, 300)}\nbody: ${(c.body ?? '').slice(0, 300)}`);
          if (res.status >= 400 && writes) expect(JSON.stringify(await api.snapshot())).toBe(before);
          if (res.status >= 400) expect(JSON.parse(text)).toEqual(expect.objectContaining({ code: expect.any(String), details: expect.any(Array) }));
          expect(({} as Record<string, unknown>).polluted).toBeUndefined();
          expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(prototypeKeys);
        },
      ),
      { seed: SEED, numRuns: RUNS, endOnFailure: true },
    );
    if (process.env.FUZZ_VERBOSE) console.log(JSON.stringify(Object.fromEntries([...statuses].sort((a, b) => a[0] - b[0]))));
    // The run must have reached both sides of the API, not only its front door.
    const count = (lo: number, hi: number) => [...statuses].filter(([s]) => s >= lo && s < hi).reduce((n, [, k]) => n + k, 0);
    expect(count(200, 300)).toBeGreaterThan(RUNS / 100);
    expect(count(400, 500)).toBeGreaterThan(RUNS / 10);
  }, 600_000);
});
