/**
 * The "next days" preview's calendar in the local demo, swapped in for addin/api/graph-calendar.ts by the
 * demo build only. Microsoft Graph's `/me` needs a delegated Entra ID token the demo does not have, so the
 * pane asks the demo server instead; it checks the demo token and answers from the Graph sandbox with that
 * person's events (the same Graph JSON calendarView returns). Same exports and constructor as the real one.
 *
 * The real module cannot be imported here: the build swaps every import of it for this file.
 */
import { CalSyncApiError, kindForStatus } from '../api/api-errors';
import type { CalendarSource, GraphCalendarEvent } from '../api/graph-calendar';

export type { CalendarSource, GraphCalendarEvent } from '../api/graph-calendar';

export const NEXT_DAYS_MAX_EVENTS = 50;

export class GraphCalendarSource implements CalendarSource {
  constructor(
    private readonly getToken: () => Promise<string>,
    private readonly timeZone: string,
    private readonly fetchImpl: typeof fetch = (...a) => fetch(...a),
  ) {}

  async nextDays(days: number): Promise<GraphCalendarEvent[]> {
    const q = new URLSearchParams({ days: String(days), top: String(NEXT_DAYS_MAX_EVENTS), timeZone: this.timeZone });
    let res: Response;
    try {
      res = await this.fetchImpl(`/demo/api/next-days?${q}`, { headers: { Authorization: `Bearer ${await this.getToken()}`, Accept: 'application/json' } });
    } catch (err) {
      throw new CalSyncApiError('unreachable', (err as Error)?.message || 'the demo server cannot be reached', null);
    }
    if (!res.ok) throw new CalSyncApiError(kindForStatus(res.status), `the demo calendar answered ${res.status}`, res.status);
    const body = (await res.json()) as { value?: GraphCalendarEvent[] };
    return body.value ?? [];
  }
}
