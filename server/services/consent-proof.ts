/**
 * ConsentProof over Graph: with the app's own credential for the consenting tenant (a client per tenant, as the sync
 * uses), read the organisation (`GET /organization`) and one user's mailbox time zone
 * (`GET /users?$top=1`, then `GET /users/{id}/mailboxSettings/timeZone`). A token refused (no service principal:
 * AADSTS7000229 / 700016) or a read refused (403: the permissions were not granted) means the consent did not take.
 */
import type { Client } from '@microsoft/microsoft-graph-client';
import { ConsentNotWorking, type ConsentEvidence, type ConsentProof } from './onboarding';

interface Organization {
  displayName?: string;
  verifiedDomains?: Array<{ name?: string }>;
}

/** A reason fit for the admin's page: Entra's error code or Graph's status, never a token or a stack. */
function reasonOf(err: unknown, step: string): string {
  const text = err instanceof Error ? err.message : String(err);
  const aadsts = /AADSTS\d+/.exec(text)?.[0];
  if (aadsts) return `Microsoft Entra ID would not give CalSync a token for your organisation (${aadsts}) while ${step}`;
  const status = (err as { statusCode?: number }).statusCode;
  return `Microsoft Graph refused CalSync${status ? ` (HTTP ${status})` : ''} while ${step}`;
}

export function graphConsentProof(clientFor: (tenantId: string) => Client): ConsentProof {
  return {
    async prove(tenantId: string): Promise<ConsentEvidence> {
      const client = clientFor(tenantId);
      let organization: Organization | undefined;
      try {
        organization = ((await client.api('/organization').get()) as { value?: Organization[] }).value?.[0];
      } catch (err) {
        throw new ConsentNotWorking(reasonOf(err, 'reading your organisation'));
      }
      if (!organization) throw new ConsentNotWorking('Microsoft Graph showed CalSync no organisation for this tenant');
      try {
        const users = ((await client.api('/users').top(1).select('id').get()) as { value?: Array<{ id: string }> }).value ?? [];
        if (users[0]) await client.api(`/users/${encodeURIComponent(users[0].id)}/mailboxSettings/timeZone`).get();
      } catch (err) {
        throw new ConsentNotWorking(reasonOf(err, 'reading a mailbox setting'));
      }
      return {
        displayName: organization.displayName ?? tenantId,
        verifiedDomains: (organization.verifiedDomains ?? []).map((d) => d.name ?? '').filter(Boolean),
      };
    },
  };
}
