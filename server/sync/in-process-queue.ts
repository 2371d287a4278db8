/**
 * The embedded store's queue: the MailboxQueue contract in memory, for one process (the default deployment).
 * Fair between tenants: receives hand out one visible job per tenant in turn (continuing after the tenant served
 * last), so a tenant's job waits for at most one job of each other tenant with work queued, whatever their backlog.
 */
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
  /** Every tenant ever queued, in order of its first job: the order of turns. */
  private readonly ring: string[] = [];
  /** The tenant whose job was handed out last: the next receive starts with the tenant after it in the ring. */
  private lastTenant: string | undefined;

  /** `now` is injectable so tests move time instead of waiting for it. */
  constructor(private readonly now: () => number = Date.now) {}

  async enqueue(job: MailboxJob, delayMs = 0): Promise<void> {
    if (!this.ring.includes(job.tenantId)) this.ring.push(job.tenantId);
    this.entries.push({ id: randomUUID(), job: structuredClone(job), visibleAt: delayMs > 0 ? this.now() + delayMs : 0, dequeueCount: 0, popReceipt: '' });
  }

  async receive(maxMessages: number, visibilityTimeoutMs: number): Promise<QueueMessage[]> {
    const now = this.now();
    const out: QueueMessage[] = [];
    for (const entry of this.inTenantTurns(this.entries.filter((e) => e.visibleAt <= now))) {
      if (out.length >= maxMessages) break;
      entry.dequeueCount++;
      if (entry.dequeueCount > MAX_DEQUEUES) {
        this.remove(entry);
        this.poison.push(entry.job);
        continue;
      }
      entry.popReceipt = randomUUID();
      entry.visibleAt = now + visibilityTimeoutMs;
      this.lastTenant = entry.job.tenantId;
      out.push({ id: entry.id, popReceipt: entry.popReceipt, dequeueCount: entry.dequeueCount, job: structuredClone(entry.job) });
    }
    return out;
  }

  /**
   * The entries (in queue order within a tenant) as tenant turns: each tenant's first, then each one's second, …;
   * tenants in ring order, starting after the tenant served last.
   */
  private inTenantTurns(entries: Entry[]): Entry[] {
    const byTenant = new Map<string, Entry[]>();
    for (const e of entries) {
      const list = byTenant.get(e.job.tenantId);
      if (list) list.push(e);
      else byTenant.set(e.job.tenantId, [e]);
    }
    const last = this.lastTenant === undefined ? -1 : this.ring.indexOf(this.lastTenant);
    const order = [...this.ring.slice(last + 1), ...this.ring.slice(0, last + 1)].filter((t) => byTenant.has(t));
    const out: Entry[] = [];
    for (let turn = 0; out.length < entries.length; turn++) {
      for (const t of order) {
        const e = (byTenant.get(t) as Entry[])[turn];
        if (e) out.push(e);
      }
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
