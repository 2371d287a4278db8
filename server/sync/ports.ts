/**
 * The sync's ports: what it offers the layers above, in its own terms. The API and the entry points plug these
 * in at composition (createApp's onRulesChanged / onSettingsChanged / notifications); the sync imports nothing
 * from them, so it runs the same in the API process, a worker or the CLI.
 */

/** A rule write as the sync needs to hear of it: the owner whose mailbox re-runs, or null for org rules (every mailbox). */
export interface RulesChangeNotice {
  tenantId: string;
  ownerId: string | null;
}

/** Told after a successful write; the affected mailboxes are queued for a round at once. */
export interface ResyncTriggers {
  onRulesChanged(change: RulesChangeNotice): Promise<void>;
  onSettingsChanged(tenantId: string): Promise<void>;
}

/** Where `POST /api/notifications` hands a delivery's items. */
export interface NotificationReceiver {
  /** Checks and acts on one delivery's notifications; resolves once their rounds are durable (queued or parked). */
  receive(notifications: unknown[]): Promise<void>;
}

/**
 * Where the sync reports a tenant whose tokens fail with a consent error (admin consent never given, or revoked):
 * its rounds and subscription renewals have stopped and nothing of it was deleted. Composition wires a log line; the
 * tenant repository (issue 15) marks the tenant `consent_revoked` here.
 */
export interface TenantStatusPort {
  consentRevoked(tenantId: string): void | Promise<void>;
}

/** Whether the sync may stamp a tenant's mailboxes now, and if not why (issue #15). */
/** `not_customer`: no tenant record and not one of the deployment's configured tenants (an offboarded tenant's late job). */
export type TenantSyncVerdict = { act: true } | { act: false; reason: 'term_lapsed' | 'not_active' | 'not_customer' };

/** Asked before each round: a tenant the gate refuses gets no round (nothing is deleted; renewal resumes it). */
export interface TenantSyncGate {
  check(tenantId: string): Promise<TenantSyncVerdict>;
}
