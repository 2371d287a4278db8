/**
 * Who exists in the local demo: the sandbox's tenant, the demo team's people, the people one can sign in to the
 * task pane as (Megan the CalSync admin, Adele a normal user, both Contoso; Jordan, Fabrikam's admin, whose
 * organisation is not a customer until someone walks /onboard), and Olivia, who runs the service (the operator page).
 *
 * Object ids are derived from the UPN, not random: the sandbox is rebuilt at every start, and personal rules
 * belong to the token's `oid`. With a stable id per person, the sandbox's Graph user id, the demo token's
 * `oid` and the owner of stored personal rules stay one and the same across restarts — as in Entra ID, where
 * Graph's user id is the object id.
 */
import { createHash } from 'node:crypto';
import { defaultTenantId } from '../graph-sandbox/src/index';
import { FABRIKAM_TENANT_ID } from './fabrikam';

export const DEMO_TENANT_ID = defaultTenantId;
export const DEMO_DOMAIN = 'contoso.com';

export type DemoRole = 'admin' | 'user';

export interface DemoAccount {
  /** The key the pages and the token route use (`?user=megan`). */
  key: string;
  upn: string;
  displayName: string;
  role: DemoRole;
  /** The organisation the account belongs to (its tokens' `tid`). */
  tenantId: string;
}

export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
  { key: 'megan', upn: 'megan@contoso.com', displayName: 'Megan Bowen', role: 'admin', tenantId: DEMO_TENANT_ID },
  { key: 'adele', upn: 'adele@contoso.com', displayName: 'Adele Vance', role: 'user', tenantId: DEMO_TENANT_ID },
  { key: 'jordan', upn: 'jordan.miller@fabrikam.com', displayName: 'Jordan Miller', role: 'admin', tenantId: FABRIKAM_TENANT_ID },
];

/** The demo's operator tenant ("CalSync operations") and the one operator in it, with the CalSync.Operator role. */
export const DEMO_OPERATOR_TENANT_ID = 'c0ffee00-0000-4000-8000-0000000000a1';
export const DEMO_OPERATOR = { upn: 'olivia@calsync-ops.example', displayName: 'Olivia Ops', tenantId: DEMO_OPERATOR_TENANT_ID } as const;
/** The app registration operators sign in to in the demo (the ID tokens' audience). */
export const DEMO_OPERATOR_CLIENT_ID = 'c0ffee00-0000-4000-8000-0000000000c1';

export const DEFAULT_DEMO_ACCOUNT = DEMO_ACCOUNTS[0] as DemoAccount;

export function demoAccount(key: string | null | undefined): DemoAccount | undefined {
  return DEMO_ACCOUNTS.find((a) => a.key === key);
}

/** A GUID-shaped id from the UPN (lower-cased hex, as the API stores owner ids). */
export function demoObjectId(upn: string): string {
  const hex = createHash('sha256').update(`calsync-demo:${upn.toLowerCase()}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
