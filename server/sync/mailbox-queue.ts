/**
 * The mailbox work queue: every round goes through it, whoever asked for it (schedule, API change,
 * change notification). At-least-once: a message not completed before its visibility timeout comes back,
 * so a job must be harmless to run twice (a round is idempotent). A message received more than
 * MAX_DEQUEUES times is moved to the poison queue instead of being handed out again.
 */
import { GUID } from '../config/fields';

/** One mailbox round to run. */
export interface MailboxJob {
  tenantId: string;
  mailboxId: string;
  /** Drop the deltaLink first, so every event in the window is read again (a `missed` lifecycle notification). */
  full?: boolean;
  /**
   * The object id of the mailbox's user, when whoever queued the job had it from a directory or group listing: the
   * worker takes the owner of the personal rules from here instead of asking Graph (issue #20).
   */
  ownerId?: string;
  /** Remove exactly the categories CalSync stamped instead of stamping (a mailbox no longer enrolled; the admin's undo). */
  undo?: boolean;
  /** Check the master category list this round and restore the org colours, whatever categoryPolicy says (an admin's re-apply). */
  restoreScheme?: boolean;
  /** Why it was queued; for logs only. */
  reason: 'schedule' | 'resync' | 'notification' | 'missed';
}

export interface QueueMessage {
  id: string;
  /** Proves this receipt is the latest delivery; a stale one cannot complete or abandon the message. */
  popReceipt: string;
  /** Deliveries so far, this one included. */
  dequeueCount: number;
  job: MailboxJob;
}

export interface MailboxQueue {
  /** Adds a job, visible after delayMs (default at once). */
  enqueue(job: MailboxJob, delayMs?: number): Promise<void>;
  /** Up to maxMessages visible messages, each hidden for visibilityTimeoutMs unless completed or abandoned. */
  receive(maxMessages: number, visibilityTimeoutMs: number): Promise<QueueMessage[]>;
  /** Removes the message; false when the receipt is stale (the message timed out and went to someone else). */
  complete(message: QueueMessage): Promise<boolean>;
  /** Makes the message visible again after delayMs (default 0); false when the receipt is stale. */
  abandon(message: QueueMessage, delayMs?: number): Promise<boolean>;
  /** Jobs moved to the poison queue (oldest first). */
  poisoned(): Promise<MailboxJob[]>;
  close(): Promise<void>;
}

/** Issue 5: messages dequeued more than 5 times go to the poison queue. */
export const MAX_DEQUEUES = 5;

/** Parses a job from queue text; undefined for anything that is not one (a message someone else put there). */
export function parseJob(text: string): MailboxJob | undefined {
  try {
    const v = JSON.parse(text) as Partial<MailboxJob>;
    if (typeof v?.tenantId !== 'string' || typeof v.mailboxId !== 'string' || typeof v.reason !== 'string') return undefined;
    return {
      tenantId: v.tenantId,
      mailboxId: v.mailboxId,
      reason: v.reason,
      ...(v.full ? { full: true } : {}),
      ...(v.restoreScheme ? { restoreScheme: true } : {}),
      ...(v.undo ? { undo: true } : {}),
      // An owner id that is not a GUID is left out: the worker then looks the owner up.
      ...(typeof v.ownerId === 'string' && GUID.test(v.ownerId) ? { ownerId: v.ownerId.toLowerCase() } : {}),
    };
  } catch {
    return undefined;
  }
}
