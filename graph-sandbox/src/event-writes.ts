import type { ResponseType } from '@microsoft/microsoft-graph-types';
import { assertTimesValid, type EventInput } from './event-input';
import { GraphError } from './graph-error';
import { newChangeKey, newICalUId } from './ids';
import { shapeOf, type EventInstance } from './instances';
import type { Mailbox, StoredEvent } from './model';
import { newItemIdentity, propagateDelete, propagateUpdate, syncAttendeeCopies } from './meetings';
import type { SandboxStore } from './store';
import { localToUtcMs } from './time-zones';

const nowIso = (ms: number): string => new Date(ms).toISOString();

function applyTimes(event: StoredEvent): void {
  const startMs = localToUtcMs(event.start.dateTime, event.start.timeZone);
  const endMs = localToUtcMs(event.end.dateTime, event.end.timeZone);
  assertTimesValid(event.start, event.end, startMs, endMs, event.isAllDay);
}

/** Creates an event in `mailbox` as its organizer, plus a copy in each attendee mailbox of the sandbox. */
export function createEvent(store: SandboxStore, mailbox: Mailbox, input: EventInput, options: { iCalUId?: string } = {}): StoredEvent {
  if (!input.start || !input.end) throw new GraphError(400, 'ErrorInvalidRequest', 'An event needs start and end.');
  const identity = newItemIdentity(store, mailbox.id);
  const isMeeting = (input.attendees?.length ?? 0) > 0;
  const event: StoredEvent = {
    ...identity,
    iCalUId: options.iCalUId ?? newICalUId(),
    subject: input.subject ?? '',
    body: input.body ?? { contentType: 'html', content: '' },
    start: input.start,
    end: input.end,
    isAllDay: input.isAllDay ?? false,
    showAs: input.showAs ?? 'busy',
    importance: input.importance ?? 'normal',
    sensitivity: input.sensitivity ?? 'normal',
    locationName: input.locationName ?? '',
    attendees: input.attendees ?? [],
    organizer: { name: mailbox.displayName, address: mailbox.mail },
    isOrganizer: true,
    responseStatus: { response: isMeeting ? 'organizer' : 'none', time: '0001-01-01T00:00:00Z' },
    categories: input.categories ?? [],
    isOnlineMeeting: input.isOnlineMeeting ?? false,
    onlineMeetingProvider: input.isOnlineMeeting ? (input.onlineMeetingProvider ?? 'teamsForBusiness') : 'unknown',
    onlineMeetingUrl: null,
    isCancelled: false,
    isReminderOn: input.isReminderOn ?? true,
    reminderMinutesBeforeStart: input.reminderMinutesBeforeStart ?? 15,
    recurrence: input.recurrence ?? null,
    exceptions: new Map(),
    cancelledOccurrences: new Set(),
    extendedProperties: new Map((input.extendedProperties ?? []).map((p) => [p.id, p.value])),
    transactionId: input.transactionId ?? null,
    shapeHistory: [],
  };
  if (event.isOnlineMeeting) event.onlineMeetingUrl = `https://teams.microsoft.com/l/meetup-join/19%3ameeting_${event.id.slice(-24)}%40thread.v2/0`;
  applyTimes(event);
  if (input.transactionId) {
    // Graph de-duplicates POSTs that repeat a transactionId.
    for (const existing of mailbox.events.values()) if (existing.transactionId === input.transactionId) return existing;
  }
  mailbox.events.set(event.id, event);
  mailbox.eventsByICalUId.set(event.iCalUId, event);
  store.emit({ mailboxId: mailbox.id, eventId: event.id, changeType: 'created', changeKey: event.changeKey });
  if (isMeeting) syncAttendeeCopies(store, event);
  return event;
}

/** Marks an event written: new changeKey and sequence, and a change notification. */
export function touch(store: SandboxStore, event: StoredEvent, options: { seriesWide: boolean }): void {
  event.seq = store.nextSeq();
  if (options.seriesWide) event.seriesSeq = event.seq;
  event.changeKey = newChangeKey();
  event.modifiedMs = store.now();
  store.emit({ mailboxId: event.mailboxId, eventId: event.id, changeType: 'updated', changeKey: event.changeKey });
}

function assertIfMatch(ifMatch: string | undefined, changeKey: string): void {
  if (!ifMatch || ifMatch === '*') return;
  const wanted = ifMatch.replace(/^W\//, '').replace(/^"|"$/g, '');
  if (wanted !== changeKey) {
    throw new GraphError(412, 'ErrorIrresolvableConflict', 'The change key passed in the request does not match the current change key of the item.');
  }
}

const timeFields = ['start', 'end', 'isAllDay', 'recurrence'] as const;

/** PATCH on a single event, a series master, or one occurrence (which becomes an exception). */
export function updateEvent(store: SandboxStore, instance: EventInstance, input: EventInput, ifMatch: string | undefined): void {
  const event = instance.record;
  if (instance.type === 'occurrence' || instance.type === 'exception') {
    assertIfMatch(ifMatch, instance.override?.changeKey ?? event.changeKey);
    updateOccurrence(store, instance, input);
    if (event.isOrganizer) propagateUpdate(store, event);
    return;
  }
  assertIfMatch(ifMatch, event.changeKey);
  const changesShape = timeFields.some((f) => input[f] !== undefined);
  if (changesShape) event.shapeHistory.push({ replacedAtSeq: store.currentSeq + 1, shape: shapeOf(event) });
  const before = { start: event.start, end: event.end, isAllDay: event.isAllDay };
  if (input.subject !== undefined) event.subject = input.subject;
  if (input.body !== undefined) event.body = input.body;
  if (input.start !== undefined) event.start = input.start;
  if (input.end !== undefined) event.end = input.end;
  if (input.isAllDay !== undefined) event.isAllDay = input.isAllDay;
  if (input.showAs !== undefined) event.showAs = input.showAs;
  if (input.importance !== undefined) event.importance = input.importance;
  if (input.sensitivity !== undefined) event.sensitivity = input.sensitivity;
  if (input.locationName !== undefined) event.locationName = input.locationName;
  if (input.categories !== undefined) event.categories = input.categories;
  if (input.isReminderOn !== undefined) event.isReminderOn = input.isReminderOn;
  if (input.reminderMinutesBeforeStart !== undefined) event.reminderMinutesBeforeStart = input.reminderMinutesBeforeStart;
  if (input.isOnlineMeeting !== undefined) event.isOnlineMeeting = input.isOnlineMeeting;
  if (input.onlineMeetingProvider !== undefined) event.onlineMeetingProvider = input.onlineMeetingProvider;
  if (input.attendees !== undefined) event.attendees = input.attendees;
  if (input.recurrence !== undefined) {
    event.recurrence = input.recurrence;
    // A new pattern drops the exceptions and cancellations of the old one, as Outlook does.
    event.exceptions.clear();
    event.cancelledOccurrences.clear();
  }
  for (const p of input.extendedProperties ?? []) event.extendedProperties.set(p.id, p.value);
  try {
    applyTimes(event);
  } catch (error) {
    Object.assign(event, before);
    if (changesShape) event.shapeHistory.pop();
    throw error;
  }
  const onlyPersonal = Object.keys(input).every((k) =>
    ['categories', 'showAs', 'isReminderOn', 'reminderMinutesBeforeStart', 'extendedProperties'].includes(k),
  );
  touch(store, event, { seriesWide: true });
  if (event.isOrganizer && !onlyPersonal) {
    if (input.attendees !== undefined) syncAttendeeCopies(store, event);
    propagateUpdate(store, event);
  }
}

function updateOccurrence(store: SandboxStore, instance: EventInstance, input: EventInput): void {
  const event = instance.record;
  const key = instance.occurrenceKey as string;
  const allowed = [
    'subject',
    'start',
    'end',
    'categories',
    'locationName',
    'showAs',
    'extendedProperties',
    'body',
    'isReminderOn',
    'reminderMinutesBeforeStart',
  ];
  const refused = Object.keys(input).filter((k) => !allowed.includes(k));
  if (refused.length > 0) throw new GraphError(400, 'ErrorInvalidRequest', `The property '${refused[0]}' cannot be changed on an occurrence.`);
  const existing = event.exceptions.get(key);
  const seq = store.nextSeq();
  const override = existing ?? { changeKey: '', seq, modifiedMs: 0 };
  const movesTime = input.start !== undefined || input.end !== undefined;
  if (movesTime) event.shapeHistory.push({ replacedAtSeq: seq, shape: shapeOf(event) });
  if (input.subject !== undefined) override.subject = input.subject;
  if (input.start !== undefined) override.start = input.start;
  if (input.end !== undefined) override.end = input.end;
  if (movesTime) {
    override.start ??= instance.start;
    override.end ??= instance.end;
    const s = localToUtcMs(override.start.dateTime, override.start.timeZone);
    const e = localToUtcMs(override.end.dateTime, override.end.timeZone);
    assertTimesValid(override.start, override.end, s, e, event.isAllDay);
  }
  if (input.categories !== undefined) override.categories = input.categories;
  if (input.locationName !== undefined) override.locationName = input.locationName;
  if (input.showAs !== undefined) override.showAs = input.showAs;
  if (input.extendedProperties) {
    override.extendedProperties ??= new Map();
    for (const p of input.extendedProperties) override.extendedProperties.set(p.id, p.value);
  }
  override.changeKey = newChangeKey();
  override.seq = seq;
  override.modifiedMs = store.now();
  event.exceptions.set(key, override);
  // Exchange stores an exception on the series item, so the master (and every plain occurrence, which
  // carries the master's changeKey) changes too: a PATCH on the series with the pre-edit etag gets 412.
  event.changeKey = newChangeKey();
  event.seq = seq;
  event.modifiedMs = override.modifiedMs;
  store.emit({ mailboxId: event.mailboxId, eventId: instance.id, changeType: 'updated', changeKey: override.changeKey });
}

/** DELETE: removes an event or series; on an occurrence, cancels just that occurrence. */
export function deleteEvent(store: SandboxStore, mailbox: Mailbox, instance: EventInstance): void {
  const event = instance.record;
  if (instance.type === 'occurrence' || instance.type === 'exception') {
    const key = instance.occurrenceKey as string;
    event.shapeHistory.push({ replacedAtSeq: store.currentSeq + 1, shape: shapeOf(event) });
    event.cancelledOccurrences.add(key);
    event.exceptions.delete(key);
    event.seq = store.nextSeq();
    event.changeKey = newChangeKey();
    store.emit({ mailboxId: mailbox.id, eventId: instance.id, changeType: 'deleted', changeKey: null });
    if (event.isOrganizer) propagateUpdate(store, event);
    return;
  }
  mailbox.events.delete(event.id);
  if (mailbox.eventsByICalUId.get(event.iCalUId) === event) mailbox.eventsByICalUId.delete(event.iCalUId);
  const seq = store.nextSeq();
  mailbox.tombstones.set(event.id, { id: event.id, seq, createdSeq: event.createdSeq, shape: shapeOf(event) });
  store.emit({ mailboxId: mailbox.id, eventId: event.id, changeType: 'deleted', changeKey: null });
  if (event.isOrganizer && event.attendees.length > 0) propagateDelete(store, event);
}

/** accept / tentativelyAccept / decline on an attendee's copy; the organizer's copy records the answer. */
export function respond(store: SandboxStore, instance: EventInstance, response: ResponseType): void {
  const event = instance.record;
  if (event.isOrganizer) throw new GraphError(400, 'ErrorInvalidRequest', "Your request can't be completed. You can't respond to a meeting you organized.");
  const time = nowIso(store.now());
  event.responseStatus = { response, time };
  event.showAs = response === 'tentativelyAccepted' ? 'tentative' : response === 'declined' ? 'free' : 'busy';
  touch(store, event, { seriesWide: true });
  const owner = store.findMailbox(event.mailboxId);
  const organizer = store.findMailbox(event.organizer.address);
  const organizerCopy = organizer?.eventsByICalUId.get(event.iCalUId);
  if (!owner || !organizerCopy) return;
  for (const a of organizerCopy.attendees) {
    if (a.emailAddress?.address?.toLowerCase() === owner.mail.toLowerCase()) a.status = { response, time };
  }
  touch(store, organizerCopy, { seriesWide: true });
}
