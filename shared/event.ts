/**
 * The one event shape rules are evaluated against, whichever side read it (Graph on the server,
 * Office.js in the add-in). Times are wall-clock in the mailbox's time zone.
 */
import type { Importance, OnlineMeetingProvider, ResponseStatus, Sensitivity, ShowAs } from './fields';

export interface Person {
  /** Lower-cased SMTP address. */
  address: string;
  name: string;
  /** Lower-cased domain part of the address ('' when there is none). */
  domain: string;
}

export interface CalendarEvent {
  id: string;
  subject: string;
  body: string;
  location: string;
  organizer: Person | null;
  /** People invited other than the organizer; rooms and resources are not people. */
  attendees: Person[];
  isOnlineMeeting: boolean;
  onlineMeetingProvider: OnlineMeetingProvider;
  isRecurring: boolean;
  isAllDay: boolean;
  showAs: ShowAs;
  responseStatus: ResponseStatus;
  sensitivity: Sensitivity;
  importance: Importance;
  /** "YYYY-MM-DDTHH:mm" in the mailbox's time zone. */
  start: string;
  end: string;
  durationMinutes: number;
  isOrganizer: boolean;
  categories: string[];
}
