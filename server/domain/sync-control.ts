/**
 * The sync's side of the admin status (enrolled mailboxes, "sync now", directory search): implemented by the sync
 * runtime, used by services/sync-status through createApp. It lives below both so neither imports the other.
 */
import type { ApiDirectoryUser } from '../../shared/api-types';

export interface SyncControl {
  /** The tenant's enrolled mailboxes, 'all' resolved through the directory. */
  enrolled(tenantId: string): Promise<string[]>;
  /** Queues a round for the (enrolled) mailbox now. */
  syncNow(tenantId: string, mailboxId: string): Promise<void>;
  /** People whose name or address has a word starting with the text, at most `limit`. */
  searchDirectory(tenantId: string, text: string, limit: number): Promise<ApiDirectoryUser[]>;
}
