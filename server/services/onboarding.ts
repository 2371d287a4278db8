/**
 * The end of admin-consent onboarding (issue #15): Entra says an admin of `tenantId` consented; CalSync proves it
 * by acting as the app in that tenant (ConsentProof: an app-only token, the organisation, one mailbox setting), and
 * only then makes the tenant a customer — `active`, on the trial plan unless an operator set a plan first
 * (TenantService.activate) — and creates its settings: the defaults, with the organisation's verified domains as
 * its internal domains, so "external attendee" rules work before the admin opens the pane. Nobody is enrolled yet.
 */
import { DEFAULT_SETTINGS } from '../../shared/settings-defaults';
import { GUID } from '../config/fields';
import { badRequest, DomainError } from '../domain/errors';
import type { StoredTenant } from '../store/tenants';
import type { Stores } from '../store/types';
import { DEFAULT_SETTINGS_ETAG, SettingsService } from './settings';
import { TenantService } from './tenants';

/** What acting as the app in the tenant showed. */
export interface ConsentEvidence {
  displayName: string;
  verifiedDomains: string[];
}

/** Implemented over Graph in the composition root; throws ConsentNotWorking when the app cannot act there. */
export interface ConsentProof {
  prove(tenantId: string): Promise<ConsentEvidence>;
}

/** The consent did not take: no token for the tenant, or Graph refused the reads. `reason` is safe to show. */
export class ConsentNotWorking extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'ConsentNotWorking';
  }
}

export interface OnboardingResult {
  tenant: StoredTenant;
  /** False when the tenant already had settings (a tenant consenting again keeps its own). */
  settingsCreated: boolean;
  /** True when the tenant got the trial plan (no operator had set one). */
  trial: boolean;
}

export interface OnboardingOptions {
  now?: () => Date;
  /** CALSYNC_ALLOWED_TENANTS: when set, only these tenants may sign up (the same fence the token verifier keeps). */
  allowedTenants?: readonly string[];
  /** After a tenant became active: the sync queues its enrolled mailboxes now, not at its next tick. Must not throw. */
  onActivated?: (tenantId: string) => void | Promise<void>;
  /**
   * The API's TenantService, so the tenant gate's cached "not a customer" is dropped by the activation itself and the
   * admin's first add-in call right after consent is served; default: one of its own.
   */
  tenants?: TenantService;
}

export class Onboarding {
  private readonly tenants: TenantService;

  private readonly now: () => Date;

  constructor(
    private readonly stores: Stores,
    private readonly proof: ConsentProof,
    private readonly options: OnboardingOptions = {},
  ) {
    this.now = options.now ?? (() => new Date());
    this.tenants = options.tenants ?? new TenantService(stores, { now: this.now, accessCacheTtlMs: 0 });
  }

  async complete(tenantIdInput: string): Promise<OnboardingResult> {
    const tenantId = tenantIdInput.trim().toLowerCase();
    if (!GUID.test(tenantId)) throw badRequest('the consent answer names no tenant', [{ path: 'tenant', message: 'expected a tenant id (GUID)' }]);
    const allowed = this.options.allowedTenants;
    if (allowed && !allowed.some((t) => t.toLowerCase() === tenantId)) {
      throw new DomainError('forbidden', 'this CalSync deployment serves a fixed list of organisations, and yours is not on it; contact your CalSync provider');
    }
    const current = await this.tenants.get(tenantId);
    if (current?.status === 'suspended') throw new DomainError('tenant_suspended', 'CalSync is suspended for this organisation; contact your CalSync provider');
    const evidence = await this.proof.prove(tenantId);
    const actor = { userId: 'admin-consent', displayName: 'Admin consent' };
    const tenant = await this.tenants.activate(actor, tenantId, {
      displayName: evidence.displayName,
      consentedBy: `an administrator of ${evidence.displayName}`,
    });
    let settingsCreated = false;
    if (!(await this.stores.settings.get(tenantId))) {
      const admin = { tenantId, userId: actor.userId, displayName: actor.displayName, isAdmin: true };
      const values = { ...DEFAULT_SETTINGS, internalDomains: evidence.verifiedDomains.map((d) => d.toLowerCase()), enrolledMailboxes: [] };
      try {
        // Through the settings service: validated and audited like an admin's first save.
        await new SettingsService(this.stores, this.now).put(admin, values, DEFAULT_SETTINGS_ETAG);
        settingsCreated = true;
      } catch (err) {
        // An admin saved settings in between (the pane is open already): theirs stay.
        if (!(err instanceof DomainError && err.code === 'precondition_failed')) throw err;
      }
    }
    await this.options.onActivated?.(tenantId);
    return { tenant, settingsCreated, trial: !current };
  }
}
