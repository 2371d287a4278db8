/**
 * Whether a mailbox's change notifications can be trusted to report its changes, so that its scheduled round
 * is only a safety net (SyncScheduler's long interval). Live = a subscription Graph accepted (creation succeeds
 * only after the endpoint answered Graph's validation request) or renewed, not yet expired, and nothing since
 * that says notifications were lost:
 * - `missed`: Graph dropped notifications; live again once a full round has read the whole window;
 * - `removed`: Graph removed the subscription (`subscriptionRemoved`); live again once one is created;
 * - `renewal-failed`: a renewal (timed, or for `reauthorizationRequired`) failed; live again once one succeeds.
 * Lifecycle events: https://learn.microsoft.com/graph/change-notifications-lifecycle-events
 * Kept in the process that hosts the scheduler, the subscription manager and the notification handler (one per
 * deployment, see sync-runtime.ts); a restart starts with every mailbox not live until its subscription is ensured.
 */
export type SubscriptionTrouble = 'missed' | 'removed' | 'renewal-failed';

interface MailboxHealth {
  /** Epoch ms the subscription Graph last confirmed expires at; 0 = none known. */
  expiresAt: number;
  troubles: Set<SubscriptionTrouble>;
}

const key = (tenantId: string, mailboxId: string): string => `${tenantId}\n${mailboxId.toLowerCase()}`;

export class SubscriptionHealth {
  private readonly mailboxes = new Map<string, MailboxHealth>();

  /** Graph created, renewed or still has the mailbox's subscription until `expiresAt`. */
  confirmed(tenantId: string, mailboxId: string, expiresAt: string): void {
    const health = this.entry(tenantId, mailboxId);
    health.expiresAt = Date.parse(expiresAt) || 0;
    // A working subscription ends removal and renewal trouble; changes Graph missed still need a full round.
    health.troubles.delete('removed');
    health.troubles.delete('renewal-failed');
  }

  troubled(tenantId: string, mailboxId: string, trouble: SubscriptionTrouble): void {
    this.entry(tenantId, mailboxId).troubles.add(trouble);
  }

  /** A full round (whole window read, every write made) finished for the mailbox: nothing missed is left unseen. */
  fullRoundDone(tenantId: string, mailboxId: string): void {
    this.mailboxes.get(key(tenantId, mailboxId))?.troubles.delete('missed');
  }

  isLive(tenantId: string, mailboxId: string, now: number): boolean {
    const health = this.mailboxes.get(key(tenantId, mailboxId));
    return !!health && health.troubles.size === 0 && health.expiresAt > now;
  }

  private entry(tenantId: string, mailboxId: string): MailboxHealth {
    const k = key(tenantId, mailboxId);
    let health = this.mailboxes.get(k);
    if (!health) this.mailboxes.set(k, (health = { expiresAt: 0, troubles: new Set() }));
    return health;
  }
}
