/**
 * Graph allows 4 concurrent requests per app and mailbox; more are refused with 429. Every request the
 * sync makes for a mailbox takes slots here first (a $batch takes one per inner request it runs at once).
 */
import { ConcurrencyGate } from '../../shared/concurrency-gate';

export class MailboxGate extends ConcurrencyGate {
  constructor(capacity = 4) {
    super(capacity);
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
