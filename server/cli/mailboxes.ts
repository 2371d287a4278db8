/**
 * Which mailboxes a run covers: those named with --mailbox, else the tenant's enrolled list from settings;
 * 'all' lists the tenant's users from Graph (`GET /users`, following nextLinks).
 */
import type { Client } from '@microsoft/microsoft-graph-client';
import type { Stores } from '../store/types';

export async function listGraphUsers(client: Client): Promise<string[]> {
  const out: string[] = [];
  let page = (await client.api('/users').select('id,userPrincipalName,mail').top(999).get()) as { value?: Array<{ userPrincipalName?: string; mail?: string | null }>; '@odata.nextLink'?: string };
  for (;;) {
    for (const u of page.value ?? []) {
      const name = u.mail || u.userPrincipalName;
      if (name) out.push(name.toLowerCase());
    }
    const next = page['@odata.nextLink'];
    if (!next) return out;
    page = (await client.api(next).get()) as typeof page;
  }
}

export async function resolveMailboxes(named: string[] | undefined, stores: Stores, tenantId: string, client: Client): Promise<string[]> {
  if (named && named.length > 0) return [...new Set(named.map((m) => m.trim().toLowerCase()))];
  const settings = await stores.settings.get(tenantId);
  const enrolled = settings?.enrolledMailboxes ?? [];
  return enrolled === 'all' ? listGraphUsers(client) : [...enrolled];
}
