/**
 * How often a round that changed nothing stores the new deltaLink Graph handed out. Storing it is the round's
 * only write; not storing it is safe: the stored (older) link stays valid, and the next round reads from it the
 * same unchanged entries again (replayed entries plan no write), then gets a newer link.
 *
 * An older link does not stay valid forever. For events Graph fixes no lifetime: "the upper limit is not fixed;
 * it's dependent on the size of the internal delta token cache … after the cache capacity is exceeded, the older
 * delta tokens are deleted" (Outlook entities, quoted from the delta query overview in
 * https://learn.microsoft.com/en-us/answers/questions/649481/http-410-status-error-on-syncing-contacts);
 * directory tokens last 7 days (https://devblogs.microsoft.com/microsoft365dev/duration-of-change-tracking-tokens-for-identity-and-education-resources/).
 * So the link is stored at least every `everyRounds` rounds and once the stored one is `maxAgeMs` old; should Graph
 * still have dropped it, the round gets 410 syncStateNotFound and reads the whole window (delta-reader.ts): a cost,
 * never a missed change.
 *
 * The count of rounds since the last store lives in this process (a bounded LRU: a mailbox forgotten here stores
 * its next new link, as does one whose rounds run in several processes — more writes, never fewer).
 */
import { LRUCache } from 'lru-cache';

export interface DeltaLinkPolicy {
  /** Store a new link at least every this many rounds (1 = every round, as before). */
  everyRounds: number;
  /** Store a new link when the stored one was handed out this long ago or more. */
  maxAgeMs: number;
}

const key = (tenantId: string, mailboxId: string): string => `${tenantId}\n${mailboxId.toLowerCase()}`;

export class DeltaLinkCadence {
  /** Rounds since each mailbox's link was last stored, where the round kept the stored one. */
  private readonly kept: LRUCache<string, number>;

  constructor(maxMailboxes = 100_000) {
    this.kept = new LRUCache({ max: maxMailboxes });
  }

  /**
   * Whether a round that changed nothing stores the new link. `storedAt`: when the stored link was handed out
   * (unknown for state written before this was recorded: then it is stored).
   */
  shouldStore(tenantId: string, mailboxId: string, storedAt: string | null | undefined, now: Date, policy: DeltaLinkPolicy): boolean {
    const k = key(tenantId, mailboxId);
    const storedAtMs = storedAt ? Date.parse(storedAt) : NaN;
    const rounds = (this.kept.get(k) ?? 0) + 1;
    if (!(now.getTime() - storedAtMs < policy.maxAgeMs) || rounds >= policy.everyRounds) {
      this.kept.delete(k);
      return true;
    }
    this.kept.set(k, rounds);
    return false;
  }

  /** The round stored its link anyway (it had other changes): the count starts again. */
  stored(tenantId: string, mailboxId: string): void {
    this.kept.delete(key(tenantId, mailboxId));
  }
}
