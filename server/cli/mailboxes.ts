/**
 * Which mailboxes a run covers: those named with --mailbox, else the tenant's enrolled list from settings;
 * 'all' lists the tenant's users from Graph.
 */
import type { Client } from '@microsoft/microsoft-graph-client';
import type { Stores } from '../store/types';
import { listGraphUsers } from '../sync/graph-users';

export async function resolveMailboxes(named: string[] | undefined, stores: Stores, tenantId: string, client: Client): Promise<string[]> {
  if (named && named.length > 0) return [...new Set(named.map((m) => m.trim().toLowerCase()))];
  const settings = await stores.settings.get(tenantId);
  const enrolled = settings?.enrolledMailboxes ?? [];
  return enrolled === 'all' ? listGraphUsers(client) : [...enrolled];
}
