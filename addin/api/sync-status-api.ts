/**
 * The admin's sync status calls (docs/API.md, "Sync status"), apart from CalSyncApiClient: only the lazily
 * loaded Admin tab makes them, so they stay out of the task pane's first load (npm run bench:addin).
 */
import type { ApiDirectoryUser, ApiDriftReport, ApiMailboxStatus, ApiSyncSummary } from '../../shared/api-types';
import type { CalSyncApiClient } from './api-client';

export interface SyncStatusApi {
  /** The status line's counts and when the last change reached every mailbox. */
  syncSummary(): Promise<ApiSyncSummary>;
  /** Each enrolled mailbox's last round. */
  syncMailboxes(): Promise<ApiMailboxStatus[]>;
  /** Queues a round for an enrolled mailbox now. */
  syncNow(mailbox: string): Promise<void>;
  /** People whose name or address has a word starting with the text (at most 10). */
  searchDirectory(text: string): Promise<ApiDirectoryUser[]>;
  /** Org categories the enrolled mailboxes show in other colours, or lack. */
  drift(): Promise<ApiDriftReport>;
  /** Queues a round that puts the org colours back in each mailbox that shows drift; how many. */
  restoreScheme(): Promise<number>;
  /** Queues a round that removes CalSync's categories from a mailbox that is no longer enrolled. */
  undo(mailbox: string): Promise<void>;
}

export function syncStatusApi(client: Pick<CalSyncApiClient, 'request'>): SyncStatusApi {
  return {
    syncSummary: () => client.request('GET', '/api/sync/summary', 'sync'),
    syncMailboxes: async () => (await client.request<{ items: ApiMailboxStatus[] }>('GET', '/api/sync/mailboxes', 'sync')).items,
    syncNow: async (mailbox) => {
      await client.request('POST', `/api/sync/mailboxes/${encodeURIComponent(mailbox)}/sync`, 'sync', { body: {} });
    },
    drift: () => client.request('GET', '/api/sync/drift', 'sync'),
    undo: async (mailbox) => {
      await client.request('POST', `/api/sync/mailboxes/${encodeURIComponent(mailbox)}/undo`, 'sync', { body: {} });
    },
    restoreScheme: async () => (await client.request<{ queued: number }>('POST', '/api/sync/drift/restore', 'sync', { body: {} })).queued,
    searchDirectory: async (text) =>
      (await client.request<{ items: ApiDirectoryUser[] }>('GET', `/api/directory/users?${new URLSearchParams({ q: text })}`, 'directory')).items,
  };
}
