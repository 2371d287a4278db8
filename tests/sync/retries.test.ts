/** Retries are the sync's own, counted once: top-level 503s and resets, and inner 429s inside a $batch, all scripted. */
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
    // Scripted, not drawn: the round's first four requests fail, so exactly four are retried.
    h.sandbox.faults.script(
      { kind: 'status', status: 503, retryAfterSeconds: 0, match: { level: 'top' }, times: 2 },
      { kind: 'reset', match: { level: 'top' }, times: 2 },
    );
    const before = h.sandbox.accounting.snapshot();
    const report = await h.round(ADA);
    const after = h.sandbox.accounting.snapshot();
    expect(h.sandbox.faults.scriptedLeft()).toBe(0);
    const faults = after.faults503 - before.faults503 + after.connectionResets - before.connectionResets;
    expect(faults).toBe(4);
    // Every request the sandbox saw is one the sync counted: no hidden retries underneath.
    expect(after.totalRequests - before.totalRequests).toBe(report.requests);
    expect(report.retries).toBe(4);
    expect(report).toMatchObject({ committed: true, patches: 1 });
    expect(categoriesOf(h.sandbox, ADA, 'Customer lunch')).toEqual(['Customer']);
  });

  test('inner 429s are resent (after Retry-After, or backoff without one), and each event is written once', async () => {
    for (const s of ['Customer kickoff', 'Focus block', 'Dentist', 'Partner sync', 'Customer lunch']) editEvent(h.sandbox, ADA, s, { subject: `${s} review` });
    h.rules = [
      ...teamRules(),
      {
        ...teamRules()[0]!,
        id: 'r_review',
        then: { category: 'Review', color: 'preset3', stop: false },
        when: { field: 'subject', op: 'contains', value: 'review' },
      },
    ];
    await h.round(ADA); // config changed: full round, master categories checked
    for (const s of ['Customer kickoff review', 'Focus block review', 'Dentist review', 'Partner sync review'])
      editEvent(h.sandbox, ADA, s, { subject: s.replace(' review', '') });
    // The first two inner PATCHes are throttled (one with Retry-After, one without); the rest of their chain
    // answers 424 and is sent again, but no event is written twice.
    h.sandbox.faults.script(
      { kind: 'status', status: 429, retryAfterSeconds: 0, match: { level: 'inner', method: 'PATCH' } },
      { kind: 'status', status: 429, match: { level: 'inner', method: 'PATCH' } },
    );
    const before = h.sandbox.accounting.snapshot();
    const report = await h.round(ADA);
    const after = h.sandbox.accounting.snapshot();
    expect(h.sandbox.faults.scriptedLeft()).toBe(0);
    expect(after.throttled429 - before.throttled429).toBe(2);
    expect(report.retries).toBeGreaterThanOrEqual(2);
    expect(report).toMatchObject({ committed: true, failed: 0, stamped: 4 });
    const patched = (snap: typeof before) => snap.byMailbox[ADA]?.patchesByEventId ?? {};
    const written = Object.entries(patched(after)).filter(([id, n]) => n !== (patched(before)[id] ?? 0));
    expect(written.map(([id, n]) => n - (patched(before)[id] ?? 0))).toEqual([1, 1, 1, 1]);
    expect(categoriesOf(h.sandbox, ADA, 'Customer kickoff')).toEqual(['Customer']);
    expect(categoriesOf(h.sandbox, ADA, 'Dentist')).toEqual(['Personal']);
  });
});
