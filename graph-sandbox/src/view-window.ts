import { GraphError } from './graph-error';
import { parseQueryInstant } from './time-zones';

const DAY_MS = 86_400_000;
/** Graph's own bound, kept here as Graph keeps it: the sandbox imports nothing of CalSync (its client knows it too, shared/limits.ts). */
export const GRAPH_CALENDAR_VIEW_MAX_DAYS = 1825;

/**
 * The startDateTime/endDateTime window of calendarView and calendarView/delta (either spelling of the names).
 * Graph refuses one longer than 1,825 days with this error and text (microsoftgraph/microsoft-graph-docs#6284,
 * reported for calendarView; delta takes the same view window, so the sandbox holds it to the same bound).
 */
export function parseViewWindow(query: URLSearchParams): { from: number; to: number } {
  const from = parseQueryInstant(query.get('startDateTime') ?? query.get('startdatetime') ?? undefined, 'startDateTime');
  const to = parseQueryInstant(query.get('endDateTime') ?? query.get('enddatetime') ?? undefined, 'endDateTime');
  if (to - from > GRAPH_CALENDAR_VIEW_MAX_DAYS * DAY_MS) {
    throw new GraphError(
      400,
      'ErrorInvalidRequest',
      `Your request can't be completed. The range between the start and end dates is greater than the allowed range. Maximum number of days: ${GRAPH_CALENDAR_VIEW_MAX_DAYS}`,
    );
  }
  return { from, to };
}
