/**
 * 20% of requests fail (503 with Retry-After, connection resets, and 429s from a tight request budget that
 * also hits inner batch requests): the rounds end in the same per-event state as a clean run.
 */
import { startSyncHarness, type SyncHarness } from './support/harness';
import { ADA, BO, editEvent, finalState, removeEvent, teamDocument, teamRules } from './support/team';
import type { RoundReport } from '../../server/sync/round-report';

async function roundUntilCommitted(h: SyncHarness, mailbox: string): Promise<RoundReport[]> {
  const reports: RoundReport[] = [];
  for (let i = 0; i < 6; i++) {
    try {
      const r = await h.round(mailbox);
      reports.push(r);
      if (r.committed) return reports;
    } catch {
      // A round that gave up (every retry failed) leaves state as it was; the next one replays the changes.
    }
  }
  throw new Error(`round for ${mailbox} never committed`);
}

async function scenario(h: SyncHarness): Promise<RoundReport[]> {
  const reports: RoundReport[] = [];
  for (const m of [ADA, BO]) reports.push(...(await roundUntilCommitted(h, m)));
  editEvent(h.sandbox, ADA, 'Lunch', { subject: 'Customer lunch' });
  editEvent(h.sandbox, ADA, 'Focus block', { categories: ['Personal'] });
  removeEvent(h.sandbox, ADA, 'Old customer call');
  editEvent(h.sandbox, BO, 'Team standup', { subject: 'Team focus standup' });
  for (const m of [ADA, BO]) reports.push(...(await roundUntilCommitted(h, m)));
  h.rules = teamRules().filter((r) => r.id !== 'r_series');
  for (const m of [ADA, BO]) reports.push(...(await roundUntilCommitted(h, m)));
  for (const m of [ADA, BO]) reports.push(...(await roundUntilCommitted(h, m)));
  return reports;
}

describe('injected faults', () => {
  test('20% 429/503/resets end in the same final state as a clean run, within the concurrency limit', async () => {
    const clean = await startSyncHarness({ document: teamDocument(), rules: teamRules() });
    const faulty = await startSyncHarness({
      document: teamDocument(),
      rules: teamRules(),
      sandbox: {
        faults: { seed: 20260101, serviceUnavailableRate: 0.1, connectionResetRate: 0.1, serviceUnavailableRetryAfterSeconds: 0 },
        // A budget of 12 requests per 200 ms per mailbox: bursts (batches count each inner request) get 429.
        limits: { requestsPerWindow: 12, windowMs: 200 },
      },
    });
    try {
      await scenario(clean);
      const reports = await scenario(faulty);
      expect(finalState(faulty.sandbox)).toEqual(finalState(clean.sandbox));
      const snap = faulty.sandbox.accounting.snapshot();
      // The faults really happened, and were retried.
      expect(snap.faults503).toBeGreaterThan(0);
      expect(snap.connectionResets).toBeGreaterThan(0);
      expect(snap.throttled429).toBeGreaterThan(0);
      expect(reports.reduce((n, r) => n + r.retries, 0)).toBeGreaterThan(0);
      expect(Math.max(...Object.values(snap.maxConcurrencyByMailbox))).toBeLessThanOrEqual(4);
      // And the last round of each mailbox is quiet: no loops after recovery.
      faulty.sandbox.faults.configure({ serviceUnavailableRate: 0, connectionResetRate: 0 });
      faulty.sandbox.limits.configure({ requestsPerWindow: 10_000, windowMs: 600_000 });
      for (const m of [ADA, BO]) expect((await faulty.round(m)).patches).toBe(0);
    } finally {
      await clean.close();
      await faulty.close();
    }
  }, 90_000);
});
