/**
 * The production queue: Azure Storage Queues. Visibility timeout does the retrying; a message received more
 * than MAX_DEQUEUES times is copied to `<name>-poison` and deleted. Storage Queues allow duplicates and so do
 * we: a job run twice is a round run twice, which is harmless.
 */
import type { TokenCredential } from '@azure/identity';
import { QueueClient, QueueServiceClient, RestError } from '@azure/storage-queue';
import { MAX_DEQUEUES, parseJob, type MailboxJob, type MailboxQueue, type QueueMessage } from './mailbox-queue';

/** Either a connection string (account key or SAS), or the account URL and an Entra ID credential. */
export type StorageQueueOptions = {
  /** Queue name (3–63 lowercase letters, digits, dashes); the poison queue is `<name>-poison`. */
  queueName: string;
} & ({ connectionString: string } | { accountUrl: string; credential: TokenCredential });

/** Storage Queues count visibility in whole seconds (0 … 7 days). */
const toSeconds = (ms: number): number => Math.min(604_800, Math.max(0, Math.ceil(ms / 1000)));

/** 404: the message is gone; 400 PopReceiptMismatch: it came back and was received again since this receipt. */
const isStaleReceipt = (e: unknown): boolean =>
  e instanceof RestError && (e.statusCode === 404 || (e.statusCode === 400 && (e.code === 'PopReceiptMismatch' || /pop receipt/i.test(e.message))));

export class StorageMailboxQueue implements MailboxQueue {
  private constructor(
    private readonly queue: QueueClient,
    private readonly poison: QueueClient,
  ) {}

  /** Opens the queue and its poison queue, creating them when missing. */
  static async open(options: StorageQueueOptions): Promise<StorageMailboxQueue> {
    const service =
      'connectionString' in options ? QueueServiceClient.fromConnectionString(options.connectionString) : new QueueServiceClient(options.accountUrl, options.credential);
    const queue = service.getQueueClient(options.queueName);
    const poison = service.getQueueClient(`${options.queueName}-poison`);
    await Promise.all([queue.createIfNotExists(), poison.createIfNotExists()]);
    return new StorageMailboxQueue(queue, poison);
  }

  async enqueue(job: MailboxJob, delayMs = 0): Promise<void> {
    await this.queue.sendMessage(JSON.stringify(job), delayMs > 0 ? { visibilityTimeout: toSeconds(delayMs) } : {});
  }

  async receive(maxMessages: number, visibilityTimeoutMs: number): Promise<QueueMessage[]> {
    const answer = await this.queue.receiveMessages({
      numberOfMessages: Math.min(32, Math.max(1, maxMessages)),
      visibilityTimeout: Math.max(1, toSeconds(visibilityTimeoutMs)),
    });
    const out: QueueMessage[] = [];
    for (const m of answer.receivedMessageItems) {
      const job = parseJob(m.messageText);
      if (!job || m.dequeueCount > MAX_DEQUEUES) {
        // Copy first, then delete: a crash in between leaves a duplicate, never a lost message.
        await this.poison.sendMessage(m.messageText);
        await this.deleteQuietly(m.messageId, m.popReceipt);
        continue;
      }
      out.push({ id: m.messageId, popReceipt: m.popReceipt, dequeueCount: m.dequeueCount, job });
    }
    return out;
  }

  async complete(message: QueueMessage): Promise<boolean> {
    return this.deleteQuietly(message.id, message.popReceipt);
  }

  async abandon(message: QueueMessage, delayMs = 0): Promise<boolean> {
    try {
      await this.queue.updateMessage(message.id, message.popReceipt, undefined, toSeconds(delayMs));
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

  private async deleteQuietly(id: string, popReceipt: string): Promise<boolean> {
    try {
      await this.queue.deleteMessage(id, popReceipt);
      return true;
    } catch (e) {
      if (isStaleReceipt(e)) return false;
      throw e;
    }
  }
}
