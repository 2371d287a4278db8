/**
 * A mixed API workload for autocannon: each connection acts as its own user and loops through
 * read effective rules → create → preview → update → read → delete, plus one deliberately invalid
 * create. A response counts as unexpected unless it is what that step should get (2xx, or 400 for the
 * invalid one); transport errors and timeouts are unexpected too. A 503 with Retry-After is the API shedding load
 * as it should (docs/API.md): counted apart (`shed`), never as unexpected, and the steps of that loop that need
 * what the shed step would have made (the created rule's id, its fresh ETag) are skipped: autocannon starts the
 * loop over when a step's setupRequest returns null.
 */
import autocannon from 'autocannon';

export interface LoadResult {
  requests: number;
  unexpected: number;
  /** 503s with Retry-After: load the API shed on purpose. */
  shed: number;
  byStatus: Record<string, number>;
  errors: number;
  timeouts: number;
  p50Ms: number;
  p99Ms: number;
  rps: number;
}

interface Ctx {
  auth?: string;
  id?: string;
  etag?: string;
  /** A step that changes the rule was shed: its ETag (or, for the create, the rule) is not known. */
  unsure?: boolean;
}

const previewEvents = Array.from({ length: 20 }, (_, i) => ({
  id: `e${i}`,
  subject: i % 3 === 0 ? 'Contract review with Fabrikam' : 'Weekly sync',
  start: { dateTime: `2026-11-${String(10 + (i % 15)).padStart(2, '0')}T09:00:00`, timeZone: 'UTC' },
  end: { dateTime: `2026-11-${String(10 + (i % 15)).padStart(2, '0')}T10:00:00`, timeZone: 'UTC' },
  organizer: { emailAddress: { address: 'ada@contoso.com' } },
  attendees: [{ type: 'required', emailAddress: { address: i % 2 ? 'lee@fabrikam.com' : 'bob@contoso.com' } }],
}));

const ruleBody = (n: number) =>
  JSON.stringify({
    name: `Load ${n}`,
    scope: 'personal',
    when: { field: 'subject', op: 'contains', value: `w${n}` },
    then: { category: `Load ${n % 7}`, color: 'preset3' },
  });

/**
 * How long to run: for a duration (the benchmark, which measures throughput), or a number of whole loops per
 * connection (the test, which must see every step run however slow the machine is).
 */
export type LoadLength = { durationSec: number } | { loopsPerConnection: number };

export function runMixedLoad(options: { baseUrl: string; authHeaders: string[]; connections: number } & LoadLength): Promise<LoadResult> {
  let nextUser = 0;
  let n = 0;
  const byStatus: Record<string, number> = {};
  let unexpected = 0;
  let shed = 0;
  /** Whether the answer was a shed one (503 with Retry-After); anything else is expected or unexpected. */
  const record = (status: number, headers: autocannon.Request['headers'], expected: (s: number) => boolean): boolean => {
    byStatus[status] = (byStatus[status] ?? 0) + 1;
    // autocannon keeps the header names as sent.
    if (status === 503 && headers !== undefined && Object.keys(headers).some((k) => k.toLowerCase() === 'retry-after')) {
      shed++;
      return true;
    }
    if (!expected(status)) unexpected++;
    return false;
  };
  const ok = (s: number) => s >= 200 && s < 300;
  const json = { 'Content-Type': 'application/json' };
  const withAuth = (req: autocannon.Request, ctx: Ctx, extra: Record<string, string> = {}): autocannon.Request => {
    ctx.auth ??= options.authHeaders[nextUser++ % options.authHeaders.length];
    return { ...req, headers: { ...req.headers, Authorization: ctx.auth!, ...extra } };
  };
  const capture = (status: number, body: string, ctx: Ctx) => {
    if (status >= 200 && status < 300) {
      const parsed = JSON.parse(body) as { id?: string; etag?: string };
      ctx.id = parsed.id ?? ctx.id;
      ctx.etag = parsed.etag ?? ctx.etag;
    }
  };

  // The context starts empty each loop (autocannon resets it), so a loop whose create was shed has no id.
  const needsRule = (ctx: Ctx) => ctx.id !== undefined;
  // What setupRequest returns to start the loop over (autocannon's documented falsy value; its types omit it).
  const restartLoop = null as unknown as autocannon.Request;
  const requests: autocannon.Request[] = [
    { method: 'GET', path: '/api/rules?scope=effective', setupRequest: (r, c) => withAuth(r, c as Ctx), onResponse: (s, _b, _c, h) => void record(s, h, ok) },
    {
      method: 'POST',
      path: '/api/rules',
      setupRequest: (r, c) => ({ ...withAuth(r, c as Ctx, json), body: ruleBody(++n) }),
      onResponse: (s, b, c, h) => {
        record(s, h, ok);
        capture(s, b, c as Ctx);
      },
    },
    {
      method: 'POST',
      path: '/api/preview',
      body: JSON.stringify({ events: previewEvents }),
      setupRequest: (r, c) => withAuth(r, c as Ctx, json),
      onResponse: (s, _b, _c, h) => void record(s, h, ok),
    },
    {
      method: 'PUT',
      setupRequest: (r, c) => {
        const ctx = c as Ctx;
        if (!needsRule(ctx)) return restartLoop;
        return { ...withAuth(r, ctx, { ...json, 'If-Match': ctx.etag ?? '"none"' }), path: `/api/rules/${ctx.id}`, body: ruleBody(++n) };
      },
      // A shed update may have been made (a deadline answer) or not: the ETag to send next is unknown.
      onResponse: (s, b, c, h) => {
        if (record(s, h, ok)) (c as Ctx).unsure = true;
        capture(s, b, c as Ctx);
      },
    },
    {
      method: 'GET',
      setupRequest: (r, c) => (needsRule(c as Ctx) ? { ...withAuth(r, c as Ctx), path: `/api/rules/${(c as Ctx).id}` } : restartLoop),
      // The read gives the current ETag, whatever happened to a shed update.
      onResponse: (s, b, c, h) => {
        if (!record(s, h, ok) && s === 200) {
          (c as Ctx).unsure = false;
          capture(s, b, c as Ctx);
        }
      },
    },
    {
      method: 'DELETE',
      setupRequest: (r, c) =>
        needsRule(c as Ctx) && !(c as Ctx).unsure
          ? { ...withAuth(r, c as Ctx, { 'If-Match': (c as Ctx).etag ?? '"none"' }), path: `/api/rules/${(c as Ctx).id}` }
          : restartLoop,
      onResponse: (s, _b, _c, h) => void record(s, h, ok),
    },
    // A bad body on purpose: the one 4xx the workload expects.
    {
      method: 'POST',
      path: '/api/rules',
      body: JSON.stringify({ name: '', scope: 'personal' }),
      setupRequest: (r, c) => withAuth(r, c as Ctx, json),
      onResponse: (s, _b, _c, h) => void record(s, h, (x) => x === 400),
    },
  ];

  return new Promise((resolve, reject) => {
    // autocannon gives each connection amount / connections requests, and each connection walks `requests` in
    // order, so an amount of connections × steps × loops is that many whole loops on every connection.
    const length =
      'durationSec' in options ? { duration: options.durationSec } : { amount: options.connections * requests.length * options.loopsPerConnection };
    // A request's timeout (s): the benchmark counts slow answers as timeouts; a counted run (the test) must see every
    // answer however loaded the machine is (CI saw 13 of 140 pass 10 s with two test runs on 2 cores).
    const timeout = 'durationSec' in options ? 10 : 120;
    autocannon({ url: options.baseUrl, connections: options.connections, ...length, requests, timeout }, (err, result) => {
      if (err) return reject(err);
      resolve({
        requests: result.requests.total,
        // autocannon counts a timeout in `errors` too: errors already hold every transport failure.
        unexpected: unexpected + result.errors,
        shed,
        byStatus,
        errors: result.errors,
        timeouts: result.timeouts,
        p50Ms: result.latency.p50,
        p99Ms: result.latency.p99,
        rps: Math.round(result.requests.average),
      });
    });
  });
}
