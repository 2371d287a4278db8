/**
 * Reads calendarView/delta for one mailbox: the whole window (no deltaLink) or the changes since one,
 * following nextLinks to the new deltaLink. An expired or unknown token is Graph's 410 SyncStateNotFound, or
 * "a 40X-series error with error codes such as syncStateNotFound" (resyncRequired too):
 * https://learn.microsoft.com/graph/delta-query-overview#synchronization-reset.
 * Paging that would not end stops the read: Graph has been seen answering a calendarView/delta nextLink with the
 * same page again, under a new nextLink each time, forever
 * (https://github.com/microsoftgraph/msgraph-sdk-dotnet/issues/3082), so a non-empty page identical to one
 * already read, or more pages than the cap, throws DeltaPagingStuck. Empty pages may legitimately repeat
 * (https://github.com/microsoftgraph/microsoft-graph-docs-contrib/issues/1316); only the cap ends those.
 */
import { createHash } from 'node:crypto';
import type { Event } from '@microsoft/microsoft-graph-types';
import { GraphCallError, type GraphResult, type MailboxGraph } from './mailbox-graph';

export type DeltaEvent = Event & { '@odata.etag'?: string; '@removed'?: { reason?: string } };

export interface DeltaRead {
  deltaLink: string;
}

export class DeltaTokenExpired extends Error {
  constructor() {
    super('delta token expired (syncStateNotFound / resyncRequired)');
    this.name = 'DeltaTokenExpired';
  }
}

export class DeltaPagingStuck extends Error {
  constructor(
    readonly reason: 'repeated-page' | 'page-cap',
    readonly pages: number,
  ) {
    super(`calendarView/delta paging does not end (${reason} after ${pages} pages)`);
    this.name = 'DeltaPagingStuck';
  }
}

/** Codes that mean "start over from a full read", whatever 40X carries them (compared case-insensitively). */
const RESYNC_CODES = new Set(['syncstatenotfound', 'resyncrequired', 'syncstateinvalid']);

function needsResync(page: GraphResult): boolean {
  if (page.status === 410) return true;
  if (page.status < 400 || page.status >= 500) return false;
  const error = page.body?.error;
  const codes = [error?.code, error?.innerError?.code, error?.innererror?.code].filter((c): c is string => typeof c === 'string');
  return codes.some((c) => RESYNC_CODES.has(c.toLowerCase()));
}

/** Identity of a page's content (ids and change keys, or the removal), ignoring its links. */
function pageFingerprint(items: readonly DeltaEvent[]): string {
  const hash = createHash('sha256');
  for (const item of items) hash.update(`${item.id ?? ''}|${item.changeKey ?? ''}|${item['@removed'] ? 'r' : ''}\n`);
  return hash.digest('base64');
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
export async function readDelta(
  graph: MailboxGraph,
  startUrl: string,
  paging: { timeZone: string; pageSize: number; maxPages: number },
  onPage: (items: readonly DeltaEvent[]) => void,
): Promise<DeltaRead> {
  const headers = { Prefer: `outlook.timezone="${paging.timeZone}", odata.maxpagesize=${paging.pageSize}` };
  const seen = new Set<string>();
  let url = startUrl;
  for (let pages = 1; ; pages++) {
    if (pages > paging.maxPages) throw new DeltaPagingStuck('page-cap', pages - 1);
    let page: GraphResult | undefined = await graph.call('GET', url, { headers });
    if (needsResync(page)) throw new DeltaTokenExpired();
    if (page.status !== 200) throw new GraphCallError(`calendarView/delta answered ${page.status}`, page.status, page.body);
    const items = (page.body?.value ?? []) as DeltaEvent[];
    if (items.length > 0) {
      // Checked before the page is handed on: a repeated page adds nothing, and the round must not act on it.
      const fingerprint = pageFingerprint(items);
      if (seen.has(fingerprint)) throw new DeltaPagingStuck('repeated-page', pages);
      seen.add(fingerprint);
    }
    onPage(items);
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
