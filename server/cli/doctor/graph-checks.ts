/**
 * Graph checks: an app-only token can be had, it carries the application permissions CalSync needs, and a
 * mailbox can actually be read (RBAC for Applications may scope the app to some mailboxes only).
 */
import type { TokenCredential } from '@azure/identity';
import type { Client } from '@microsoft/microsoft-graph-client';
import { decodeJwt } from 'jose';
import { fail, pass, shortError, skip, type CheckResult } from './check';

import { REQUIRED_GRAPH_ROLES } from '../../domain/graph-permissions';

export { REQUIRED_GRAPH_ROLES };

export async function checkGraphToken(credential: TokenCredential): Promise<{ result: CheckResult; token?: string }> {
  const name = 'graph token';
  try {
    const token = await credential.getToken('https://graph.microsoft.com/.default');
    if (!token) return { result: fail(name, 'the credential returned no token', 'check CALSYNC_TENANT_ID, CALSYNC_CLIENT_ID and the credential') };
    return { result: pass(name, `app-only token acquired, valid until ${new Date(token.expiresOnTimestamp).toISOString()}`), token: token.token };
  } catch (err) {
    return {
      result: fail(
        name,
        shortError(err),
        'check CALSYNC_TENANT_ID and CALSYNC_CLIENT_ID, and that the secret or certificate is the one registered on the app (Certificates & secrets) and not expired',
      ),
    };
  }
}

/** Entra ID tokens are JWTs listing the granted application permissions in `roles`; other issuers' are opaque. */
export function checkGraphRoles(token: string | undefined): CheckResult {
  const name = 'graph permissions';
  if (!token) return skip(name, 'needs a Graph token');
  let roles: string[];
  try {
    const claims = decodeJwt(token);
    roles = Array.isArray(claims.roles) ? claims.roles.filter((r): r is string => typeof r === 'string') : [];
  } catch {
    return skip(name, 'the token is not a JWT (a local sandbox); the mailbox probe below checks access instead');
  }
  const missing = REQUIRED_GRAPH_ROLES.filter((r) => !roles.includes(r));
  if (missing.length === 0) return pass(name, `granted: ${REQUIRED_GRAPH_ROLES.join(', ')}`);
  return fail(
    name,
    `missing application permission${missing.length > 1 ? 's' : ''}: ${missing.join(', ')}`,
    'in the app registration add Microsoft Graph application permissions Calendars.ReadWrite and MailboxSettings.ReadWrite, then grant admin consent',
  );
}

/** Reads one event and the master categories of a mailbox: what every round does first. */
export async function checkMailboxAccess(client: Client | undefined, mailbox: string | undefined): Promise<CheckResult> {
  const name = 'mailbox access';
  if (!client) return skip(name, 'needs a Graph token');
  if (!mailbox) return skip(name, 'no mailbox to probe: enrol mailboxes in the settings or pass --mailbox');
  const user = `/users/${encodeURIComponent(mailbox)}`;
  try {
    await client.api(`${user}/events`).select('id').top(1).get();
  } catch (err) {
    return fail(name, `cannot read the calendar of ${mailbox}: ${shortError(err)}`, accessFix(err));
  }
  try {
    await client.api(`${user}/outlook/masterCategories`).get();
  } catch (err) {
    return fail(name, `cannot read the categories of ${mailbox}: ${shortError(err)}`, accessFix(err));
  }
  return pass(name, `calendar and categories of ${mailbox} readable`);
}

function accessFix(err: unknown): string {
  const status = (err as { statusCode?: number }).statusCode;
  if (status === 403) {
    return 'grant admin consent for Calendars.ReadWrite and MailboxSettings.ReadWrite; if RBAC for Applications scopes the app, add this mailbox to its management scope';
  }
  if (status === 404) return 'the mailbox does not exist in this tenant, or has no Exchange Online licence';
  return 'check CALSYNC_GRAPH_BASE_URL and the network path to Microsoft Graph';
}
