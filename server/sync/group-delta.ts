/**
 * Graph delta on groups (https://learn.microsoft.com/graph/api/group-delta): has any of these groups' direct
 * membership changed since the last look? One request per 50 groups when nothing changed, against a listing of every
 * member of every enrolled group. Only `$filter=id eq '…'` joined with `or` is supported, at most 50 ids a query, and
 * members@delta carries direct members only — a change inside a nested group shows on that group, never on its
 * parents (microsoftgraph/microsoft-graph-docs-contrib#2004), so the caller watches the nested groups too.
 * The first round lists every watched group with its members (removed ones too, microsoftgraph/microsoft-graph-docs
 * #17513); only its deltaLink is kept. A group may come back on several pages, its members split across them
 * (microsoftgraph/microsoft-graph-docs PR #2855), and a nextLink can repeat without end
 * (microsoftgraph/microsoft-graph-docs-contrib#7311): rounds are bounded by pages.
 */
import type { Client } from '@microsoft/microsoft-graph-client';

/** Ids one delta query may filter on (the documented maximum). */
export const GROUP_DELTA_IDS_MAX = 50;
const PAGES_MAX = 200;

interface DeltaPage {
  value?: Array<{ id?: string }>;
  '@odata.nextLink'?: string;
  '@odata.deltaLink'?: string;
}

export interface GroupDeltaRound {
  /** Groups that appear in the round (changed, or all of them in a first round), lower-case. */
  changed: Set<string>;
  deltaLink: string;
  requests: number;
}

/** One round of a delta query, from its first URL or a deltaLink, to its new deltaLink. */
export async function groupDeltaRound(client: Client, url: string): Promise<GroupDeltaRound> {
  const changed = new Set<string>();
  let page = (await client.api(url).get()) as DeltaPage;
  for (let requests = 1; ; requests++) {
    for (const g of page.value ?? []) if (g.id) changed.add(g.id.toLowerCase());
    if (page['@odata.deltaLink']) return { changed, deltaLink: page['@odata.deltaLink'], requests };
    const next = page['@odata.nextLink'];
    if (!next) throw new Error('a groups delta page had neither a nextLink nor a deltaLink');
    if (requests >= PAGES_MAX) throw new Error(`groups delta did not reach its deltaLink after ${PAGES_MAX} pages`);
    page = (await client.api(next).get()) as DeltaPage;
  }
}

/** The first URL of a delta query over up to GROUP_DELTA_IDS_MAX groups, membership only. */
export function groupDeltaStart(ids: readonly string[]): string {
  if (ids.length === 0 || ids.length > GROUP_DELTA_IDS_MAX) throw new Error(`a groups delta filters 1 to ${GROUP_DELTA_IDS_MAX} ids`);
  const filter = ids.map((id) => `id eq '${id}'`).join(' or ');
  return `/groups/delta?$filter=${encodeURIComponent(filter)}&$select=members`;
}
