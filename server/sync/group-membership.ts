/**
 * The Entra groups a user belongs to, transitively, for org rules scoped to teams (`appliesTo`, issue #16).
 * `GET /users/{id}/transitiveMemberOf/microsoft.graph.group` (application permission GroupMember.Read.All), with
 * `ConsistencyLevel: eventual` and `$count=true`: the reference page makes them a condition of the OData cast, and
 * developers report the cast refused without them (Microsoft Q&A 447359); Graph serves it either way with them.
 * Pages hold up to 999 groups (the documented maximum). Membership is read again after `ttlMs`, so a user who
 * joins or leaves a team gets its rules, or loses them, within that long.
 */
import type { Client } from '@microsoft/microsoft-graph-client';
import { LRUCache } from 'lru-cache';

interface GroupPage {
  value?: Array<{ id?: string; '@odata.type'?: string }>;
  '@odata.nextLink'?: string;
}

/** One user's groups, every page; ids lower-case. Throws what Graph throws: a round must not guess membership. */
export async function listUserGroups(client: Client, userId: string): Promise<Set<string>> {
  const groups = new Set<string>();
  const get = (url: string) => client.api(url).header('ConsistencyLevel', 'eventual').get() as Promise<GroupPage>;
  let page = await get(`/users/${encodeURIComponent(userId)}/transitiveMemberOf/microsoft.graph.group?$select=id&$top=999&$count=true`);
  for (let pages = 1; ; pages++) {
    for (const g of page.value ?? []) if (g.id) groups.add(g.id.toLowerCase());
    const next = page['@odata.nextLink'];
    if (!next) return groups;
    // A user in more than 999 × 100 groups is not a person; a link that never ends is a Graph fault (issue #14).
    if (pages >= 100) throw new Error('transitiveMemberOf did not end after 100 pages');
    page = await get(next);
  }
}

export interface GroupMembershipOptions {
  /** How long a user's groups are reused; default 15 minutes (the schedule's interval). */
  ttlMs?: number;
  /** Users kept; default 10,000. */
  max?: number;
}

/** `memberOf(tenantId, userId)` for the rules loader: each tenant asked with its own client, answers cached. */
export function graphGroupMembership(
  clients: Client | ((tenantId: string) => Client),
  options: GroupMembershipOptions = {},
): (tenantId: string, userId: string) => Promise<ReadonlySet<string>> {
  const clientFor = typeof clients === 'function' ? clients : () => clients;
  const cache = new LRUCache<string, Promise<Set<string>>>({ max: options.max ?? 10_000, ttl: options.ttlMs ?? 15 * 60_000 });
  return (tenantId, userId) => {
    const key = `${tenantId}|${userId.toLowerCase()}`;
    let groups = cache.get(key);
    if (!groups) {
      groups = listUserGroups(clientFor(tenantId), userId);
      // A failed read is not remembered: the next round asks again.
      groups.catch(() => cache.delete(key));
      cache.set(key, groups);
    }
    return groups;
  };
}
