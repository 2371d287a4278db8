/** The language Office shows its own UI in: the pane formats dates and times as Outlook does around it. */
import { formatClock } from '../../shared/display-time';
import type { ClockWords } from '../../shared/outlook-words';

/** Office's display language ("de-DE"); outside Office (demo, tests without a host) the browser's. */
export function displayLocale(): string {
  const office = typeof Office !== 'undefined' ? (Office.context as { displayLanguage?: string } | undefined)?.displayLanguage : undefined;
  return office || (typeof navigator !== 'undefined' ? navigator.language : '') || 'en-US';
}

/** A time of day ("HH:mm") as the display language writes it: what rule summaries and the why pass the words. */
export const displayClock: ClockWords = (hhmm) => formatClock(hhmm, displayLocale());
