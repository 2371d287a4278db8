/**
 * Fairness between tenants on both queues: tenant A has 200 jobs queued (its first sweep) and some in hand when tenant
 * B queues 2; B's jobs are handed out in turn with A's, not after them. Bounds are counted in jobs handed out.
 */
import { InProcessMailboxQueue } from '../../server/sync/in-process-queue';
import type { MailboxJob, MailboxQueue, QueueMessage } from '../../server/sync/mailbox-queue';
import { StorageMailboxQueue, tenantQueueName } from '../../server/sync/storage-queue';
import { startAzurite, type TestAzurite } from './support/azurite';

const A = 'aaaaaaaa-0000-4000-8000-00000000000a';
const B = 'bbbbbbbb-0000-4000-8000-00000000000b';
const job = (tenantId: string, i: number): MailboxJob => ({ tenantId, mailboxId: `user${i}@${tenantId === A ? 'alpine' : 'birch'}.com`, reason: 'schedule' });

let azurite: TestAzurite | undefined;
let counter = 0;
afterAll(async () => azurite?.close());

describe.each(['in-process', 'storage'] as const)('%s queue', (kind) => {
  let queue: MailboxQueue;
  beforeEach(async () => {
    if (kind === 'in-process') queue = new InProcessMailboxQueue();
    else {
      azurite ??= await startAzurite();
      queue = await StorageMailboxQueue.open({ connectionString: azurite.connectionString, queueName: `fair-${process.pid}-${++counter}` });
    }
  }, 30_000);
  afterEach(() => queue.close());

  /** Receives one job at a time (a worker's loop), completing each, until `done` says stop or `limit` jobs. */
  async function takeInTurn(limit: number, done: (taken: QueueMessage[]) => boolean): Promise<QueueMessage[]> {
    const taken: QueueMessage[] = [];
    for (let i = 0; i < limit && !done(taken); i++) {
      const [m] = await queue.receive(1, 60_000);
      if (!m) break;
      taken.push(m);
      await queue.complete(m);
    }
    return taken;
  }

  test("B's 2 jobs queued behind A's 200 start within 2 and 4 jobs handed out (at most one of A's before each), not after A's 200", async () => {
    for (let i = 0; i < 200; i++) await queue.enqueue(job(A, i));
    // Two of A's rounds in hand, as two busy workers would have.
    const inHand = await queue.receive(2, 60_000);
    expect(inHand.map((m) => m.job.tenantId)).toEqual([A, A]);
    await queue.enqueue(job(B, 1));
    await queue.enqueue(job(B, 2));
    const after = await takeInTurn(10, (taken) => taken.filter((m) => m.job.tenantId === B).length === 2);
    const positions = after.flatMap((m, i) => (m.job.tenantId === B ? [i + 1] : []));
    // Tenants take turns: B's k-th job waits for at most one job of each other tenant with work queued per turn,
    // so with two tenants it starts within 2k jobs of being queued.
    expect(positions).toHaveLength(2);
    expect(positions[0]).toBeLessThanOrEqual(2);
    expect(positions[1]).toBeLessThanOrEqual(4);
    const aBetween = after.filter((m) => m.job.tenantId === A);
    expect(aBetween.length).toBeLessThanOrEqual(2);
    // And A's backlog is intact: its jobs still come, in its own order.
    const rest = await takeInTurn(3, () => false);
    const next = 2 + aBetween.length;
    expect(rest.map((m) => m.job.mailboxId)).toEqual([next, next + 1, next + 2].map((i) => `user${i}@alpine.com`));
  }, 120_000);

  test('a single tenant keeps its own order, and three tenants take turns', async () => {
    const C = 'cccccccc-0000-4000-8000-00000000000c';
    for (let i = 0; i < 3; i++) await queue.enqueue(job(A, i));
    await queue.enqueue(job(B, 0));
    await queue.enqueue({ tenantId: C, mailboxId: 'c0@cedar.com', reason: 'schedule' });
    const taken = await takeInTurn(5, () => false);
    expect(taken.map((m) => m.job.tenantId)).toEqual([A, B, C, A, A]);
    expect(taken.filter((m) => m.job.tenantId === A).map((m) => m.job.mailboxId)).toEqual(['user0@alpine.com', 'user1@alpine.com', 'user2@alpine.com']);
  }, 60_000);
});

describe('storage queue names', () => {
  test('each tenant has its own queue within Azure’s 63 characters, stable across processes', () => {
    const longest = 'a'.repeat(56);
    expect(tenantQueueName(longest, A).length).toBeLessThanOrEqual(63);
    expect(tenantQueueName('calsync-mailboxes', A)).toBe(tenantQueueName('calsync-mailboxes', A.toUpperCase()));
    expect(tenantQueueName('calsync-mailboxes', A)).not.toBe(tenantQueueName('calsync-mailboxes', B));
    expect(tenantQueueName('calsync-mailboxes', A)).toMatch(/^calsync-mailboxes-t[0-9a-f]{16}$/);
  });

  test("another process's tenant queues are found: a second queue object on the same name receives B's job in turn", async () => {
    azurite ??= await startAzurite();
    const name = `fair-${process.pid}-${++counter}`;
    const producer = await StorageMailboxQueue.open({ connectionString: azurite.connectionString, queueName: name });
    const consumer = await StorageMailboxQueue.open({ connectionString: azurite.connectionString, queueName: name, discoverEveryMs: 0 });
    for (let i = 0; i < 5; i++) await producer.enqueue(job(A, i));
    await producer.enqueue(job(B, 0));
    const got: string[] = [];
    for (let i = 0; i < 3; i++) {
      const [m] = await consumer.receive(1, 60_000);
      got.push(m!.job.tenantId);
      await consumer.complete(m!);
    }
    expect(got).toEqual([A, B, A]);
  }, 60_000);
});
