/**
 * At most `capacity` tasks at once; the rest wait, first come first served. The sync holds Graph's 4 requests per
 * mailbox with it (server/sync/mailbox-gate.ts); the add-in holds Outlook's 3 simultaneous Office.js calls on the web
 * and in new Outlook (addin/office/office-call.ts). A task may take several slots (a Graph $batch does).
 */
export class ConcurrencyGate {
  private inUse = 0;
  private readonly waiters: Array<{ n: number; resolve: () => void }> = [];
  /** Highest number of slots held at once; tests and benchmarks read it. */
  maxSeen = 0;

  constructor(readonly capacity: number) {}

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
