/**
 * Entra groups by name, for the admin's team picker and for showing the teams a rule is for (issue #16).
 * - Search: `GET /groups?$search="displayName:…"` is an advanced query on directory objects: Graph refuses it (400)
 *   without `ConsistencyLevel: eventual` (https://learn.microsoft.com/graph/search-query-parameter#using-search-on-directory-object-collections).
 * - Names: `POST /directoryObjects/getByIds` with `types: ['group']` takes up to 1,000 ids in one request and
 *   leaves out ids that no longer exist (https://learn.microsoft.com/graph/api/directoryobject-getbyids).
 * Both need the GroupMember.Read.All permission CalSync already asks for.
 */
import type { Client } from '@microsoft/microsoft-graph-client';
import { readTransitiveMembers } from './transitive-members';
import { LRUCache } from 'lru-cache';
import type { ApiDirectoryGroup } from '../../shared/api-types';
import { searchText } from './graph-users';

interface GroupItem {
  id?: string;
  displayName?: string | null;
}

const toGroup = (g: GroupItem): ApiDirectoryGroup | undefined =>
  g.id ? { id: g.id.toLowerCase(), displayName: g.displayName || g.id.toLowerCase() } : undefined;

/** Groups with a word of their name starting with `text`, at most `limit`. */
export async function searchGraphGroups(client: Client, text: string, limit: number): Promise<ApiDirectoryGroup[]> {
  const term = searchText(text);
  if (!term) return [];
  const page = (await client
    .api('/groups')
    .header('ConsistencyLevel', 'eventual')
    .search(`"displayName:${term}"`)
    .select('id,displayName')
    .top(limit)
    .get()) as { value?: GroupItem[] };
  return (page.value ?? []).flatMap((g) => toGroup(g) ?? []).slice(0, limit);
}

/** The documented maximum of ids in one getByIds request. */
export const GET_BY_IDS_MAX = 1000;

/** The groups among `ids` that exist, with their names; an id Graph does not know is left out. */
export async function graphGroupsByIds(client: Client, ids: readonly string[]): Promise<ApiDirectoryGroup[]> {
  const out: ApiDirectoryGroup[] = [];
  for (let i = 0; i < ids.length; i += GET_BY_IDS_MAX) {
    const page = (await client.api('/directoryObjects/getByIds').post({ ids: ids.slice(i, i + GET_BY_IDS_MAX), types: ['group'] })) as { value?: GroupItem[] };
    for (const g of page.value ?? []) {
      const group = toGroup(g);
      if (group) out.push(group);
    }
  }
  return out;
}

/**
 * Group names per tenant, remembered for `ttlMs` (default an hour: a renamed team shows its new name within that),
 * so a pane listing rules does not cost a Graph call per open. An id Graph does not know is remembered as gone.
 */
export function cachedGroupNames(
  clientFor: (tenantId: string) => Client,
  options: { ttlMs?: number; max?: number } = {},
): (tenantId: string, ids: readonly string[]) => Promise<ApiDirectoryGroup[]> {
  const cache = new LRUCache<string, ApiDirectoryGroup | 'gone'>({ max: options.max ?? 20_000, ttl: options.ttlMs ?? 60 * 60_000 });
  return async (tenantId, ids) => {
    const wanted = [...new Set(ids.map((id) => id.toLowerCase()))];
    const key = (id: string) => `${tenantId}|${id}`;
    const missing = wanted.filter((id) => !cache.has(key(id)));
    if (missing.length > 0) {
      const found = new Map((await graphGroupsByIds(clientFor(tenantId), missing)).map((g) => [g.id, g]));
      for (const id of missing) cache.set(key(id), found.get(id) ?? 'gone');
    }
    return wanted.flatMap((id) => {
      const hit = cache.get(key(id));
      return hit && hit !== 'gone' ? [hit] : [];
    });
  };
}

/**
 * The groups nested in a group, transitively (transitive-members.ts): a change of membership in any of them changes
 * who the group enrols. A group that is gone has none.
 */
export async function listNestedGroupIds(client: Client, groupId: string): Promise<{ ids: string[]; requests: number }> {
  const { items, requests } = await readTransitiveMembers<GroupItem>(client, groupId, 'group', 'id', 100);
  return { ids: items.flatMap((g) => (g.id ? [g.id.toLowerCase()] : [])), requests };
}
