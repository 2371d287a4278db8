/**
 * Two workers (each with its own mailbox gates, like two processes) on one queue full of duplicate jobs: a worker
 * never has two rounds of one mailbox at once; the two workers may both read a mailbox (the lease is claimed by a
 * round's first write), but only one writes it — no event is written twice, and the result is a single worker's.
 */
import { MailboxGates } from '../../server/sync/mailbox-gate';
import { storeRulesLoader } from '../../server/sync/store-rules-loader';
import type { MailboxWorker } from '../../server/sync/mailbox-worker';
import { startSyncStack, type SyncStack } from './support/sync-stack';
import { ADA, BO, categoriesOf } from './support/team';

describe('two workers on one queue', () => {
  let s: SyncStack;
  beforeAll(async () => {
    s = await startSyncStack();
    // Rounds that take a while, so the workers' rounds would overlap without the lease.
    s.harness.sandbox.faults.configure({ latencyMs: 15 });
  });
  afterAll(() => s.close());

  test('duplicates for two mailboxes are worked one round at a time per mailbox', async () => {
    const active = new Map<string, number>();
    let maxOverlap = 0;
    const loadRules = storeRulesLoader(s.stores);
    const worker = (name: string): MailboxWorker =>
      s.worker({
        holder: name,
        round: {
          gates: new MailboxGates(),
          // Round start: the round loads its rules first, after the lease was opened.
          loadRules: async (tenantId, mailboxId) => {
            const n = (active.get(`${name}|${mailboxId}`) ?? 0) + 1;
            active.set(`${name}|${mailboxId}`, n);
            maxOverlap = Math.max(maxOverlap, n);
            return loadRules(tenantId, mailboxId);
          },
        },
        onJobDone: (o) => {
          s.outcomes.push(o);
          // A round that found the mailbox written by the other worker first ends as busy too (ranRound).
          const key = `${name}|${o.message.job.mailboxId}`;
          if (o.kind !== 'busy' || o.ranRound) active.set(key, (active.get(key) ?? 1) - 1);
        },
        busyRetryMs: 20,
        concurrency: 4,
      });
    for (let i = 0; i < 4; i++) {
      await s.queue.enqueue({ tenantId: s.tenantId, mailboxId: ADA, reason: 'schedule' });
      await s.queue.enqueue({ tenantId: s.tenantId, mailboxId: BO, reason: 'notification' });
    }
    const [a, b] = [worker('worker-a'), worker('worker-b')];
    a.start();
    b.start();
    // Bounded: a broken lease must fail the assertions below, not hang the test.
    for (let i = 0; i < 1_000 && s.outcomes.filter((o) => o.kind !== 'busy').length < 8; i++) await new Promise((r) => setTimeout(r, 10));
    await Promise.all([a.stop(), b.stop()]);

    expect(maxOverlap).toBe(1);
    expect(s.outcomes.filter((o) => o.kind === 'failed')).toEqual([]);
    const done = s.outcomes.filter((o) => o.kind === 'done');
    // Every job ran once (a busy one as its re-queued copy), and some found its mailbox leased by the other worker.
    expect(new Set(done.map((o) => o.message.id)).size).toBe(8);
    expect(s.outcomes.some((o) => o.kind === 'busy')).toBe(true);
    const counts = s.harness.sandbox.accounting.snapshot();
    for (const mailbox of [ADA, BO]) {
      expect(Object.values(counts.byMailbox[mailbox]!.patchesByEventId).every((n) => n === 1)).toBe(true);
      expect(counts.maxConcurrencyByMailbox[mailbox]).toBeLessThanOrEqual(4);
    }
    expect(done.reduce((sum, o) => sum + (o.kind === 'done' ? o.report.preconditionFailed : 0), 0)).toBe(0);
    expect(categoriesOf(s.harness.sandbox, ADA, 'Customer kickoff')).toEqual(['Customer']);
    expect(categoriesOf(s.harness.sandbox, BO, 'Focus on taxes')).toEqual(['Focus']);
  });

  test('two workers of one process (sharing roundsInProcess) never read one mailbox at once', async () => {
    s.outcomes.length = 0;
    const active = new Map<string, number>();
    let maxOverlap = 0;
    let rounds = 0;
    const loadRules = storeRulesLoader(s.stores);
    const roundsInProcess = new Set<string>();
    const worker = (name: string): MailboxWorker =>
      s.worker({
        holder: name,
        roundsInProcess,
        round: {
          gates: new MailboxGates(),
          loadRules: async (tenantId, mailboxId) => {
            rounds++;
            const n = (active.get(mailboxId) ?? 0) + 1;
            active.set(mailboxId, n);
            maxOverlap = Math.max(maxOverlap, n);
            return loadRules(tenantId, mailboxId);
          },
        },
        onJobDone: (o) => {
          s.outcomes.push(o);
          if (o.kind !== 'busy' || o.ranRound) active.set(o.message.job.mailboxId, (active.get(o.message.job.mailboxId) ?? 1) - 1);
        },
        busyRetryMs: 20,
        concurrency: 2,
      });
    for (let i = 0; i < 4; i++) await s.queue.enqueue({ tenantId: s.tenantId, mailboxId: ADA, reason: 'resync', full: true });
    const [a, b] = [worker('process-1-a'), worker('process-1-b')];
    a.start();
    b.start();
    for (let i = 0; i < 1_000 && s.outcomes.filter((o) => o.kind !== 'busy').length < 4; i++) await new Promise((r) => setTimeout(r, 10));
    await Promise.all([a.stop(), b.stop()]);
    expect(maxOverlap).toBe(1);
    expect(rounds).toBe(4);
    // Waiting turns were taken in the process, before any read: no round ran only to find the mailbox written.
    expect(s.outcomes.some((o) => o.kind === 'busy' && !o.ranRound)).toBe(true);
    expect(s.outcomes.filter((o) => o.kind === 'busy' && o.ranRound)).toEqual([]);
  });
});
