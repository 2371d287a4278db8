import type { Attendee, CategoryColor, PatternedRecurrence, ResponseType } from '@microsoft/microsoft-graph-types';

/** Wall-clock time in a named zone, as Graph's dateTimeTimeZone (dateTime without fraction). */
export interface LocalTime {
  dateTime: string;
  timeZone: string;
}

export interface EmailAddressValue {
  name: string;
  address: string;
}

/** Fields an exception may override on one occurrence of a series. */
export interface ExceptionOverride {
  changeKey: string;
  seq: number;
  modifiedMs: number;
  subject?: string;
  start?: LocalTime;
  end?: LocalTime;
  categories?: string[];
  locationName?: string;
  showAs?: string;
  responseStatus?: { response: ResponseType; time: string };
  extendedProperties?: Map<string, string>;
}

/** The time shape of an event; kept before each change so delta can tell which occurrences vanished. */
export interface EventShape {
  start: LocalTime;
  end: LocalTime;
  isAllDay: boolean;
  recurrence: PatternedRecurrence | null;
  cancelledOccurrences: Set<string>;
  movedOccurrences: Map<string, { start: LocalTime; end: LocalTime }>;
}

export interface StoredEvent {
  id: string;
  mailboxId: string;
  iCalUId: string;
  changeKey: string;
  createdMs: number;
  modifiedMs: number;
  /** Sandbox-wide change sequence of the last write to the event or any of its exceptions. */
  seq: number;
  /** Sequence of the last change that affects every instance (master fields, time, recurrence). */
  seriesSeq: number;
  createdSeq: number;
  subject: string;
  body: { contentType: 'text' | 'html'; content: string };
  start: LocalTime;
  end: LocalTime;
  isAllDay: boolean;
  showAs: string;
  importance: string;
  sensitivity: string;
  locationName: string;
  attendees: Attendee[];
  organizer: EmailAddressValue;
  isOrganizer: boolean;
  responseStatus: { response: ResponseType; time: string };
  categories: string[];
  isOnlineMeeting: boolean;
  onlineMeetingProvider: string;
  onlineMeetingUrl: string | null;
  isCancelled: boolean;
  isReminderOn: boolean;
  reminderMinutesBeforeStart: number;
  recurrence: PatternedRecurrence | null;
  exceptions: Map<string, ExceptionOverride>;
  cancelledOccurrences: Set<string>;
  extendedProperties: Map<string, string>;
  transactionId: string | null;
  /** Shapes before each time/recurrence change, newest last, with the sequence they were replaced at. */
  shapeHistory: Array<{ replacedAtSeq: number; shape: EventShape }>;
}

export interface Tombstone {
  id: string;
  seq: number;
  createdSeq: number;
  /** The time shape at deletion, so delta reports each removed occurrence in the token's window. */
  shape: EventShape;
}

export interface MasterCategory {
  id: string;
  displayName: string;
  color: CategoryColor;
}

export interface Mailbox {
  id: string;
  /** The directory the mailbox belongs to: only that tenant's app tokens may reach it. */
  tenantId: string;
  userPrincipalName: string;
  mail: string;
  displayName: string;
  givenName: string;
  surname: string;
  jobTitle: string | null;
  timeZone: string;
  /** Room and equipment mailboxes are attendees of type resource. */
  isResource: boolean;
  events: Map<string, StoredEvent>;
  /** Events by iCalUId, so organizer changes find each attendee copy in O(1). */
  eventsByICalUId: Map<string, StoredEvent>;
  tombstones: Map<string, Tombstone>;
  masterCategories: Map<string, MasterCategory>;
  /** Bumped on every write to this mailbox; cached calendar views are keyed by it. */
  version: number;
}

/** A user of the directory without an Exchange mailbox: Graph lists it with `mail: null` (it has no calendar here). */
export interface DirectoryUser {
  id: string;
  tenantId: string;
  userPrincipalName: string;
  displayName: string;
}

/** An Entra group of one tenant; `members` are object ids of users (with or without a mailbox) and of groups (nested). */
export interface DirectoryGroup {
  id: string;
  tenantId: string;
  displayName: string;
  mail: string | null;
  description: string | null;
  createdMs: number;
  /** Direct members in the order they were added. */
  members: Set<string>;
}
