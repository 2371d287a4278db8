/**
 * Graph allows 4 concurrent requests per app and mailbox; more are refused with 429. Every request the
 * sync makes for a mailbox takes slots here first (a $batch takes one per inner request it runs at once).
 */
export class MailboxGate {
  private inUse = 0;
  private readonly waiters: Array<{ n: number; resolve: () => void }> = [];
  /** Highest number of slots held at once; tests and benchmarks read it. */
  maxSeen = 0;

  constructor(readonly capacity = 4) {}

  async run<T>(slots: number, work: () => Promise<T>): Promise<T> {
    const n = Math.min(Math.max(1, slots), this.capacity);
    await this.acquire(n);
    try {
      return await work();
    } finally {
      this.release(n);
    }
  }

  private acquire(n: number): Promise<void> {
    if (this.waiters.length === 0 && this.inUse + n <= this.capacity) {
      this.take(n);
      return Promise.resolve();
    }
    return new Promise((resolve) => this.waiters.push({ n, resolve }));
  }

  private take(n: number): void {
    this.inUse += n;
    this.maxSeen = Math.max(this.maxSeen, this.inUse);
  }

  private release(n: number): void {
    this.inUse -= n;
    // First come, first served: a large request is not starved by small ones behind it.
    while (this.waiters.length > 0 && this.inUse + this.waiters[0]!.n <= this.capacity) {
      const next = this.waiters.shift()!;
      this.take(next.n);
      next.resolve();
    }
  }
}

/** One gate per mailbox, shared by every round and request for that mailbox in this process. */
export class MailboxGates {
  private readonly gates = new Map<string, MailboxGate>();

  constructor(readonly capacity = 4) {}

  for(mailboxId: string): MailboxGate {
    const key = mailboxId.toLowerCase();
    let gate = this.gates.get(key);
    if (!gate) {
      gate = new MailboxGate(this.capacity);
      this.gates.set(key, gate);
    }
    return gate;
  }

  /** Highest number of slots any one mailbox held at once. */
  get maxSeen(): number {
    let max = 0;
    for (const g of this.gates.values()) max = Math.max(max, g.maxSeen);
    return max;
  }
}
