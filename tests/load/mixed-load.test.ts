/** The short version of `npm run bench:load`: mixed reads, writes and previews under concurrency, on each store. */
import { STORE_KINDS } from '../support/stores';
import { runMixedLoad } from './support/mixed-workload';
import { startLoadTarget, type LoadTarget } from './support/load-target';

describe.each(STORE_KINDS)('mixed load on the %s store', (kind) => {
  let target: LoadTarget;
  beforeAll(async () => {
    target = await startLoadTarget(kind, 20);
  });
  afterAll(() => target.close());

  test('20 connections for 3 s: every response is the expected one, nothing is lost', async () => {
    const result = await runMixedLoad({ baseUrl: target.baseUrl, authHeaders: target.authHeaders, connections: 20, durationSec: 3 });
    expect({ unexpected: result.unexpected, errors: result.errors, timeouts: result.timeouts }).toEqual({ unexpected: 0, errors: 0, timeouts: 0 });
    // Every step of the loop ran: created, deleted, and the deliberate bad body refused.
    for (const status of ['200', '201', '204', '400']) expect(result.byStatus[status]).toBeGreaterThan(0);
  }, 60_000);
});
