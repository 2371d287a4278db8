/**
 * The sandbox's directories: several Entra tenants, each with its own domains and mailboxes, and whether the
 * multi-tenant app has a service principal there (its admin consented). Graph answers a token only for mailboxes of
 * the tenant it was issued in; the token endpoint refuses a tenant that never consented or revoked its consent.
 */
export interface SandboxTenantInput {
  id: string;
  displayName?: string;
  /** Verified domains: a mailbox whose UPN ends in one of them belongs to this tenant. */
  domains?: string[];
  /** Whether the app has a service principal here (admin consent given); default false. */
  consented?: boolean;
}

export interface SandboxTenant {
  id: string;
  displayName: string;
  domains: string[];
  consented: boolean;
}

/**
 * What the token endpoint answers for a tenant without the app's service principal. Sources disagree:
 * - 7000229 `invalid_client` "The client application … is missing service principal in the tenant …"
 *   (Azure/azure-sdk-for-net#46762, Azure/Commercial-Marketplace-SaaS-Accelerator#830: client credentials, MSAL);
 * - 700016 `unauthorized_client` "Application with identifier … was not found in the directory …" with
 *   `error_codes: [700016]` (microsoft/AzureTRE#1475 shows the whole body of a client-credentials request).
 * Both are offered; 7000229 is the default (the newer, client-credentials-specific code).
 */
export type ConsentErrorCode = 7000229 | 700016;

/** How a scripted admin answers the admin-consent page. */
export type ConsentAnswer =
  | { kind: 'consent'; tenantId: string }
  /**
   * The admin cancels. `style` picks the redirect's shape: 'cancel' (default) is what Entra sends today,
   * `error=access_denied&error_subcode=cancel&error_description=AADSTS65004: User declined to consent to access the
   * app.` (learn.microsoft.com/en-us/answers/questions/2237594); 'reference' is the example of the admin-consent
   * page, `error=permission_denied&error_description=The admin canceled the request`
   * (learn.microsoft.com/en-us/entra/identity-platform/v2-admin-consent, "Error response").
   */
  | { kind: 'decline'; style?: 'cancel' | 'reference' };

export class SandboxDirectory {
  private readonly byId = new Map<string, SandboxTenant>();
  private readonly byDomain = new Map<string, SandboxTenant>();
  private readonly answers: ConsentAnswer[] = [];
  consentErrorCode: ConsentErrorCode = 7000229;

  constructor(readonly homeTenantId: string) {
    this.add({ id: homeTenantId, displayName: 'Contoso', consented: true });
  }

  add(input: SandboxTenantInput): SandboxTenant {
    const id = input.id.toLowerCase();
    const existing = this.byId.get(id);
    const tenant: SandboxTenant = existing ?? { id, displayName: input.displayName ?? id, domains: [], consented: input.consented ?? false };
    if (existing) {
      if (input.displayName) tenant.displayName = input.displayName;
      if (input.consented !== undefined) tenant.consented = input.consented;
    }
    for (const domain of input.domains ?? []) {
      const d = domain.toLowerCase();
      const owner = this.byDomain.get(d);
      if (owner && owner !== tenant) throw new Error(`domain ${d} is already verified in tenant ${owner.id}`);
      if (!tenant.domains.includes(d)) tenant.domains.push(d);
      this.byDomain.set(d, tenant);
    }
    this.byId.set(id, tenant);
    return tenant;
  }

  list(): SandboxTenant[] {
    return [...this.byId.values()];
  }

  /** A tenant by GUID or verified domain, as the authority's `{tenant}` path segment may name it. */
  find(idOrDomain: string): SandboxTenant | undefined {
    const key = idOrDomain.toLowerCase();
    return this.byId.get(key) ?? this.byDomain.get(key);
  }

  /** The tenant a UPN's domain is verified in; undefined for a domain no tenant verified. */
  tenantOfUpn(upn: string): SandboxTenant | undefined {
    const at = upn.lastIndexOf('@');
    return at < 0 ? undefined : this.byDomain.get(upn.slice(at + 1).toLowerCase());
  }

  setConsent(tenantId: string, consented: boolean): void {
    const tenant = this.find(tenantId);
    if (!tenant) throw new Error(`no sandbox tenant ${tenantId}`);
    tenant.consented = consented;
  }

  /** Answers for the next admin-consent requests, in order. */
  scriptConsent(...answers: ConsentAnswer[]): void {
    this.answers.push(...answers);
  }

  takeConsentAnswer(): ConsentAnswer | undefined {
    return this.answers.shift();
  }
}
