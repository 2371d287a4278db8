import type { Client } from '@microsoft/microsoft-graph-client';

export interface DeltaRound {
  items: Array<Record<string, any>>; // eslint-disable-line @typescript-eslint/no-explicit-any -- delta JSON
  pages: number;
  deltaLink: string;
}

/** Follows nextLinks to the deltaLink, as a sync client does; `start` is a delta URL or a deltaLink. */
export async function deltaRound(client: Client, start: string, maxPageSize = 10): Promise<DeltaRound> {
  const items: DeltaRound['items'] = [];
  let pages = 0;
  let url = start;
  for (;;) {
    const page = await client.api(url).header('Prefer', `odata.maxpagesize=${maxPageSize}`).get();
    pages++;
    items.push(...page.value);
    if (page['@odata.deltaLink']) return { items, pages, deltaLink: page['@odata.deltaLink'] };
    url = page['@odata.nextLink'];
    if (!url) throw new Error('delta page without nextLink or deltaLink');
  }
}

export const removedIds = (round: DeltaRound): string[] => round.items.filter((i) => i['@removed']).map((i) => i.id as string);
export const changed = (round: DeltaRound): Array<Record<string, any>> => round.items.filter((i) => !i['@removed']); // eslint-disable-line @typescript-eslint/no-explicit-any
