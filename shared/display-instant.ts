/** An instant as a person reads it, in the mailbox's zone: apart from display-time.ts, as only the admin's audit needs it. */
import { formatter } from './display-time';
import { ianaZoneFor } from '../zones';

/** An instant (ISO) in the mailbox's zone: "Dec 2, 2026, 6:51 AM"; the host's zone when the name is unknown. */
export function formatInstant(iso: string, locale: string, timeZone?: string): string {
  const at = Date.parse(iso);
  if (Number.isNaN(at)) return iso;
  const zone = timeZone ? (ianaZoneFor(timeZone) ?? undefined) : undefined;
  return formatter(locale, { dateStyle: 'medium', timeStyle: 'short', ...(zone ? { timeZone: zone } : {}) }).format(at);
}
