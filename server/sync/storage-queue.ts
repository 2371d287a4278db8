/**
 * The production queue: Azure Storage Queues. Visibility timeout does the retrying; a message received more
 * than MAX_DEQUEUES times is copied to `<name>-poison` and deleted. Storage Queues allow duplicates and so do
 * we: a job run twice is a round run twice, which is harmless.
 *
 * Fairness between tenants: a Storage queue is FIFO-ish for everyone, so one tenant's first sweep of 200 mailboxes
 * would hold a small tenant's rounds behind all of it. Each tenant gets its own queue (`<name>-t<hash of the
 * tenant id>`), and receives take one message per tenant queue in turn: a tenant's job waits for at most one job of
 * each other tenant with work queued, whatever their backlog. Tenant queues made by other processes are found by
 * listing the `<name>-t` prefix, at most every `discoverEveryMs`. `<name>` itself is still read (jobs queued before).
 */
import { createHash } from 'node:crypto';
import type { TokenCredential } from '@azure/identity';
import { QueueClient, QueueServiceClient, RestError } from '@azure/storage-queue';
import { MAX_DEQUEUES, parseJob, type MailboxJob, type MailboxQueue, type QueueMessage } from './mailbox-queue';

/** Either a connection string (account key or SAS), or the account URL and an Entra ID credential. */
export type StorageQueueOptions = {
  /** Queue name (3–56 lowercase letters, digits, dashes); the poison queue is `<name>-poison`, tenants' `<name>-t…`. */
  queueName: string;
  /** How often other processes' tenant queues are looked for (default 5 s). */
  discoverEveryMs?: number;
} & ({ connectionString: string } | { accountUrl: string; credential: TokenCredential });

/** Storage Queues count visibility in whole seconds (0 … 7 days). */
const toSeconds = (ms: number): number => Math.min(604_800, Math.max(0, Math.ceil(ms / 1000)));

/** 404: the message is gone; 400 PopReceiptMismatch: it came back and was received again since this receipt. */
const isStaleReceipt = (e: unknown): boolean =>
  e instanceof RestError && (e.statusCode === 404 || (e.statusCode === 400 && (e.code === 'PopReceiptMismatch' || /pop receipt/i.test(e.message))));

/** Azure allows 63 characters; the hash gets what the base name leaves (at least 5 hex digits, a shared queue on a collision is only less fair). */
export function tenantQueueName(queueName: string, tenantId: string): string {
  const room = Math.max(5, Math.min(16, 63 - queueName.length - 2));
  return `${queueName}-t${createHash('sha256').update(tenantId.toLowerCase()).digest('hex').slice(0, room)}`;
}

/** A message id names its queue too: `<queue>/<message id>` (Storage message ids are GUIDs). */
const messageId = (queue: string, id: string): string => `${queue}/${id}`;
const splitId = (id: string): { queue: string; id: string } => {
  const at = id.lastIndexOf('/');
  return { queue: id.slice(0, at), id: id.slice(at + 1) };
};

export class StorageMailboxQueue implements MailboxQueue {
  /** Queues read in turn: the base queue, then tenant queues as found. */
  private readonly queues: string[];
  private readonly created = new Set<string>();
  private cursor = 0;
  private discoveredAt = -Infinity;

  private constructor(
    private readonly service: QueueServiceClient,
    private readonly queueName: string,
    private readonly poison: QueueClient,
    private readonly discoverEveryMs: number,
  ) {
    this.queues = [queueName];
    this.created.add(queueName);
  }

  /** Opens the queue and its poison queue, creating them when missing. */
  static async open(options: StorageQueueOptions): Promise<StorageMailboxQueue> {
    const service =
      'connectionString' in options
        ? QueueServiceClient.fromConnectionString(options.connectionString)
        : new QueueServiceClient(options.accountUrl, options.credential);
    const poison = service.getQueueClient(`${options.queueName}-poison`);
    await Promise.all([service.getQueueClient(options.queueName).createIfNotExists(), poison.createIfNotExists()]);
    return new StorageMailboxQueue(service, options.queueName, poison, options.discoverEveryMs ?? 5_000);
  }

  async enqueue(job: MailboxJob, delayMs = 0): Promise<void> {
    const name = tenantQueueName(this.queueName, job.tenantId);
    const queue = this.service.getQueueClient(name);
    if (!this.created.has(name)) {
      await queue.createIfNotExists();
      this.created.add(name);
      this.know(name);
    }
    await queue.sendMessage(JSON.stringify(job), delayMs > 0 ? { visibilityTimeout: toSeconds(delayMs) } : {});
  }

  /** One message per queue in turn, from where the last receive stopped, until maxMessages or a whole turn finds none. */
  async receive(maxMessages: number, visibilityTimeoutMs: number): Promise<QueueMessage[]> {
    await this.discover();
    const out: QueueMessage[] = [];
    let emptyInARow = 0;
    while (out.length < maxMessages && emptyInARow < this.queues.length) {
      const name = this.queues[this.cursor % this.queues.length] as string;
      this.cursor = (this.cursor + 1) % this.queues.length;
      const got = await this.receiveFrom(name, visibilityTimeoutMs);
      if (got) {
        out.push(got);
        emptyInARow = 0;
      } else emptyInARow++;
    }
    return out;
  }

  async complete(message: QueueMessage): Promise<boolean> {
    const { queue, id } = splitId(message.id);
    return this.deleteQuietly(queue, id, message.popReceipt);
  }

  async abandon(message: QueueMessage, delayMs = 0): Promise<boolean> {
    const { queue, id } = splitId(message.id);
    try {
      await this.service.getQueueClient(queue).updateMessage(id, message.popReceipt, undefined, toSeconds(delayMs));
      return true;
    } catch (e) {
      if (isStaleReceipt(e)) return false;
      throw e;
    }
  }

  async poisoned(): Promise<MailboxJob[]> {
    const peeked = await this.poison.peekMessages({ numberOfMessages: 32 });
    return peeked.peekedMessageItems.map((m) => parseJob(m.messageText)).filter((j): j is MailboxJob => !!j);
  }

  async close(): Promise<void> {
    // The SDK holds no sockets open between calls; nothing to release.
  }

  /** Every queue of this name: the base one and each tenant's (for depth counts and tools). */
  async queueNames(): Promise<string[]> {
    this.discoveredAt = -Infinity;
    await this.discover();
    return [...this.queues];
  }

  private know(name: string): void {
    if (!this.queues.includes(name)) this.queues.push(name);
  }

  private async discover(): Promise<void> {
    if (Date.now() - this.discoveredAt < this.discoverEveryMs) return;
    this.discoveredAt = Date.now();
    const ours = new RegExp(`^${this.queueName}-t[0-9a-f]{5,16}$`);
    for await (const item of this.service.listQueues({ prefix: `${this.queueName}-t` })) {
      // Only tenant queues of this name: another deployment's `<name>-test` shares the prefix.
      if (!ours.test(item.name)) continue;
      this.created.add(item.name);
      this.know(item.name);
    }
  }

  private async receiveFrom(name: string, visibilityTimeoutMs: number): Promise<QueueMessage | undefined> {
    const answer = await this.service
      .getQueueClient(name)
      .receiveMessages({ numberOfMessages: 1, visibilityTimeout: Math.max(1, toSeconds(visibilityTimeoutMs)) });
    for (const m of answer.receivedMessageItems) {
      const job = parseJob(m.messageText);
      if (!job || m.dequeueCount > MAX_DEQUEUES) {
        // Copy first, then delete: a crash in between leaves a duplicate, never a lost message.
        await this.poison.sendMessage(m.messageText);
        await this.deleteQuietly(name, m.messageId, m.popReceipt);
        continue;
      }
      return { id: messageId(name, m.messageId), popReceipt: m.popReceipt, dequeueCount: m.dequeueCount, job };
    }
    return undefined;
  }

  private async deleteQuietly(queue: string, id: string, popReceipt: string): Promise<boolean> {
    try {
      await this.service.getQueueClient(queue).deleteMessage(id, popReceipt);
      return true;
    } catch (e) {
      if (isStaleReceipt(e)) return false;
      throw e;
    }
  }
}
