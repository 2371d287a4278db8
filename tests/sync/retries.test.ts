/** Retries are the sync's own, counted once: top-level 503s and resets, and inner 429s inside a $batch. */
import type { SyncHarness } from './support/harness';
import { syncedTeam } from './support/synced-team';
import { ADA, categoriesOf, editEvent, teamRules } from './support/team';

describe('retries', () => {
  let h: SyncHarness;
  beforeAll(async () => {
    h = await syncedTeam();
  });
  afterAll(() => h.close());

  test("top-level 503s and resets are retried by the sync alone (the Graph client's RetryHandler is off)", async () => {
    editEvent(h.sandbox, ADA, 'Lunch', { subject: 'Customer lunch' });
    h.sandbox.faults.configure({ seed: 7, serviceUnavailableRate: 0.4, connectionResetRate: 0.2, serviceUnavailableRetryAfterSeconds: 0 });
    const before = h.sandbox.accounting.snapshot();
    const report = await h.round(ADA);
    h.sandbox.faults.configure({ serviceUnavailableRate: 0, connectionResetRate: 0 });
    const after = h.sandbox.accounting.snapshot();
    const faults = after.faults503 - before.faults503 + after.connectionResets - before.connectionResets;
    expect(faults).toBeGreaterThan(0);
    // Every request the sandbox saw is one the sync counted: no hidden retries underneath.
    expect(after.totalRequests - before.totalRequests).toBe(report.requests);
    expect(report.retries).toBe(faults);
    expect(report).toMatchObject({ committed: true, patches: 1 });
    expect(categoriesOf(h.sandbox, ADA, 'Customer lunch')).toEqual(['Customer']);
  });

  test('inner 429s (request budget spent mid-batch) are resent after Retry-After, and only those', async () => {
    for (const s of ['Customer kickoff', 'Focus block', 'Dentist', 'Partner sync', 'Customer lunch']) editEvent(h.sandbox, ADA, s, { subject: `${s} review` });
    h.rules = [...teamRules(), { ...teamRules()[0]!, id: 'r_review', then: { category: 'Review', color: 'preset3', stop: false }, when: { field: 'subject', op: 'contains', value: 'review' } }];
    await h.round(ADA); // config changed: full round, master categories checked
    for (const s of ['Customer kickoff review', 'Focus block review', 'Dentist review', 'Partner sync review']) editEvent(h.sandbox, ADA, s, { subject: s.replace(' review', '') });
    // Two requests fit in the window: the delta call and the first inner PATCH; the rest of the batch gets 429.
    h.sandbox.limits.resetCounters();
    h.sandbox.limits.configure({ requestsPerWindow: 2, windowMs: 300 });
    const report = await h.round(ADA);
    h.sandbox.limits.configure({ requestsPerWindow: 10_000, windowMs: 600_000 });
    expect(report.retries).toBeGreaterThan(0);
    expect(report).toMatchObject({ committed: true, failed: 0, stamped: 4 });
    expect(h.sandbox.accounting.snapshot().throttled429).toBeGreaterThan(0);
    expect(categoriesOf(h.sandbox, ADA, 'Customer kickoff')).toEqual(['Customer']);
    expect(categoriesOf(h.sandbox, ADA, 'Dentist')).toEqual(['Personal']);
  });
});
