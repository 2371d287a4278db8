/** The short version of `npm run bench:load`: mixed reads, writes and previews under concurrency, on each store. */
import { STORE_KINDS } from '../support/stores';
import { runMixedLoad } from './support/mixed-workload';
import { startLoadTarget, type LoadTarget } from './support/load-target';

describe.each(STORE_KINDS)('mixed load on the %s store', (kind) => {
  let target: LoadTarget;
  beforeAll(async () => {
    // Counted, not timed: every answer must be the route's own however loaded the machine, so nothing is shed or
    // cut short here (tests/api/overload.test.ts covers shedding; bench:load measures it).
    target = await startLoadTarget(kind, 20, undefined, { requestDeadlineMs: 600_000, maxEventLoopDelayMs: 600_000 });
  });
  afterAll(() => target.close());

  test('20 connections, one whole loop each: every response is the expected one, nothing is lost', async () => {
    const connections = 20;
    const loops = 1;
    const result = await runMixedLoad({ baseUrl: target.baseUrl, authHeaders: target.authHeaders, connections, loopsPerConnection: loops });
    expect({ unexpected: result.unexpected, errors: result.errors, timeouts: result.timeouts, shed: result.shed }).toEqual({
      unexpected: 0,
      errors: 0,
      timeouts: 0,
      shed: 0,
    });
    // Bounded by count, not by seconds: every step of every loop ran once — created, deleted, the bad body refused.
    const perStep = connections * loops;
    expect({ created: result.byStatus['201'], deleted: result.byStatus['204'], refused: result.byStatus['400'] }).toEqual({
      created: perStep,
      deleted: perStep,
      refused: perStep,
    });
    expect(result.requests).toBe(perStep * 7);
  }, 120_000);
});
