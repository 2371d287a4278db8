/**
 * A worker killed mid-round (lease taken, pending ids stored, its PATCHes never sent, no more renewals) holds
 * the mailbox only until its lease lapses; then another worker converges. When the dead worker's request
 * finally goes out, it writes nothing that sticks: its state write is refused.
 */
import type { Context } from '@microsoft/microsoft-graph-client';
import { acquireLease } from '../../server/sync/mailbox-lease';
import { runMailboxRound } from '../../server/sync/mailbox-round';
import { storeRulesLoader } from '../../server/sync/store-rules-loader';
import { startSyncStack, type SyncStack } from './support/sync-stack';
import { ADA, categoriesOf, finalState } from './support/team';

const TTL = 60_000;

describe('killed worker', () => {
  let s: SyncStack;
  let stallBatches = false;
  let stalled: (() => void) | undefined;
  let reachedStall: (() => void) | undefined;
  beforeAll(async () => {
    s = await startSyncStack({
      beforeSend: async (context: Context) => {
        if (!stallBatches || !String(context.request).includes('$batch')) return;
        stallBatches = false;
        reachedStall?.();
        await new Promise<void>((resolve) => (stalled = resolve));
      },
    });
  });
  afterAll(async () => {
    stalled?.();
    await s.close();
  });

  test('another worker takes over after the lease lapses and converges; the dead round cannot commit', async () => {
    let clock = Date.now();
    const now = () => new Date(clock);
    // The "dead" worker: lease taken, round started, stuck before its first $batch, never renewing.
    const lease = await acquireLease(s.stores.syncState, s.tenantId, ADA, { holder: 'dead-worker', ttlMs: TTL, now });
    if (!lease.acquired) throw new Error('no lease');
    stallBatches = true;
    const atStall = new Promise<void>((resolve) => (reachedStall = resolve));
    const deadRound = runMailboxRound(
      { tenantId: s.tenantId, client: s.harness.deps.client, syncState: lease.lease, loadRules: storeRulesLoader(s.stores), gates: s.harness.gates, now },
      ADA,
      { mode: 'sync' },
    ).then(
      () => 'committed',
      (e: unknown) => (e as Error).message,
    );
    await atStall;
    expect((await s.stores.syncState.get(s.tenantId, ADA))?.pending.length).toBeGreaterThan(0);

    const survivor = s.worker({ holder: 'survivor', leaseTtlMs: TTL, now, busyRetryMs: 0 });
    await s.queue.enqueue({ tenantId: s.tenantId, mailboxId: ADA, reason: 'schedule' });
    await survivor.runOnce();
    expect(s.outcomes.map((o) => o.kind)).toEqual(['busy']);

    clock += TTL + 1;
    await survivor.runOnce();
    expect(s.outcomes[1]).toMatchObject({ kind: 'done', report: { committed: true, failed: 0 } });
    expect(categoriesOf(s.harness.sandbox, ADA, 'Customer kickoff')).toEqual(['Customer']);
    expect(categoriesOf(s.harness.sandbox, ADA, 'Dentist')).toEqual(['Personal']);
    const committed = await s.stores.syncState.get(s.tenantId, ADA);
    expect(committed).toMatchObject({ pending: [], lease: null });

    // The dead worker's request finally leaves: its writes meet the survivor's etags (412 → re-read → nothing
    // to change), and its final state — held by its lease for the release — is refused there, so the survivor's
    // deltaLink stands.
    const converged = finalState(s.harness.sandbox);
    stalled!();
    await deadRound;
    expect(await lease.lease.release()).toBe(false);
    expect(finalState(s.harness.sandbox)).toEqual(converged);
    expect((await s.stores.syncState.get(s.tenantId, ADA))?.deltaLink).toBe(committed!.deltaLink);
  });
});
