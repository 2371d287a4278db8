/** The embedded store's queue: the MailboxQueue contract in memory, for one process (the default deployment). */
import { randomUUID } from 'node:crypto';
import { MAX_DEQUEUES, type MailboxJob, type MailboxQueue, type QueueMessage } from './mailbox-queue';

interface Entry {
  id: string;
  job: MailboxJob;
  visibleAt: number;
  dequeueCount: number;
  popReceipt: string;
}

export class InProcessMailboxQueue implements MailboxQueue {
  private readonly entries: Entry[] = [];
  private readonly poison: MailboxJob[] = [];

  /** `now` is injectable so tests move time instead of waiting for it. */
  constructor(private readonly now: () => number = Date.now) {}

  async enqueue(job: MailboxJob, delayMs = 0): Promise<void> {
    this.entries.push({ id: randomUUID(), job: structuredClone(job), visibleAt: delayMs > 0 ? this.now() + delayMs : 0, dequeueCount: 0, popReceipt: '' });
  }

  async receive(maxMessages: number, visibilityTimeoutMs: number): Promise<QueueMessage[]> {
    const now = this.now();
    const out: QueueMessage[] = [];
    for (const entry of [...this.entries]) {
      if (out.length >= maxMessages) break;
      if (entry.visibleAt > now) continue;
      entry.dequeueCount++;
      if (entry.dequeueCount > MAX_DEQUEUES) {
        this.remove(entry);
        this.poison.push(entry.job);
        continue;
      }
      entry.popReceipt = randomUUID();
      entry.visibleAt = now + visibilityTimeoutMs;
      out.push({ id: entry.id, popReceipt: entry.popReceipt, dequeueCount: entry.dequeueCount, job: structuredClone(entry.job) });
    }
    return out;
  }

  async complete(message: QueueMessage): Promise<boolean> {
    const entry = this.current(message);
    if (entry) this.remove(entry);
    return !!entry;
  }

  async abandon(message: QueueMessage, delayMs = 0): Promise<boolean> {
    const entry = this.current(message);
    if (entry) entry.visibleAt = this.now() + delayMs;
    return !!entry;
  }

  async poisoned(): Promise<MailboxJob[]> {
    return structuredClone(this.poison);
  }

  /** Messages a receive would hand out now (not hidden by a delay or a delivery in hand). */
  visibleCount(): number {
    const now = this.now();
    return this.entries.filter((e) => e.visibleAt <= now).length;
  }

  /** Messages not yet completed or poisoned, visible or not. */
  get size(): number {
    return this.entries.length;
  }

  async close(): Promise<void> {
    this.entries.length = 0;
  }

  private current(message: QueueMessage): Entry | undefined {
    return this.entries.find((e) => e.id === message.id && e.popReceipt === message.popReceipt);
  }

  private remove(entry: Entry): void {
    this.entries.splice(this.entries.indexOf(entry), 1);
  }
}
