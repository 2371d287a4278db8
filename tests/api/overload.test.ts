/**
 * Overload is shed, not timed out: every /api request has a deadline, a request that finds too much work in
 * progress (or the event loop running late) is refused at once with 503 overloaded and Retry-After, and the probes
 * are never shed. Store stubs that stall (until the test lets them go, or until the request's deadline has passed)
 * stand in for a slow store; the tests wait on the stub being entered, on the deadline's signal and on the log
 * line of the late failure, never on time.
 */
import { Writable } from 'node:stream';
import pino from 'pino';
import request from 'supertest';
import { currentDeadline } from '../../server/store/deadline';
import type { Stores } from '../../server/store/types';
import { startTestApi, type TestApi, type TestApiOptions } from '../support/app';
import { personalDraft } from '../support/rules';
import { USERS } from '../support/tokens';

/** A store method that stalls: `entered` resolves each time it is called, and nothing returns until `release()`. */
function stall<A extends unknown[], R>(real: (...args: A) => Promise<R>) {
  let release!: () => void;
  const released = new Promise<void>((r) => (release = r));
  const calls: A[] = [];
  const waiters: { count: number; resolve: () => void }[] = [];
  const fn = async (...args: A): Promise<R> => {
    calls.push(args);
    for (const w of waiters.filter((x) => calls.length >= x.count)) w.resolve();
    await released;
    return real(...args);
  };
  const entered = (count: number) => new Promise<void>((resolve) => (calls.length >= count ? resolve() : waiters.push({ count, resolve })));
  return { fn, release, entered, calls };
}

/** Resolves once the deadline of the request this runs for has passed (at once when there is none left). */
function pastTheDeadline(): Promise<void> {
  const deadline = currentDeadline();
  return new Promise((resolve) => {
    if (!deadline || deadline.signal.aborted) resolve();
    else deadline.signal.addEventListener('abort', () => resolve(), { once: true });
  });
}

/** A logger whose lines the test can wait for by message. */
function watchedLogger() {
  const seen: string[] = [];
  const waiters: { msg: string; resolve: () => void }[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      const msg = (JSON.parse(chunk.toString('utf8')) as { msg?: string }).msg ?? '';
      seen.push(msg);
      for (const w of waiters.filter((x) => x.msg === msg)) w.resolve();
      done();
    },
  });
  const logger = pino({ level: 'debug' }, stream);
  const logged = (msg: string) => new Promise<void>((resolve) => (seen.includes(msg) ? resolve() : waiters.push({ msg, resolve })));
  return { logger, logged };
}

let api: TestApi | undefined;
afterEach(async () => {
  await api?.close();
  api = undefined;
});

async function start(options: TestApiOptions): Promise<TestApi> {
  api = await startTestApi('sqlite', { httpLogging: false, ...options });
  return api;
}

const listAllOf = (stores: Stores) => stores.rules.listAll.bind(stores.rules);
const listOf = (stores: Stores) => stores.rules.list.bind(stores.rules);

test('a request whose store call outlasts its deadline is answered 503 deadline_exceeded with Retry-After, and the write after it never starts', async () => {
  const { logger, logged } = watchedLogger();
  const t = await start({ logger, overload: { requestDeadlineMs: 1000 } });
  // The read stalls until the request's own deadline has passed (an event: its signal aborts), then answers.
  const listAll = listAllOf(t.stores);
  let reads = 0;
  t.stores.rules.listAll = async (...args) => {
    reads++;
    await pastTheDeadline();
    return listAll(...args);
  };
  const creates: unknown[] = [];
  const create = t.stores.rules.create.bind(t.stores.rules);
  t.stores.rules.create = (...args) => {
    creates.push(args);
    return create(...args);
  };
  const alice = await t.as('aliceA');
  // The signing keys fetched once, so the request reaches its store read well within its deadline.
  expect((await alice.get('/api/me')).status).toBe(200);

  const res = await alice.post('/api/rules').send(personalDraft());
  expect(res.status).toBe(503);
  expect(res.body).toMatchObject({ code: 'deadline_exceeded' });
  expect(res.headers['retry-after']).toBe('1');

  // The route goes on past the deadline, meets it at its next store call, and that failure is dropped (logged)
  // rather than answered twice. No rule is created for a client that was told 503.
  await logged('failed after the deadline answer');
  // The request was in the stalled read when its deadline passed (not refused before the route began).
  expect(reads).toBe(1);
  expect(creates).toHaveLength(0);
  t.stores.rules.listAll = listAll;
  expect(await t.stores.rules.listAll({ tenantId: USERS.aliceA.tid, scope: 'personal', ownerId: USERS.aliceA.oid })).toEqual([]);
});

test('with maxInFlight requests stalled, the next /api request is refused 503 overloaded with Retry-After; the probes still answer; after release all is served', async () => {
  const t = await start({ overload: { maxInFlight: 2, requestDeadlineMs: 600_000 } });
  const list = stall(listOf(t.stores));
  t.stores.rules.list = list.fn;
  const alice = await t.as('aliceA');

  // One store call each (a page of the personal set).
  const stalled = [alice.get('/api/rules?scope=personal'), alice.get('/api/rules?scope=personal')].map((r) => r.then((x) => x));
  await list.entered(2);

  // /api/me touches no store: only admission can refuse it.
  const refused = await alice.get('/api/me');
  expect(refused.status).toBe(503);
  expect(refused.body).toMatchObject({ code: 'overloaded' });
  expect(refused.headers['retry-after']).toBe('1');
  expect((await request(t.app).get('/healthz')).status).toBe(200);
  expect((await request(t.app).get('/readyz')).status).toBe(200);

  list.release();
  expect((await Promise.all(stalled)).map((r) => r.status)).toEqual([200, 200]);
  expect((await alice.get('/api/me')).status).toBe(200);
});

test('while the event loop runs later than the limit, /api requests are refused 503 overloaded; the probes are not', async () => {
  let delayMs = 0;
  const t = await start({ overload: { maxEventLoopDelayMs: 500, eventLoopDelayMs: () => delayMs } });
  const alice = await t.as('aliceA');
  expect((await alice.get('/api/me')).status).toBe(200);

  delayMs = 501;
  const refused = await alice.get('/api/me');
  expect(refused.status).toBe(503);
  expect(refused.body).toMatchObject({ code: 'overloaded' });
  expect(refused.headers['retry-after']).toBe('1');
  expect((await request(t.app).get('/healthz')).status).toBe(200);

  delayMs = 500;
  expect((await alice.get('/api/me')).status).toBe(200);
});

test('a refused request is not counted in flight: after a burst of refusals one request still gets in', async () => {
  const t = await start({ overload: { maxInFlight: 1, requestDeadlineMs: 600_000 } });
  const list = stall(listOf(t.stores));
  t.stores.rules.list = list.fn;
  const alice = await t.as('aliceA');
  const first = alice.get('/api/rules?scope=personal').then((x) => x);
  await list.entered(1);
  for (let i = 0; i < 5; i++) expect((await alice.get('/api/me')).status).toBe(503);
  list.release();
  expect((await first).status).toBe(200);
  expect((await alice.get('/api/me')).status).toBe(200);
});
