/**
 * Never more than 4 requests in flight per mailbox: the sandbox (like Graph) answers 429 beyond that, counting
 * each inner request of a $batch that runs at once. With latency so requests overlap, and several mailboxes
 * at once, the sandbox sees at most 4 per mailbox and refuses none.
 */
import type { SeedDocument } from '../../graph-sandbox/src/index';
import { startSyncHarness } from './support/harness';
import { at, teamRules } from './support/team';

function busyTeam(mailboxes: number, events: number): SeedDocument {
  const users = Array.from({ length: mailboxes }, (_, i) => ({ userPrincipalName: `u${i}@contoso.com`, displayName: `User ${i}` }));
  const subjects = ['Customer call', 'Focus time', 'Planning'];
  return {
    users,
    events: users.flatMap((u) =>
      Array.from({ length: events }, (_, e) => ({
        organizer: u.userPrincipalName,
        subject: `${subjects[e % 3]} ${e}`,
        start: { dateTime: at(e % 20, 9), timeZone: 'UTC' },
        end: { dateTime: at(e % 20, 10), timeZone: 'UTC' },
      })),
    ),
  } as SeedDocument;
}

describe('concurrency with sequential batches', () => {
  test('at most 4 in flight per mailbox, zero 429s, every event stamped', async () => {
    const h = await startSyncHarness({
      document: busyTeam(3, 180),
      rules: teamRules(),
      tuning: { pageSize: 50 },
      // Latency well above a loaded machine's event-loop stalls, so 4 requests sent together are 4 in flight there too.
      sandbox: { faults: { latencyMs: 60, latencyJitterMs: 20, seed: 3 } },
    });
    try {
      const reports = await Promise.all(['u0', 'u1', 'u2'].map((u) => h.round(`${u}@contoso.com`)));
      for (const r of reports) expect(r).toMatchObject({ stamped: 120, failed: 0, committed: true });
      const snap = h.sandbox.accounting.snapshot();
      expect(snap.throttled429).toBe(0);
      for (const m of ['u0', 'u1', 'u2']) {
        expect(snap.maxConcurrencyByMailbox[`${m}@contoso.com`]).toBeLessThanOrEqual(4);
        expect(h.gates.for(`${m}@contoso.com`).maxSeen).toBeLessThanOrEqual(4);
      }
      // The limit was actually reached (the test would notice a sync that never overlaps requests).
      expect(h.gates.maxSeen).toBe(4);
      expect(snap.maxConcurrencySeen).toBe(4);
      // 120 PATCHes per mailbox in batches of 20: 6 batches each.
      expect(snap.batches).toBe(18);
    } finally {
      await h.close();
    }
  });
});
