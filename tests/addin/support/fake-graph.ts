/** Microsoft Graph's calendarView for the "next days" preview: fixed events, every request recorded. */
import type { Event as GraphEvent } from '@microsoft/microsoft-graph-types';
import { fakeResponse } from './fake-rules-server';

export class FakeGraph {
  requests: Array<{ url: URL; headers: Record<string, string> }> = [];
  failWith: number | null = null;

  constructor(public events: GraphEvent[]) {}

  readonly fetch = async (input: string | URL | Request, init: RequestInit = {}): Promise<Response> => {
    this.requests.push({ url: new URL(String(input)), headers: { ...(init.headers as Record<string, string>) } });
    if (this.failWith) return fakeResponse(this.failWith, '{"error":{"code":"x"}}');
    return fakeResponse(200, JSON.stringify({ value: this.events }));
  };
}

export function graphEvent(id: string, subject: string, startWall: string, attendees: string[] = []): GraphEvent {
  const end = startWall.replace(/T(\d\d)/, (_, h: string) => `T${String(Number(h) + 1).padStart(2, '0')}`);
  return {
    id,
    subject,
    start: { dateTime: `${startWall}:00.0000000`, timeZone: 'UTC' },
    end: { dateTime: `${end}:00.0000000`, timeZone: 'UTC' },
    organizer: { emailAddress: { address: 'ana@contoso.com', name: 'Ana' } },
    attendees: attendees.map((address) => ({ type: 'required', emailAddress: { address, name: address } })),
    isOrganizer: true,
    categories: [],
  };
}
