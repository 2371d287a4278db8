/**
 * Which mailboxes a run covers: those named with --mailbox, else the tenant's enrolled mailboxes from settings:
 * 'all' lists the tenant's users from Graph, a list adds the members of the enrolled groups (as the scheduler does).
 */
import type { Client } from '@microsoft/microsoft-graph-client';
import type { Stores } from '../store/types';
import { listEnrolledMailboxes } from '../sync/graph-users';

export async function resolveMailboxes(named: string[] | undefined, stores: Stores, tenantId: string, client: Client): Promise<string[]> {
  if (named && named.length > 0) return [...new Set(named.map((m) => m.trim().toLowerCase()))];
  const settings = await stores.settings.get(tenantId);
  return listEnrolledMailboxes(client, settings);
}
