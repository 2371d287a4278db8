import { startSyncHarness, type SyncHarness } from './harness';
import { ADA, teamDocument, teamRules } from './team';

/** The team tenant with Ada's mailbox fully synced and then quiet: the starting point of most round tests. */
export async function syncedTeam(): Promise<SyncHarness> {
  const h = await startSyncHarness({ document: teamDocument(), rules: teamRules() });
  await h.round(ADA);
  await h.round(ADA);
  return h;
}
