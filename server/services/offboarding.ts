/**
 * Offboarding (issue #15): everything CalSync holds for a tenant is deleted — its Graph subscriptions (in Graph, then
 * in the store), rules, rule versions, settings, audit, sync state and stamp mirror, parked notifications — and the
 * tenant record last. The record is first moved to `offboarded`, so the API and the sync stop acting for the tenant
 * before anything goes. Every step can be run again: a run that stopped midway (a crash, a store outage) is finished
 * by running it again, which picks up from what is left. Undoing the tenant's stamps, when asked, is the caller's
 * step before this one (it needs the sync's round and the stamp mirror this deletes).
 */
import { notFound } from '../domain/errors';
import type { TenantDataCounts } from '../store/tenant-data';
import { totalOf } from '../store/tenant-data';
import type { Stores } from '../store/types';
import type { TenantActor, TenantService } from './tenants';

/** Deletes a subscription in Graph with the tenant's own token; a subscription Graph no longer has counts as deleted. */
export interface GraphSubscriptionRemover {
  deleteSubscription(tenantId: string, subscriptionId: string): Promise<void>;
}

export type OffboardingStep =
  | { step: 'marked'; status: 'offboarded' }
  | { step: 'subscription'; subscriptionId: string; inGraph: 'deleted' | 'failed' | 'skipped'; error?: string }
  | { step: 'erased'; counts: TenantDataCounts }
  | { step: 'record_deleted' };

export interface OffboardingResult {
  subscriptions: { deleted: number; graphFailures: number };
  erased: TenantDataCounts;
  /** What the store still holds for the tenant afterwards (all zero unless something failed silently). */
  left: TenantDataCounts;
}

export class TenantOffboarding {
  constructor(
    private readonly stores: Stores,
    private readonly tenants: TenantService,
    /** Absent: subscriptions are only forgotten here and expire in Graph by themselves (at most about 3 days). */
    private readonly graph?: GraphSubscriptionRemover,
  ) {}

  async offboard(actor: TenantActor, tenantIdInput: string, onStep: (step: OffboardingStep) => void = () => undefined): Promise<OffboardingResult> {
    const tenantId = tenantIdInput.trim().toLowerCase();
    const record = await this.tenants.get(tenantId);
    // No record: either never a tenant, or a run that deleted the record already (then there is nothing left to do).
    if (!record && totalOf(await this.stores.tenantData.count(tenantId)) === 0) throw notFound('tenant');
    if (record && record.status !== 'offboarded') {
      await this.tenants.markOffboarded(actor, tenantId);
      onStep({ step: 'marked', status: 'offboarded' });
    }

    let deleted = 0;
    let graphFailures = 0;
    for (const subscription of await this.stores.subscriptions.forTenant(tenantId)) {
      let inGraph: 'deleted' | 'failed' | 'skipped' = 'skipped';
      let error: string | undefined;
      if (this.graph) {
        try {
          await this.graph.deleteSubscription(tenantId, subscription.subscriptionId);
          inGraph = 'deleted';
        } catch (err) {
          // Consent already revoked is the usual reason; Graph ends the subscription at its expiry regardless.
          inGraph = 'failed';
          error = err instanceof Error ? err.message : String(err);
          graphFailures += 1;
        }
      }
      await this.stores.subscriptions.delete(tenantId, subscription.subscriptionId);
      deleted += 1;
      onStep({ step: 'subscription', subscriptionId: subscription.subscriptionId, inGraph, ...(error ? { error } : {}) });
    }

    const erased = await this.stores.tenantData.erase(tenantId);
    onStep({ step: 'erased', counts: erased });

    // The record last, If-Match the one read now: an operator's change in between is refused, not lost.
    const last = await this.stores.tenants.get(tenantId);
    if (last) {
      await this.stores.tenants.delete(tenantId, last.etag);
      onStep({ step: 'record_deleted' });
    }
    return { subscriptions: { deleted, graphFailures }, erased, left: await this.stores.tenantData.count(tenantId) };
  }
}
