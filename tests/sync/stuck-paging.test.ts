/**
 * Delta paging that does not end (msgraph-sdk-dotnet#3082: the same page again under a new nextLink, forever)
 * and Retry-After values of minutes: the round stops, keeps the last good deltaLink, and the worker gives the
 * mailbox back to the queue with a not-before time — a full round for stuck paging — instead of holding its slot.
 */
import { InProcessMailboxQueue } from '../../server/sync/in-process-queue';
import { storeRulesLoader } from '../../server/sync/store-rules-loader';
import { testBackoff } from './support/harness';
import { startSyncStack, type SyncStack } from './support/sync-stack';
import { ADA, categoriesOf, editEvent } from './support/team';

const MINUTE = 60_000;

describe('stuck paging and long Retry-After in the worker', () => {
  let s: SyncStack;
  let clock = Date.now();
  const queue = new InProcessMailboxQueue(() => clock);
  const now = () => new Date(clock);
  beforeAll(async () => {
    s = await startSyncStack({ queue });
  });
  afterAll(() => s.close());
  beforeEach(() => {
    s.outcomes.length = 0;
  });
  afterEach(() => {
    s.harness.sandbox.faults.configure({ deltaLoopAfterPages: 0 });
    s.harness.sandbox.faults.clearScript();
  });

  // Small pages so a round has several (Ada's first round reads about ten items).
  const worker = () => s.worker({ round: { ...workerRound(), tuning: { pageSize: 2 } }, now, pagingStuckRetryMs: 15 * MINUTE });
  const workerRound = () => ({ loadRules: storeRulesLoader(s.stores), gates: s.harness.gates, backoff: testBackoff });
  const deltaLink = async () => (await s.stores.syncState.get(s.tenantId, ADA))?.deltaLink ?? null;

  test('a first round whose delta pages repeat stops after the repeat, writes nothing, and a full round is queued for later', async () => {
    s.harness.sandbox.faults.configure({ deltaLoopAfterPages: 2 });
    const before = s.harness.sandbox.accounting.snapshot().byMailbox[ADA]?.reads ?? 0;
    await queue.enqueue({ tenantId: s.tenantId, mailboxId: ADA, reason: 'schedule' });
    expect(await worker().runOnce()).toBe(1);
    const [outcome] = s.outcomes;
    expect(outcome).toMatchObject({ kind: 'deferred', reason: 'paging-stuck', requeued: { mailboxId: ADA, full: true } });
    expect(outcome?.kind === 'deferred' && outcome.notBefore.getTime()).toBe(clock + 15 * MINUTE);
    // Pages 1, 2, 3 and the repeat of 3; plus the mailbox checks (time zone, master categories): bounded, not a loop.
    const reads = (s.harness.sandbox.accounting.snapshot().byMailbox[ADA]?.reads ?? 0) - before;
    expect(reads).toBeLessThanOrEqual(4 + 2);
    expect(await deltaLink()).toBeNull();
    expect(categoriesOf(s.harness.sandbox, ADA, 'Customer kickoff')).toEqual([]);
    // The job is hidden until its not-before time; then the full round runs (paging healthy again) and commits.
    expect(await queue.receive(1, 1_000)).toEqual([]);
    s.harness.sandbox.faults.configure({ deltaLoopAfterPages: 0 });
    clock += 15 * MINUTE;
    await worker().runOnce();
    expect(s.outcomes[1]).toMatchObject({ kind: 'done', report: { fullRound: true, committed: true } });
    expect(categoriesOf(s.harness.sandbox, ADA, 'Customer kickoff')).toEqual(['Customer']);
  });

  test('an incremental round that gets stuck keeps the last good deltaLink', async () => {
    const good = await deltaLink();
    expect(good).toEqual(expect.any(String));
    for (const subject of ['Focus block', 'Lunch', 'Dentist', 'Partner sync', 'Customer kickoff'])
      editEvent(s.harness.sandbox, ADA, subject, { subject: `${subject} moved` });
    s.harness.sandbox.faults.configure({ deltaLoopAfterPages: 1 });
    await queue.enqueue({ tenantId: s.tenantId, mailboxId: ADA, reason: 'notification' });
    await worker().runOnce();
    expect(s.outcomes[0]).toMatchObject({ kind: 'deferred', reason: 'paging-stuck' });
    expect(await deltaLink()).toBe(good);
    expect((await s.stores.syncState.get(s.tenantId, ADA))?.lease).toBeNull();
    clock += 15 * MINUTE;
    s.harness.sandbox.faults.configure({ deltaLoopAfterPages: 0 });
    await worker().runOnce();
    expect(s.outcomes[1]).toMatchObject({ kind: 'done', report: { fullRound: true, committed: true } });
    expect(await deltaLink()).not.toBe(good);
  });

  test('a page cap ends paging that never repeats a page', async () => {
    await queue.enqueue({ tenantId: s.tenantId, mailboxId: ADA, reason: 'schedule', full: true });
    await s.worker({ round: { ...workerRound(), tuning: { pageSize: 2, maxDeltaPages: 2 } }, now }).runOnce();
    expect(s.outcomes[0]).toMatchObject({ kind: 'deferred', reason: 'paging-stuck' });
    const [job] = await (async () => {
      clock += 15 * MINUTE;
      return queue.receive(1, 1_000);
    })();
    expect(job?.job).toMatchObject({ mailboxId: ADA, full: true });
    await queue.complete(job!);
  });

  test('a Retry-After of minutes gives the mailbox back to the queue, hidden for that long, and frees the worker', async () => {
    editEvent(s.harness.sandbox, ADA, 'Lunch moved', { subject: 'Customer lunch' });
    s.harness.sandbox.faults.script({ kind: 'status', status: 429, retryAfterSeconds: 300, match: { level: 'inner', method: 'PATCH' } });
    await queue.enqueue({ tenantId: s.tenantId, mailboxId: ADA, reason: 'notification' });
    const w = worker();
    expect(await w.runOnce()).toBe(1);
    expect(s.outcomes[0]).toMatchObject({ kind: 'deferred', reason: 'throttled', requeued: { mailboxId: ADA, reason: 'notification' } });
    expect(s.outcomes[0]?.kind === 'deferred' && s.outcomes[0].notBefore.getTime()).toBe(clock + 300_000);
    expect((await s.stores.syncState.get(s.tenantId, ADA))?.lease).toBeNull();
    clock += 299_000;
    expect(await queue.receive(1, 1_000)).toEqual([]);
    clock += 1_000;
    expect(await w.runOnce()).toBe(1);
    expect(s.outcomes[1]).toMatchObject({ kind: 'done', report: { committed: true, stamped: 1 } });
    expect(categoriesOf(s.harness.sandbox, ADA, 'Customer lunch')).toEqual(['Customer']);
  });
});
