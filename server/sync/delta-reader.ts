/**
 * Reads calendarView/delta for one mailbox: the whole window (no deltaLink) or the changes since one,
 * following nextLinks to the new deltaLink. An expired or unknown token is Graph's 410 SyncStateNotFound.
 */
import type { Event } from '@microsoft/microsoft-graph-types';
import { GraphCallError, type MailboxGraph } from './mailbox-graph';

export type DeltaEvent = Event & { '@odata.etag'?: string; '@removed'?: { reason?: string } };

export interface DeltaRead {
  items: DeltaEvent[];
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

export async function readDelta(graph: MailboxGraph, startUrl: string, timeZone: string, pageSize: number): Promise<DeltaRead> {
  const headers = { Prefer: `outlook.timezone="${timeZone}", odata.maxpagesize=${pageSize}` };
  const items: DeltaEvent[] = [];
  let url = startUrl;
  for (;;) {
    const page = await graph.call('GET', url, { headers });
    if (page.status === 410) throw new DeltaTokenExpired();
    if (page.status !== 200) throw new GraphCallError(`calendarView/delta answered ${page.status}`, page.status, page.body);
    for (const item of (page.body?.value ?? []) as DeltaEvent[]) items.push(item);
    const next = page.body?.['@odata.nextLink'] as string | undefined;
    const delta = page.body?.['@odata.deltaLink'] as string | undefined;
    if (next) url = next;
    else if (delta) return { items, deltaLink: delta };
    else throw new GraphCallError('calendarView/delta page had neither nextLink nor deltaLink', page.status);
  }
}
