/**
 * Reads calendarView/delta for one mailbox: the whole window (no deltaLink) or the changes since one,
 * following nextLinks to the new deltaLink. An expired or unknown token is Graph's 410 SyncStateNotFound.
 */
import type { Event } from '@microsoft/microsoft-graph-types';
import { GraphCallError, type GraphResult, type MailboxGraph } from './mailbox-graph';

export type DeltaEvent = Event & { '@odata.etag'?: string; '@removed'?: { reason?: string } };

export interface DeltaRead {
  deltaLink: string;
}

export class DeltaTokenExpired extends Error {
  constructor() {
    super('delta token expired (410 SyncStateNotFound)');
    this.name = 'DeltaTokenExpired';
  }
}

export interface DeltaWindow {
  start: Date;
  end: Date;
}

export function initialDeltaUrl(mailboxPath: string, window: DeltaWindow): string {
  const q = new URLSearchParams({ startDateTime: window.start.toISOString(), endDateTime: window.end.toISOString() });
  return `${mailboxPath}/calendarView/delta?${q.toString()}`;
}

/**
 * Follows the round's pages to its deltaLink, handing each page's items to `onPage` as it arrives: the
 * round keeps what it needs of them (its targets) and the parsed pages can go, instead of every page of a
 * full round staying in memory until the round ends.
 */
export async function readDelta(graph: MailboxGraph, startUrl: string, timeZone: string, pageSize: number, onPage: (items: readonly DeltaEvent[]) => void): Promise<DeltaRead> {
  const headers = { Prefer: `outlook.timezone="${timeZone}", odata.maxpagesize=${pageSize}` };
  let url = startUrl;
  for (;;) {
    let page: GraphResult | undefined = await graph.call('GET', url, { headers });
    if (page.status === 410) throw new DeltaTokenExpired();
    if (page.status !== 200) throw new GraphCallError(`calendarView/delta answered ${page.status}`, page.status, page.body);
    onPage((page.body?.value ?? []) as DeltaEvent[]);
    const next = page.body?.['@odata.nextLink'] as string | undefined;
    const delta = page.body?.['@odata.deltaLink'] as string | undefined;
    const status = page.status;
    // Not kept while the next page is awaited (the suspended function would hold it): a parsed page of 1,000
    // events is a few MB, and every mailbox of a round waits on its next page at the same time.
    page = undefined;
    if (next) url = next;
    else if (delta) return { deltaLink: delta };
    else throw new GraphCallError('calendarView/delta page had neither nextLink nor deltaLink', status);
  }
}
