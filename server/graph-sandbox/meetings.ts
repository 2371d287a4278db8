import { newChangeKey, newEventId } from './ids';
import { shapeOf } from './instances';
import type { ExceptionOverride, Mailbox, StoredEvent } from './model';
import type { SandboxStore } from './store';

/** Each attendee with a mailbox in the sandbox holds its own copy of a meeting (own id, categories, response). */
function attendeeMailboxes(store: SandboxStore, organizerCopy: StoredEvent): Mailbox[] {
  const out: Mailbox[] = [];
  for (const a of organizerCopy.attendees) {
    const mailbox = a.emailAddress?.address ? store.findMailbox(a.emailAddress.address) : undefined;
    if (mailbox && mailbox.id !== organizerCopy.mailboxId && !out.includes(mailbox)) out.push(mailbox);
  }
  return out;
}

/** Fields the organizer owns; attendees' own fields (categories, responseStatus, showAs, reminders) stay theirs. */
function copyMeetingFields(from: StoredEvent, to: StoredEvent): void {
  to.subject = from.subject;
  to.body = { ...from.body };
  to.start = from.start;
  to.end = from.end;
  to.isAllDay = from.isAllDay;
  to.importance = from.importance;
  to.sensitivity = from.sensitivity;
  to.locationName = from.locationName;
  to.attendees = from.attendees.map((a) => ({ ...a, status: { ...a.status }, emailAddress: { ...a.emailAddress } }));
  to.isOnlineMeeting = from.isOnlineMeeting;
  to.onlineMeetingProvider = from.onlineMeetingProvider;
  to.onlineMeetingUrl = from.onlineMeetingUrl;
  to.recurrence = from.recurrence;
  to.cancelledOccurrences = new Set(from.cancelledOccurrences);
  const exceptions = new Map<string, ExceptionOverride>();
  for (const [key, ex] of from.exceptions) {
    const mine = to.exceptions.get(key);
    exceptions.set(key, {
      changeKey: mine && sameOrganizerPart(mine, ex) ? mine.changeKey : newChangeKey(),
      seq: mine && sameOrganizerPart(mine, ex) ? mine.seq : 0,
      modifiedMs: ex.modifiedMs,
      subject: ex.subject,
      start: ex.start,
      end: ex.end,
      locationName: ex.locationName,
      categories: mine?.categories,
      showAs: mine?.showAs,
      extendedProperties: mine?.extendedProperties,
    });
  }
  to.exceptions = exceptions;
}

function sameOrganizerPart(a: ExceptionOverride, b: ExceptionOverride): boolean {
  return a.subject === b.subject && a.locationName === b.locationName && a.start?.dateTime === b.start?.dateTime && a.end?.dateTime === b.end?.dateTime;
}

function writeCopy(store: SandboxStore, copy: StoredEvent, changedExceptionsOnly: boolean): void {
  copy.seq = store.nextSeq();
  for (const ex of copy.exceptions.values()) if (ex.seq === 0) ex.seq = copy.seq;
  if (!changedExceptionsOnly) {
    copy.seriesSeq = copy.seq;
    copy.changeKey = newChangeKey();
  }
  copy.modifiedMs = store.now();
  store.emit({ mailboxId: copy.mailboxId, eventId: copy.id, changeType: 'updated', changeKey: copy.changeKey });
}

/** The identity and sequence fields of a newly created item in one mailbox (a new event or a meeting copy). */
export function newItemIdentity(store: SandboxStore, mailboxId: string) {
  const seq = store.nextSeq();
  const now = store.now();
  return { id: newEventId(), mailboxId, changeKey: newChangeKey(), createdMs: now, modifiedMs: now, seq, seriesSeq: seq, createdSeq: seq };
}

/** Creates copies for attendees that lack one and removes copies of attendees no longer invited. */
export function syncAttendeeCopies(store: SandboxStore, organizerCopy: StoredEvent): void {
  const wanted = attendeeMailboxes(store, organizerCopy);
  for (const mailbox of wanted) {
    if (mailbox.eventsByICalUId.has(organizerCopy.iCalUId)) continue;
    const identity = newItemIdentity(store, mailbox.id);
    const now = identity.createdMs;
    const copy: StoredEvent = {
      ...organizerCopy,
      ...identity,
      isOrganizer: false,
      // Rooms accept automatically; people have not answered yet.
      responseStatus: mailbox.isResource ? { response: 'accepted', time: new Date(now).toISOString() } : { response: 'notResponded', time: '0001-01-01T00:00:00Z' },
      showAs: mailbox.isResource ? 'busy' : 'tentative',
      categories: [],
      extendedProperties: new Map(),
      transactionId: null,
      exceptions: new Map(),
      cancelledOccurrences: new Set(),
      shapeHistory: [],
    };
    copyMeetingFields(organizerCopy, copy);
    mailbox.events.set(copy.id, copy);
    mailbox.eventsByICalUId.set(copy.iCalUId, copy);
    store.emit({ mailboxId: mailbox.id, eventId: copy.id, changeType: 'created', changeKey: copy.changeKey });
  }
  for (const mailbox of store.mailboxes()) {
    if (mailbox.id === organizerCopy.mailboxId || wanted.includes(mailbox)) continue;
    const copy = mailbox.eventsByICalUId.get(organizerCopy.iCalUId);
    if (!copy || copy.isOrganizer) continue;
    mailbox.events.delete(copy.id);
    mailbox.eventsByICalUId.delete(copy.iCalUId);
    const seq = store.nextSeq();
    mailbox.tombstones.set(copy.id, { id: copy.id, seq, createdSeq: copy.createdSeq, shape: shapeOf(copy) });
    store.emit({ mailboxId: mailbox.id, eventId: copy.id, changeType: 'deleted', changeKey: null });
  }
}

/** An organizer's change reaches every attendee copy. */
export function propagateUpdate(store: SandboxStore, organizerCopy: StoredEvent): void {
  for (const mailbox of attendeeMailboxes(store, organizerCopy)) {
    const copy = mailbox.eventsByICalUId.get(organizerCopy.iCalUId);
    if (!copy) continue;
    const seriesChanged = copy.subject !== organizerCopy.subject || copy.start !== organizerCopy.start || copy.end !== organizerCopy.end ||
      copy.recurrence !== organizerCopy.recurrence || copy.locationName !== organizerCopy.locationName || copy.body.content !== organizerCopy.body.content ||
      copy.attendees.length !== organizerCopy.attendees.length || copy.isOnlineMeeting !== organizerCopy.isOnlineMeeting;
    if (copy.start !== organizerCopy.start || copy.end !== organizerCopy.end || copy.recurrence !== organizerCopy.recurrence ||
      copy.cancelledOccurrences.size !== organizerCopy.cancelledOccurrences.size || copy.exceptions.size !== organizerCopy.exceptions.size) {
      copy.shapeHistory.push({ replacedAtSeq: store.currentSeq + 1, shape: shapeOf(copy) });
    }
    copyMeetingFields(organizerCopy, copy);
    writeCopy(store, copy, !seriesChanged);
  }
}

/** When the organizer deletes a meeting, attendees keep a cancelled copy until they remove it. */
export function propagateDelete(store: SandboxStore, organizerCopy: StoredEvent): void {
  for (const mailbox of attendeeMailboxes(store, organizerCopy)) {
    const copy = mailbox.eventsByICalUId.get(organizerCopy.iCalUId);
    if (!copy || copy.isCancelled) continue;
    copy.isCancelled = true;
    copy.subject = `Canceled: ${organizerCopy.subject}`;
    writeCopy(store, copy, false);
  }
}
