/**
 * Faults scripted per request (never drawn at random): 503s, dropped connections and 429s with and without
 * Retry-After at the top level, and 429/503 inside $batch. Every round still commits, and the rounds end in the
 * same per-event state as a clean run.
 */
import type { ScriptedFault } from '../../graph-sandbox/src/index';
import { startSyncHarness, type SyncHarness } from './support/harness';
import { ADA, BO, editEvent, finalState, removeEvent, teamDocument, teamRules } from './support/team';
import type { RoundReport } from '../../server/sync/round-report';

/** Met by the first six top-level requests of a phase: each is retried, so they land on one call's attempts. */
const topLevel: ScriptedFault[] = [
  { kind: 'status', status: 503, retryAfterSeconds: 0, match: { level: 'top' } },
  { kind: 'reset', match: { level: 'top' }, times: 2 },
  { kind: 'status', status: 429, match: { level: 'top' } },
  { kind: 'status', status: 429, retryAfterSeconds: 0, match: { level: 'top' } },
  { kind: 'status', status: 503, match: { level: 'top' } },
];
/** Met by the first inner PATCHes of the first sync (it writes more than four events). */
const inner: ScriptedFault[] = [
  { kind: 'status', status: 429, match: { level: 'inner', method: 'PATCH' }, times: 2 },
  { kind: 'status', status: 503, retryAfterSeconds: 0, match: { level: 'inner', method: 'PATCH' } },
  { kind: 'status', status: 429, retryAfterSeconds: 0, match: { level: 'inner', method: 'PATCH' } },
];
const PHASES = 4;

async function roundsOf(h: SyncHarness, script: (phase: number) => void): Promise<RoundReport[]> {
  const reports: RoundReport[] = [];
  const phase = async (n: number): Promise<void> => {
    script(n);
    for (const m of [ADA, BO]) reports.push(await h.round(m));
  };
  await phase(0);
  editEvent(h.sandbox, ADA, 'Lunch', { subject: 'Customer lunch' });
  editEvent(h.sandbox, ADA, 'Focus block', { categories: ['Personal'] });
  removeEvent(h.sandbox, ADA, 'Old customer call');
  editEvent(h.sandbox, BO, 'Team standup', { subject: 'Team focus standup' });
  await phase(1);
  h.rules = teamRules().filter((r) => r.id !== 'r_series');
  await phase(2);
  await phase(3);
  return reports;
}

describe('injected faults', () => {
  test('scripted 429/503/resets, at the top level and inside batches, end in the same final state as a clean run', async () => {
    const clean = await startSyncHarness({ document: teamDocument(), rules: teamRules() });
    const faulty = await startSyncHarness({ document: teamDocument(), rules: teamRules() });
    try {
      await roundsOf(clean, () => undefined);
      const reports = await roundsOf(faulty, (phase) => {
        faulty.sandbox.faults.script(...topLevel);
        if (phase === 0) faulty.sandbox.faults.script(...inner);
      });
      expect(faulty.sandbox.faults.scriptedLeft()).toBe(0);
      expect(reports.map((r) => r.committed)).toEqual(Array(PHASES * 2).fill(true));
      expect(finalState(faulty.sandbox)).toEqual(finalState(clean.sandbox));
      const snap = faulty.sandbox.accounting.snapshot();
      expect({ faults503: snap.faults503, connectionResets: snap.connectionResets, throttled429: snap.throttled429 }).toEqual({
        faults503: 2 * PHASES + 1,
        connectionResets: 2 * PHASES,
        throttled429: 2 * PHASES + 3,
      });
      // Each fault was sent again (an inner one may take the rest of its dependsOn chain with it).
      expect(reports.reduce((n, r) => n + r.retries, 0)).toBeGreaterThanOrEqual(6 * PHASES + 4);
      expect(Math.max(...Object.values(snap.maxConcurrencyByMailbox))).toBeLessThanOrEqual(4);
      // And the last round of each mailbox is quiet: no loops after recovery.
      for (const m of [ADA, BO]) expect((await faulty.round(m)).patches).toBe(0);
    } finally {
      await clean.close();
      await faulty.close();
    }
  }, 90_000);
});
