/**
 * "Next 7 days": the user's events (read when the section is shown) and what the rules — with the unsaved
 * draft in place — give each of them, from the API's preview. Edits re-run the preview after a short pause.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { RuleDraft } from '../../../shared/schema';
import type { PreviewResult } from '../../api/api-types';
import type { GraphCalendarEvent } from '../../api/graph-calendar';
import type { TaskpaneServices } from '../services';

export const NEXT_DAYS = 7;
/** Waits this long after the last keystroke before asking the API again. */
const PREVIEW_PAUSE_MS = 400;

export type NextDaysState =
  | { phase: 'idle' }
  | { phase: 'loading' }
  | { phase: 'ready'; events: GraphCalendarEvent[]; results: Map<string, PreviewResult> }
  | { phase: 'failed'; error: unknown };

export function useNextDays(services: TaskpaneServices, draft: RuleDraft | null) {
  const [events, setEvents] = useState<GraphCalendarEvent[] | null>(null);
  const [state, setState] = useState<NextDaysState>({ phase: 'idle' });

  /** Only the newest read may land: a retry can overtake a slow first read. */
  const readSeq = useRef(0);

  const load = useCallback(async () => {
    if (!services.calendar) return;
    const seq = ++readSeq.current;
    setState({ phase: 'loading' });
    try {
      const read = await services.calendar.nextDays(NEXT_DAYS);
      if (seq === readSeq.current) setEvents(read);
    } catch (error) {
      if (seq === readSeq.current) setState({ phase: 'failed', error });
    }
  }, [services]);

  // Shown means wanted: read the calendar as soon as the section mounts (the rules tab is on screen).
  useEffect(() => {
    void load();
    return () => {
      readSeq.current += 1;
    };
  }, [load]);

  useEffect(() => {
    if (!events) return;
    let live = true;
    const timer = setTimeout(
      async () => {
        try {
          const results = events.length === 0 ? [] : await services.api.preview(events, draft ? [draft] : undefined, services.timeZone);
          if (live) setState({ phase: 'ready', events, results: new Map(results.map((r) => [r.eventId, r])) });
        } catch (error) {
          if (live) setState({ phase: 'failed', error });
        }
      },
      draft ? PREVIEW_PAUSE_MS : 0,
    );
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [events, draft, services]);

  return { state, load, available: services.calendar !== undefined };
}
