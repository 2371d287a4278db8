/** A worker runs queued jobs: lease, rules and settings from the stores, the round, complete; failures come back. */
import { MAX_DEQUEUES } from '../../server/sync/mailbox-queue';
import { InProcessMailboxQueue } from '../../server/sync/in-process-queue';
import { startSyncStack, type SyncStack } from './support/sync-stack';
import { ADA, BO, categoriesOf, rule } from './support/team';

describe('mailbox worker', () => {
  let s: SyncStack;
  let clock = 0;
  const queue = new InProcessMailboxQueue(() => clock);
  beforeAll(async () => {
    s = await startSyncStack({ queue });
    // Ada's own rule: only her mailbox is evaluated with it.
    await s.addRule(rule('p_lunch', 'Lunch', 'preset2', { field: 'subject', op: 'contains', value: 'lunch' }), ADA);
  });
  afterAll(() => s.close());

  test('a job is leased, run with org + personal rules from the stores, completed, and its lease released', async () => {
    const worker = s.worker();
    await queue.enqueue({ tenantId: s.tenantId, mailboxId: ADA, reason: 'schedule' });
    await queue.enqueue({ tenantId: s.tenantId, mailboxId: BO, reason: 'schedule' });
    expect(await worker.runOnce()).toBe(2);
    expect(s.outcomes.map((o) => o.kind)).toEqual(['done', 'done']);
    expect(categoriesOf(s.harness.sandbox, ADA, 'Customer kickoff')).toEqual(['Customer']);
    expect(categoriesOf(s.harness.sandbox, ADA, 'Lunch')).toEqual(['Lunch']);
    expect(categoriesOf(s.harness.sandbox, BO, 'Focus on taxes')).toEqual(['Focus']);
    expect(queue.size).toBe(0);
    const state = await s.stores.syncState.get(s.tenantId, ADA);
    expect(state?.deltaLink).toEqual(expect.any(String));
    expect(state?.lease).toBeNull();
  });

  test('a full job (missed notifications) drops the deltaLink and reads the whole window, writing nothing new', async () => {
    s.outcomes.length = 0;
    await queue.enqueue({ tenantId: s.tenantId, mailboxId: ADA, reason: 'missed', full: true });
    await s.worker().runOnce();
    const [outcome] = s.outcomes;
    expect(outcome).toMatchObject({ kind: 'done', report: { fullRound: true, fullReason: 'first', patches: 0, committed: true } });
  });

  test('a failing job is not completed: it comes back after its visibility timeout and is poisoned after 5 deliveries', async () => {
    s.outcomes.length = 0;
    const worker = s.worker({
      round: {
        loadRules: async () => {
          throw new Error('store unavailable');
        },
        gates: s.harness.gates,
      },
      visibilityTimeoutMs: 1_000,
    });
    await queue.enqueue({ tenantId: s.tenantId, mailboxId: BO, reason: 'schedule' });
    for (let i = 0; i < MAX_DEQUEUES + 1; i++) {
      await worker.runOnce();
      clock += 1_001;
    }
    expect(s.outcomes.map((o) => o.kind)).toEqual(Array(MAX_DEQUEUES).fill('failed'));
    expect(await queue.poisoned()).toEqual([{ tenantId: s.tenantId, mailboxId: BO, reason: 'schedule' }]);
    // The lease was released each time: a healthy worker takes the mailbox at once.
    expect((await s.stores.syncState.get(s.tenantId, BO))?.lease).toBeNull();
  });

  test('start/stop: the loop drains the queue, and stop waits for the job in hand', async () => {
    s.outcomes.length = 0;
    const worker = s.worker();
    await queue.enqueue({ tenantId: s.tenantId, mailboxId: ADA, reason: 'resync' });
    worker.start();
    while (s.outcomes.length === 0) await new Promise((r) => setTimeout(r, 10));
    await worker.stop();
    expect(s.outcomes).toEqual([expect.objectContaining({ kind: 'done', report: expect.objectContaining({ patches: 0 }) })]);
    expect(queue.size).toBe(0);
  });
});
