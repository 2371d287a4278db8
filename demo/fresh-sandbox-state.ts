/**
 * The sync state survives a restart (SQLite), the sandbox does not: each start seeds new mailboxes with new
 * event ids on a new port. A deltaLink from the previous run names that old port — a connection error, not
 * the 410 that would make a round start over — so it would fail every round until the job is poisoned.
 * Before the sync starts, each mailbox's state is told what happened: no deltaLink (the next round is a full
 * one), no pending ids (those events are gone), and no lease (a killed demo's lease would hold the mailbox
 * for its whole lifetime; the data-dir lock makes this process the only worker here). The records and the
 * categories CalSync created are kept: the full round drops records of events it no longer sees, and
 * forgets created categories whose ids are gone. Stored Graph subscriptions are dropped too: the new sandbox
 * never heard of them, and they name the old port; the scheduler creates new ones.
 */
import type { Stores } from '../server/store/types';
import { StoreError } from '../server/store/types';

export async function forgetPreviousSandbox(stores: Pick<Stores, 'syncState' | 'subscriptions'>, tenantId: string, mailboxes: string[]): Promise<number> {
  const repo = stores.syncState;
  let reset = 0;
  for (const mailboxId of mailboxes) {
    const subscription = await stores.subscriptions.forMailbox(tenantId, mailboxId);
    if (subscription) await stores.subscriptions.delete(tenantId, subscription.subscriptionId);
    const stored = await repo.get(tenantId, mailboxId);
    if (!stored || (!stored.deltaLink && stored.pending.length === 0 && !stored.lease)) continue;
    const { etag, ...state } = stored;
    try {
      await repo.put({ ...state, deltaLink: null, configHash: null, pending: [], lease: null }, etag);
      reset++;
    } catch (err) {
      // Nothing else runs rounds yet, so a conflict means a bug, not a race; say which mailbox.
      if (err instanceof StoreError) throw new Error(`cannot reset the sync state of ${mailboxId}: ${err.message}`);
      throw err;
    }
  }
  return reset;
}
