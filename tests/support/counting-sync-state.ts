/** A SyncStateRepository that counts the calls made through it (the writes a round costs), for any store. */
import type { MailboxSyncState, StoredSyncState, SyncStateRepository } from '../../server/store/sync-state';

export class CountingSyncState implements SyncStateRepository {
  gets = 0;
  puts = 0;

  constructor(private readonly inner: SyncStateRepository) {}

  reset(): void {
    this.gets = 0;
    this.puts = 0;
  }

  get(tenantId: string, mailboxId: string): Promise<StoredSyncState | undefined> {
    this.gets++;
    return this.inner.get(tenantId, mailboxId);
  }

  put(state: MailboxSyncState, ifMatch: string | null): Promise<StoredSyncState> {
    this.puts++;
    return this.inner.put(state, ifMatch);
  }

  delete(tenantId: string, mailboxId: string): Promise<void> {
    return this.inner.delete(tenantId, mailboxId);
  }
}
