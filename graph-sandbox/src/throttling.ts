import { GraphError } from './graph-error';

export interface ThrottleLimits {
  /** Requests in flight per app and mailbox before 429 MailboxConcurrency (Graph: 4). */
  maxConcurrentPerMailbox: number;
  /** Requests per app and mailbox per window (Graph: 10,000 per 10 minutes). */
  requestsPerWindow: number;
  windowMs: number;
}

export const defaultThrottleLimits: ThrottleLimits = { maxConcurrentPerMailbox: 4, requestsPerWindow: 10_000, windowMs: 600_000 };

interface Budget {
  windowStart: number;
  used: number;
}

/** Graph's Outlook limits, per app and mailbox: concurrency and a fixed-window request budget. */
export class Throttle {
  private readonly inFlight = new Map<string, number>();
  private readonly budgets = new Map<string, Budget>();

  constructor(
    public limits: ThrottleLimits,
    private readonly now: () => number = () => Date.now(),
  ) {}

  /** Takes a slot or throws 429; the caller must call the returned release exactly once. */
  acquire(appId: string, mailboxKey: string): { release: () => void; inFlight: number } {
    const key = `${appId}|${mailboxKey}`;
    const now = this.now();
    let budget = this.budgets.get(key);
    if (!budget || now - budget.windowStart >= this.limits.windowMs) {
      budget = { windowStart: now, used: 0 };
      this.budgets.set(key, budget);
    }
    if (budget.used >= this.limits.requestsPerWindow) {
      const retryAfter = Math.max(1, Math.ceil((budget.windowStart + this.limits.windowMs - now) / 1000));
      throw new GraphError(429, 'ApplicationThrottled', 'Application is over its request limit for this mailbox.', {
        'Retry-After': String(retryAfter),
      });
    }
    const current = this.inFlight.get(key) ?? 0;
    if (current >= this.limits.maxConcurrentPerMailbox) {
      // Graph's exact wording for the 4-concurrent-requests limit.
      throw new GraphError(429, 'ApplicationThrottled', 'Application is over its MailboxConcurrency limit.', { 'Retry-After': '1' });
    }
    budget.used++;
    this.inFlight.set(key, current + 1);
    let released = false;
    return {
      inFlight: current + 1,
      release: () => {
        if (released) return;
        released = true;
        const n = (this.inFlight.get(key) ?? 1) - 1;
        if (n <= 0) this.inFlight.delete(key);
        else this.inFlight.set(key, n);
      },
    };
  }

  reset(): void {
    this.inFlight.clear();
    this.budgets.clear();
  }
}
