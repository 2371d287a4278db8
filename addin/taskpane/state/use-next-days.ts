/**
 * "Next 7 days": the user's events (read when the section is shown) and what the rules — with the unsaved
 * draft in place — give each of them, from the API's preview. Edits re-run the preview after a short pause.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { RuleDraft } from '../../../shared/schema';
import type { PreviewResult } from '../../api/api-types';
import type { GraphCalendarEvent } from '../../api/graph-calendar';
import type { TaskpaneServices } from '../services';
import { PREVIEW_RULE_ID } from './use-this-event';

export const NEXT_DAYS = 7;
/** Waits this long after the last keystroke before asking the API again. */
const PREVIEW_PAUSE_MS = 400;

export type NextDaysState =
  | { phase: 'idle' }
  | { phase: 'loading' }
  | {
      phase: 'ready';
      events: GraphCalendarEvent[];
      results: Map<string, PreviewResult>;
      /** The draft these results are for (null: the saved rules alone), so a count is never shown for an older draft. */
      draft: RuleDraft | null;
      /** How many of the events the draft itself matches (0 without a draft). */
      draftMatches: number;
    }
  | { phase: 'failed'; error: unknown };

/**
 * `savedRules` is the list the pane shows: when it changes (a toggle, a save, a move, a delete) the preview
 * runs again, because the server evaluates the saved rules and they are no longer what it evaluated.
 */
export function useNextDays(services: TaskpaneServices, draft: RuleDraft | null, savedRules: unknown) {
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
    const preview = async () => {
      try {
        // The draft goes with an id of its own (a new rule has none) so its matches can be told apart.
        const draftId = draft?.id ?? PREVIEW_RULE_ID;
        const sent = draft ? [{ ...draft, id: draftId }] : undefined;
        const results = events.length === 0 ? [] : await services.api.preview(events, sent, services.timeZone);
        const draftMatches = draft ? results.filter((r) => r.matches.some((m) => m.ruleId === draftId)).length : 0;
        if (live) setState({ phase: 'ready', events, results: new Map(results.map((r) => [r.eventId, r])), draft, draftMatches });
      } catch (error) {
        if (live) setState({ phase: 'failed', error });
      }
    };
    // The preview answers its own failures (phase 'failed'), so nothing is left to reject.
    const timer = setTimeout(() => void preview(), draft ? PREVIEW_PAUSE_MS : 0);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [events, draft, services, savedRules]);

  return { state, load, available: services.calendar !== undefined };
}
