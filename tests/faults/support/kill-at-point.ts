/**
 * One seeded kill: wait until the sandbox has counted `threshold` PATCHes and some worker is inside a round (it
 * holds a mailbox lease; between rounds, while a killed job waits out its visibility timeout, nobody may be),
 * SIGKILL one of those workers, and note what its rounds had stored as pending — the writes that may have landed
 * without anyone knowing, which the PATCH bound allows for. A drained queue ends the wait too: the kill then lands
 * on an idle worker (recorded as not mid-round).
 */
import type { GraphSandbox } from '../../../graph-sandbox/src/index';
import type { Stores } from '../../../server/store/types';
import { keyOfId, patchTotal } from './fault-tenant';
import type { PerEvent } from './patch-bound';
import type { QueueDepth } from './queue-depth';
import { waitFor } from './wait-for';
import type { WorkerProcess } from './worker-process';

export interface KillRecord {
  /** The seeded point, and the PATCH count the sandbox had reached when the worker died. */
  threshold: number;
  atPatches: number;
  /** The killed process held a mailbox lease: it died inside a round. */
  midRound: boolean;
  mailboxesCut: number;
  /** Events the cut rounds had stored as pending (about to be, or being, written). */
  pending: number;
}

export interface KillContext {
  sandbox: GraphSandbox;
  stores: Stores;
  mailboxes: string[];
  depth: QueueDepth;
  workers: WorkerProcess[];
  pick<T>(candidates: readonly T[]): T;
  /** Added to: per mailbox and event key, how many killed rounds had the event pending. */
  pendingAtKills: PerEvent;
}

/** Holders are `<random>:<host>:<pid>` (server/sync/worker-pool.ts). */
const pidOf = (holder: string): number => Number(holder.split(':').pop());

/** Mailboxes whose lease is live, by the pid of the process holding it. */
async function leasesByPid(ctx: KillContext): Promise<Map<number, string[]>> {
  const out = new Map<number, string[]>();
  for (const upn of ctx.mailboxes) {
    const lease = (await ctx.stores.syncState.get(ctx.sandbox.tenantId, upn))?.lease;
    if (!lease || Date.parse(lease.expiresAt) <= Date.now()) continue;
    const pid = pidOf(lease.holder);
    out.set(pid, [...(out.get(pid) ?? []), upn]);
  }
  return out;
}

export async function killAtPoint(ctx: KillContext, threshold: number): Promise<{ record: KillRecord; victim: WorkerProcess }> {
  let leases = new Map<number, string[]>();
  await waitFor(
    `${threshold} PATCHes and a worker in a round`,
    async () => {
      if (patchTotal(ctx.sandbox) < threshold) return (await ctx.depth.jobs()) === 0;
      leases = await leasesByPid(ctx);
      return ctx.workers.some((w) => leases.has(w.pid)) || (await ctx.depth.jobs()) === 0;
    },
    60_000,
    20,
  );
  const inRound = ctx.workers.filter((w) => leases.has(w.pid));
  const victim = ctx.pick(inRound.length > 0 ? inRound : ctx.workers);
  await victim.kill('SIGKILL');
  const atPatches = patchTotal(ctx.sandbox);
  // Read after the death: nothing can change the dead process's rows any more, and its leases have not lapsed.
  const cut = (await leasesByPid(ctx)).get(victim.pid) ?? [];
  let pending = 0;
  for (const upn of cut) {
    for (const id of (await ctx.stores.syncState.get(ctx.sandbox.tenantId, upn))?.pending ?? []) {
      const key = keyOfId(ctx.sandbox, upn, id);
      if (!key) continue;
      const per = (ctx.pendingAtKills[upn] ??= {});
      per[key] = (per[key] ?? 0) + 1;
      pending++;
    }
  }
  return { record: { threshold, atPatches, midRound: inRound.includes(victim), mailboxesCut: cut.length, pending }, victim };
}
