/**
 * The user's own events for the "next days" preview, read from Microsoft Graph's calendarView with a
 * delegated token. Events go to the Rules API's preview as Graph returns them; the server normalises them.
 */
import { PREVIEW_EVENT_SELECT } from '../../shared/preview-select';
import { CalSyncApiError, kindForStatus } from './api-errors';

export interface CalendarSource {
  /** Events from now to `days` ahead, in the mailbox's time zone. */
  nextDays(days: number): Promise<GraphCalendarEvent[]>;
}

/** The Graph event JSON, kept opaque here; the fields the pane shows are read defensively. */
export type GraphCalendarEvent = Record<string, unknown> & { id?: string; subject?: string; start?: { dateTime?: string } };

/** The pane previews at most this many events; a busy week still answers in one request. */
export const NEXT_DAYS_MAX_EVENTS = 50;

export class GraphCalendarSource implements CalendarSource {
  constructor(
    private readonly getToken: () => Promise<string>,
    private readonly timeZone: string,
    private readonly fetchImpl: typeof fetch = (...a) => fetch(...a),
    private readonly now: () => Date = () => new Date(),
    private readonly graphBase = 'https://graph.microsoft.com/v1.0',
  ) {}

  async nextDays(days: number): Promise<GraphCalendarEvent[]> {
    const start = this.now();
    const end = new Date(start.getTime() + days * 86_400_000);
    const q = new URLSearchParams({
      startDateTime: start.toISOString(),
      endDateTime: end.toISOString(),
      $select: PREVIEW_EVENT_SELECT,
      $orderby: 'start/dateTime',
      $top: String(NEXT_DAYS_MAX_EVENTS),
    });
    // Outside the try: a failed sign-in is the account module's error, not "Graph cannot be reached".
    const token = await this.getToken();
    let res: Response;
    try {
      res = await this.fetchImpl(`${this.graphBase}/me/calendarView?${q}`, {
        headers: { Authorization: `Bearer ${token}`, Prefer: `outlook.timezone="${this.timeZone}"`, Accept: 'application/json' },
      });
    } catch (err) {
      throw new CalSyncApiError('unreachable', (err as Error)?.message || 'Microsoft Graph cannot be reached', null, null, [], null, 'calendar');
    }
    if (!res.ok) throw new CalSyncApiError(kindForStatus(res.status), `Graph answered ${res.status}`, res.status, null, [], null, 'calendar');
    const body = (await res.json()) as { value?: GraphCalendarEvent[] };
    return body.value ?? [];
  }
}
