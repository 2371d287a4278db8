/**
 * The sync's side of the admin status (enrolled mailboxes, "sync now") and the directory the API reads (people and
 * team search, team names, a user's teams): implemented by the sync runtime, or by a Graph directory alone when the
 * API runs without the sync (sync/graph-directory.ts); used by the services through createApp. It lives below both
 * so neither imports the other.
 */
import type { ApiDirectoryGroup, ApiDirectoryUser } from '../../shared/api-types';

/** What the API reads from the tenant's Entra directory. */
export interface DirectoryReader {
  /** People whose name or address has a word starting with the text, at most `limit`. */
  searchDirectory(tenantId: string, text: string, limit: number): Promise<ApiDirectoryUser[]>;
  /** Groups whose name has a word starting with the text, at most `limit`. */
  searchGroups?(tenantId: string, text: string, limit: number): Promise<ApiDirectoryGroup[]>;
  /** The groups among `ids` that exist, with their names. */
  groupsByIds?(tenantId: string, ids: readonly string[]): Promise<ApiDirectoryGroup[]>;
  /** A user's Entra groups, transitively, for org rules scoped to teams; the rounds use the same reader. */
  memberOf?(tenantId: string, userId: string): Promise<ReadonlySet<string>>;
  /** The mailbox addresses (lower-case) of a group's members, transitively: what enrolling the group enrols. */
  groupMailboxes?(tenantId: string, groupId: string): Promise<string[]>;
}

export interface SyncControl extends DirectoryReader {
  /** The tenant's enrolled mailboxes, 'all' resolved through the directory (and cut to the plan's seats). */
  enrolled(tenantId: string): Promise<string[]>;
  /** When 'all' was cut to the seats at the last look: the seats and how many mailboxes the directory has. */
  overSeats?(tenantId: string): { seats: number; directoryMailboxes: number } | undefined;
  /** Queues for each of these (enrolled) mailboxes a round that puts the org colours back in its master list; how many. */
  restoreScheme?(tenantId: string, mailboxIds: string[]): Promise<number>;
  /** Queues a round that removes CalSync's categories from a mailbox that is not enrolled; false while it is. */
  undo?(tenantId: string, mailboxId: string): Promise<boolean>;
  /** Queues a round for the (enrolled) mailbox now. */
  syncNow(tenantId: string, mailboxId: string): Promise<void>;
}
