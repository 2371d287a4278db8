/** The MailboxQueue contract, in process and on Azure Storage Queues (Azurite started here). */
import { InProcessMailboxQueue } from '../../server/sync/in-process-queue';
import { MAX_DEQUEUES, type MailboxJob, type MailboxQueue } from '../../server/sync/mailbox-queue';
import { StorageMailboxQueue } from '../../server/sync/storage-queue';
import { startAzurite, type TestAzurite } from './support/azurite';

const T = 'aaaaaaaa-0000-4000-8000-00000000000a';
const job = (mailboxId: string, extra: Partial<MailboxJob> = {}): MailboxJob => ({ tenantId: T, mailboxId, reason: 'schedule', ...extra });

/** Receives until something arrives; Storage Queues count visibility in seconds, so a hidden message takes a while. */
async function receiveEventually(queue: MailboxQueue, visibilityMs: number) {
  for (let i = 0; i < 100; i++) {
    const got = await queue.receive(1, visibilityMs);
    if (got.length) return got[0]!;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('nothing arrived');
}

interface Backend {
  queue: MailboxQueue;
  /** Lets a hidden message's visibility timeout lapse. */
  lapse(): Promise<void>;
}

let azurite: TestAzurite | undefined;
let clock = 0;
let queueCounter = 0;
afterAll(async () => azurite?.close());

describe.each(['in-process', 'storage'] as const)('%s queue', (kind) => {
  let b: Backend;
  beforeEach(async () => {
    if (kind === 'in-process') {
      b = { queue: new InProcessMailboxQueue(() => clock), lapse: async () => void (clock += 60_000) };
    } else {
      azurite ??= await startAzurite();
      const queue = await StorageMailboxQueue.open({ connectionString: azurite.connectionString, queueName: `mailboxes-${process.pid}-${++queueCounter}` });
      b = { queue, lapse: async () => undefined };
    }
  }, 30_000);
  afterEach(() => b.queue.close());

  test('a received message is hidden until completed; completing removes it', async () => {
    await b.queue.enqueue(job('ada@contoso.com', { full: true, reason: 'missed' }));
    const [m] = await b.queue.receive(10, 30_000);
    expect(m).toMatchObject({ dequeueCount: 1, job: job('ada@contoso.com', { full: true, reason: 'missed' }) });
    expect(await b.queue.receive(10, 30_000)).toEqual([]);
    expect(await b.queue.complete(m!)).toBe(true);
    await b.lapse();
    expect(await b.queue.receive(10, 30_000)).toEqual([]);
  });

  test('a message not completed comes back after its visibility timeout, and the old receipt is stale', async () => {
    await b.queue.enqueue(job('bo@contoso.com'));
    const [first] = await b.queue.receive(1, 1_000);
    await b.lapse();
    const second = await receiveEventually(b.queue, 30_000);
    expect(second).toMatchObject({ id: first!.id, dequeueCount: 2 });
    expect(await b.queue.complete(first!)).toBe(false);
    expect(await b.queue.complete(second)).toBe(true);
  });

  test('duplicates are kept (a round run twice is harmless) and abandon makes a message visible again', async () => {
    await b.queue.enqueue(job('cy@contoso.com'));
    await b.queue.enqueue(job('cy@contoso.com'));
    const got = await b.queue.receive(10, 30_000);
    expect(got.map((m) => m.job.mailboxId)).toEqual(['cy@contoso.com', 'cy@contoso.com']);
    expect(await b.queue.abandon(got[0]!)).toBe(true);
    const again = await b.queue.receive(10, 30_000);
    expect(again).toHaveLength(1);
    expect(again[0]).toMatchObject({ id: got[0]!.id, dequeueCount: 2 });
  });

  test('a delayed job stays hidden until its delay has passed', async () => {
    await b.queue.enqueue(job('eve@contoso.com'), 1_000);
    expect(await b.queue.receive(1, 30_000)).toEqual([]);
    await b.lapse();
    expect((await receiveEventually(b.queue, 30_000)).job).toEqual(job('eve@contoso.com'));
  });

  test(`a message dequeued more than ${MAX_DEQUEUES} times goes to the poison queue`, async () => {
    await b.queue.enqueue(job('dee@contoso.com'));
    for (let i = 1; i <= MAX_DEQUEUES; i++) {
      const [m] = await b.queue.receive(1, 30_000);
      expect(m?.dequeueCount).toBe(i);
      await b.queue.abandon(m!);
    }
    expect(await b.queue.receive(1, 30_000)).toEqual([]);
    expect(await b.queue.poisoned()).toEqual([job('dee@contoso.com')]);
    await b.lapse();
    expect(await b.queue.receive(1, 30_000)).toEqual([]);
  });
});
