/**
 * The fault-free reference: an identical sandbox (same generator seed, same hand-set categories), the same rules
 * and settings from a SQLite store, the same round with the same rules loader the worker uses (personal rules
 * through graphOwnerIds) — no faults, no kills, no queue. One round per mailbox, then a second that must be
 * quiet. Its per-event categories and PATCH counts are what the faulty run is held to.
 */
import { createGraphCredential } from '../../../server/sync/credential';
import { createGraphAccess } from '../../../server/sync/graph-client';
import { MailboxGates } from '../../../server/sync/mailbox-gate';
import { runMailboxRound, type MailboxRoundDeps } from '../../../server/sync/mailbox-round';
import { graphOwnerIds } from '../../../server/sync/owner-ids';
import { storeRulesLoader } from '../../../server/sync/store-rules-loader';
import { openSqliteStores } from '../../../server/store/sqlite';
import { tempSqliteDir } from '../../support/sqlite';
import { patchesByKey, seedRulesStore, startFaultSandbox, tenantState, type EventState } from './fault-tenant';

export interface CleanRun {
  mailboxes: string[];
  state: Record<string, Record<string, EventState>>;
  patches: Record<string, Record<string, number>>;
  totalPatches: number;
  /** Top-level events in the tenant, and how many carried a category before any sync (a person's). */
  events: number;
  eventsWithManualCategories: number;
}

export async function cleanRun(seed: number): Promise<CleanRun> {
  const sandbox = await startFaultSandbox(seed);
  const temp = tempSqliteDir('calsync-faults-clean-');
  const access = createGraphAccess({
    credential: createGraphCredential(sandbox.credential),
    baseUrl: sandbox.baseUrl,
    caPem: sandbox.caPem,
  });
  const dbPath = temp.dbPath('clean.db');
  try {
    const before = tenantState(sandbox);
    await seedRulesStore(dbPath, sandbox);
    const stores = openSqliteStores({ path: dbPath });
    try {
      const deps: MailboxRoundDeps = {
        tenantId: sandbox.tenantId,
        client: access.client,
        syncState: stores.syncState,
        loadRules: storeRulesLoader(stores, { ownerIdFor: graphOwnerIds(access.client) }),
        gates: new MailboxGates(),
      };
      const mailboxes = sandbox.store.mailboxes().map((m) => m.userPrincipalName.toLowerCase());
      for (const upn of mailboxes) {
        const report = await runMailboxRound(deps, upn, { mode: 'sync' });
        if (!report.committed || report.failed > 0) throw new Error(`the fault-free round of ${upn} did not commit`);
      }
      for (const upn of mailboxes) {
        const report = await runMailboxRound(deps, upn, { mode: 'sync' });
        if (report.patches !== 0) throw new Error(`the fault-free run did not settle: ${upn} patched ${report.patches} events in its second round`);
      }
      const patches = patchesByKey(sandbox);
      const all = Object.values(before).flatMap((per) => Object.values(per));
      return {
        mailboxes,
        state: tenantState(sandbox),
        patches,
        totalPatches: Object.values(patches).reduce((n, per) => n + Object.values(per).reduce((a, b) => a + b, 0), 0),
        events: all.length,
        eventsWithManualCategories: all.filter((e) => e.categories.length > 0).length,
      };
    } finally {
      await stores.close();
    }
  } finally {
    await access.close();
    await sandbox.stop();
    temp.remove();
  }
}
