/**
 * The durable inbox for change notifications: where a delivery's rounds are parked when the mailbox queue is
 * too slow to take them before Graph's answer deadline. One entry per (tenant, mailbox, full), so any number
 * of notifications for a mailbox park as one entry; whoever drains it puts the round on the queue, then
 * removes the entry (a crash in between runs the round twice, which is harmless; nothing is lost). Removal is
 * conditional on the version read: an entry parked again after the drain read it stays for the next drain.
 */
export interface InboxEntry {
  tenantId: string;
  mailboxId: string;
  /** A `missed` notification: the round must read every event again. */
  full: boolean;
}

/** An entry as `pending` returns it: `version` changes each time the entry is parked again. */
export interface ParkedEntry extends InboxEntry {
  version: string;
}

export interface NotificationInbox {
  /** Parks the entries; one that is already parked stays one entry. Resolves once they are durable. */
  add(entries: InboxEntry[]): Promise<void>;
  /** Up to `limit` parked entries, oldest first, across tenants (the drain is bookkeeping, like renewal). */
  pending(limit: number): Promise<ParkedEntry[]>;
  /** Removes the entry once its round is on the queue, unless it was parked again since `pending` read it. */
  remove(entry: ParkedEntry): Promise<void>;
}

/** The key an entry is stored under: the mailbox compared case-insensitively, as everywhere in the sync. */
export const inboxKey = (e: InboxEntry): string => `${e.tenantId}\n${e.mailboxId.toLowerCase()}\n${e.full ? 'full' : 'delta'}`;
