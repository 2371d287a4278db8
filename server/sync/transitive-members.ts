/**
 * Every page of one cast of a group's transitive members (`/groups/{id}/transitiveMembers/microsoft.graph.{user|group}`,
 * 999 a page), with the cast's headers: `ConsistencyLevel: eventual` and `$count=true`, which the reference makes a
 * condition of the cast and developers report Graph refusing it without (Microsoft Q&A 447359). A group that no
 * longer exists (404) has none; any other failure throws, so nothing is cut on a guess. Bounded by pages: a link
 * that never ends is Graph repeating itself (issue #14), not a group.
 */
import type { Client } from '@microsoft/microsoft-graph-client';

export interface MemberPages<T> {
  items: T[];
  /** Requests the listing took (the group tracker weighs a listing against a delta check). */
  requests: number;
}

export async function readTransitiveMembers<T extends { id?: string }>(
  client: Client,
  groupId: string,
  cast: 'user' | 'group',
  select: string,
  maxPages: number,
): Promise<MemberPages<T>> {
  type Page = { value?: T[]; '@odata.nextLink'?: string };
  const get = (url: string) => client.api(url).header('ConsistencyLevel', 'eventual').get() as Promise<Page>;
  const items: T[] = [];
  let page: Page;
  try {
    page = await get(`/groups/${encodeURIComponent(groupId)}/transitiveMembers/microsoft.graph.${cast}?$select=${select}&$top=999&$count=true`);
  } catch (err) {
    if ((err as { statusCode?: number }).statusCode === 404) return { items, requests: 1 };
    throw err;
  }
  for (let pages = 1; ; pages++) {
    items.push(...(page.value ?? []));
    const next = page['@odata.nextLink'];
    if (!next) return { items, requests: pages };
    if (pages >= maxPages) throw new Error(`group ${groupId}: transitiveMembers did not end after ${maxPages} pages`);
    page = await get(next);
  }
}
