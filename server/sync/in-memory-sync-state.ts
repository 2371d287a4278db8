/** Sync state in memory: unit tests and dry runs. Same contract as the SQLite and Cosmos repositories. */
import { randomBytes } from 'node:crypto';
import { StoreError } from '../store/types';
import type { MailboxSyncState, StoredSyncState, SyncStateRepository } from '../store/sync-state';

export class InMemorySyncStateRepository implements SyncStateRepository {
  private readonly states = new Map<string, StoredSyncState>();
  /** Writes so far, for tests that count them. */
  puts = 0;

  private key(tenantId: string, mailboxId: string): string {
    return `${tenantId}\n${mailboxId.toLowerCase()}`;
  }

  async get(tenantId: string, mailboxId: string): Promise<StoredSyncState | undefined> {
    const s = this.states.get(this.key(tenantId, mailboxId));
    return s ? structuredClone(s) : undefined;
  }

  async put(state: MailboxSyncState, ifMatch: string | null): Promise<StoredSyncState> {
    const key = this.key(state.tenantId, state.mailboxId);
    const current = this.states.get(key);
    if (ifMatch === null && current) throw new StoreError('etag_mismatch', 'sync state already exists');
    if (ifMatch !== null && !current) throw new StoreError('not_found', 'no sync state');
    if (ifMatch !== null && current?.etag !== ifMatch) throw new StoreError('etag_mismatch', 'etag mismatch');
    const stored: StoredSyncState = { ...structuredClone(state), etag: `"${randomBytes(9).toString('base64url')}"` };
    this.states.set(key, stored);
    this.puts++;
    return structuredClone(stored);
  }

  async delete(tenantId: string, mailboxId: string): Promise<void> {
    this.states.delete(this.key(tenantId, mailboxId));
  }
}
