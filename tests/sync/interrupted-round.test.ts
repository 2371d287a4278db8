/**
 * A round that dies after its writes but before its state is saved: the ids it was about to write were
 * stored as pending first, so the next round reads those events' own records rather than trusting a
 * mirror that is behind, and converges without removing anything a person added.
 */
import { StoreError } from '../../server/store/types';
import type { MailboxSyncState, StoredSyncState } from '../../server/store/sync-state';
import { InMemorySyncStateRepository } from '../../server/sync/in-memory-sync-state';
import { startSyncHarness, type SyncHarness } from './support/harness';
import { ADA, categoriesOf, eventsOf, teamDocument, teamRules } from './support/team';

/** Fails the put that would follow the pending-intent put, once armed: the process "dies" there. */
class CrashingSyncState extends InMemorySyncStateRepository {
  crashAfterPuts: number | null = null;
  override async put(state: MailboxSyncState, ifMatch: string | null): Promise<StoredSyncState> {
    if (this.crashAfterPuts !== null) {
      if (this.crashAfterPuts === 0) throw new StoreError('unavailable', 'process died');
      this.crashAfterPuts--;
    }
    return super.put(state, ifMatch);
  }
}

describe('interrupted round', () => {
  let h: SyncHarness;
  const store = new CrashingSyncState();
  beforeAll(async () => {
    h = await startSyncHarness({ document: teamDocument(), rules: teamRules(), syncState: store });
    await h.round(ADA);
    await h.round(ADA);
  });
  afterAll(() => h.close());

  test('writes done, state not saved: the next round re-reads the pending events and converges', async () => {
    h.rules = teamRules().map((r) => (r.id === 'r_customer' ? { ...r, then: { ...r.then, category: 'Client' } } : r));
    store.crashAfterPuts = 1; // the pending-intent put succeeds, the final one does not
    await expect(h.round(ADA)).rejects.toThrow('process died');
    store.crashAfterPuts = null;
    const saved = (await store.get(h.sandbox.tenantId, ADA))!;
    expect(saved.pending.length).toBeGreaterThan(0);
    expect(categoriesOf(h.sandbox, ADA, 'Customer kickoff')).toEqual(['Client']);

    const report = await h.round(ADA);
    expect(report).toMatchObject({ fullReason: 'config-changed', committed: true, failed: 0 });
    expect(report.recordsRead).toBe(saved.pending.length);
    expect(report.patches).toBe(0);
    expect(eventsOf(h.sandbox, ADA).get('Customer kickoff')!.record.stamped).toEqual(['Client']);
    expect((await store.get(h.sandbox.tenantId, ADA))!.pending).toEqual([]);

    // CalSync still knows "Client" is its own: a rule change removes it.
    h.rules = teamRules().filter((r) => r.id !== 'r_customer');
    await h.round(ADA);
    expect(categoriesOf(h.sandbox, ADA, 'Customer kickoff')).toEqual([]);
  });
});
