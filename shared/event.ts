/**
 * The one event shape rules are evaluated against, whichever side read it (Graph on the server,
 * Office.js in the add-in). Times are wall-clock in the mailbox's time zone.
 *
 * The types are inferred from these schemas. The normalisers build events directly, so evaluation never
 * runs a schema; tests parse normalised events with them to check the shape.
 */
import { z } from 'zod';
import { IMPORTANCE, ONLINE_MEETING_PROVIDER, RESPONSE_STATUS, SENSITIVITY, SHOW_AS } from './fields';

export const PersonSchema = z.strictObject({
  /** Lower-cased SMTP address (or an Exchange address without "@"). */
  address: z.string(),
  name: z.string(),
  /** Lower-cased domain part of the address ('' when there is none). */
  domain: z.string(),
});
export type Person = z.infer<typeof PersonSchema>;

/** "YYYY-MM-DDTHH:mm", or '' when the source had no time (then no time or day predicate holds). */
const wallTime = z.string().regex(/^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2})?$/);

export const CalendarEventSchema = z.strictObject({
  id: z.string(),
  subject: z.string(),
  body: z.string(),
  location: z.string(),
  organizer: PersonSchema.nullable(),
  /** People invited other than the organizer; rooms and resources are not people. */
  attendees: z.array(PersonSchema),
  isOnlineMeeting: z.boolean(),
  onlineMeetingProvider: z.enum(ONLINE_MEETING_PROVIDER),
  isRecurring: z.boolean(),
  isAllDay: z.boolean(),
  showAs: z.enum(SHOW_AS),
  responseStatus: z.enum(RESPONSE_STATUS),
  sensitivity: z.enum(SENSITIVITY),
  importance: z.enum(IMPORTANCE),
  /** In the mailbox's time zone. */
  start: wallTime,
  end: wallTime,
  /** Real elapsed minutes (a DST change inside the event counts), ≥ 0. */
  durationMinutes: z.number().int().min(0),
  isOrganizer: z.boolean(),
  categories: z.array(z.string()),
});
export type CalendarEvent = z.infer<typeof CalendarEventSchema>;
