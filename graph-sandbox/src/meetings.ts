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
  // A new pattern drops every exception, the attendee's own ones included (updateEvent does so for the organizer).
  const patternChanged = to.recurrence !== from.recurrence;
  to.recurrence = from.recurrence;
  to.cancelledOccurrences = new Set(from.cancelledOccurrences);
  const exceptions = new Map<string, ExceptionOverride>();
  for (const [key, ex] of from.exceptions) {
    // The organizer's own categories or showAs on one occurrence stay in the organizer's mailbox.
    if (!hasOrganizerPart(ex)) continue;
    const mine = to.exceptions.get(key);
    const same = mine !== undefined && sameOrganizerPart(mine, ex);
    exceptions.set(key, {
      changeKey: same ? mine.changeKey : newChangeKey(),
      seq: same ? mine.seq : 0,
      modifiedMs: same ? mine.modifiedMs : ex.modifiedMs,
      subject: ex.subject,
      start: ex.start,
      end: ex.end,
      locationName: ex.locationName,
      categories: mine?.categories,
      showAs: mine?.showAs,
      extendedProperties: mine?.extendedProperties,
    });
  }
  // The attendee's own changes to an occurrence (categories, showAs, extended properties) stay theirs.
  for (const [key, mine] of patternChanged ? [] : to.exceptions) {
    if (!exceptions.has(key) && !hasOrganizerPart(mine) && !to.cancelledOccurrences.has(key)) exceptions.set(key, mine);
  }
  to.exceptions = exceptions;
}

function hasOrganizerPart(ex: ExceptionOverride): boolean {
  return ex.subject !== undefined || ex.start !== undefined || ex.end !== undefined || ex.locationName !== undefined;
}

function sameOrganizerPart(a: ExceptionOverride, b: ExceptionOverride): boolean {
  return a.subject === b.subject && a.locationName === b.locationName && a.start?.dateTime === b.start?.dateTime && a.end?.dateTime === b.end?.dateTime;
}

/** A write to an attendee copy: a new changeKey always; `seriesWide` when every instance changed, not only exceptions. */
function writeCopy(store: SandboxStore, copy: StoredEvent, seriesWide: boolean): void {
  copy.seq = store.nextSeq();
  for (const ex of copy.exceptions.values()) if (ex.seq === 0) ex.seq = copy.seq;
  if (seriesWide) copy.seriesSeq = copy.seq;
  // Exceptions live on the series item in Exchange, so a change to one changes the copy's changeKey as well.
  copy.changeKey = newChangeKey();
  copy.modifiedMs = store.now();
  store.emit({ mailboxId: copy.mailboxId, eventId: copy.id, changeType: 'updated', changeKey: copy.changeKey });
}

/** The organizer-owned fields copyMeetingFields sets on the series itself (not its exceptions), compared as JSON. */
function seriesPart(e: StoredEvent): string {
  return JSON.stringify([
    e.subject,
    e.body,
    e.start,
    e.end,
    e.isAllDay,
    e.importance,
    e.sensitivity,
    e.locationName,
    e.attendees,
    e.isOnlineMeeting,
    e.onlineMeetingProvider,
    e.onlineMeetingUrl,
    e.recurrence,
  ]);
}

function exceptionsDiffer(before: StoredEvent['exceptions'], after: StoredEvent['exceptions']): boolean {
  if (before.size !== after.size) return true;
  for (const [key, ex] of after) if (before.get(key)?.changeKey !== ex.changeKey) return true;
  return false;
}

function setsDiffer(a: Set<string>, b: Set<string>): boolean {
  return a.size !== b.size || [...a].some((k) => !b.has(k));
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
      responseStatus: mailbox.isResource
        ? { response: 'accepted', time: new Date(now).toISOString() }
        : { response: 'notResponded', time: '0001-01-01T00:00:00Z' },
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

/** An organizer's change reaches every attendee copy; a copy the change leaves as it was is not written. */
export function propagateUpdate(store: SandboxStore, organizerCopy: StoredEvent): void {
  for (const mailbox of attendeeMailboxes(store, organizerCopy)) {
    const copy = mailbox.eventsByICalUId.get(organizerCopy.iCalUId);
    if (!copy) continue;
    const before = {
      series: seriesPart(copy),
      exceptions: copy.exceptions,
      cancelled: copy.cancelledOccurrences,
      shape: shapeOf(copy),
      start: copy.start,
      end: copy.end,
      recurrence: copy.recurrence,
    };
    copyMeetingFields(organizerCopy, copy);
    const seriesChanged = seriesPart(copy) !== before.series;
    const instancesChanged = exceptionsDiffer(before.exceptions, copy.exceptions) || setsDiffer(before.cancelled, copy.cancelledOccurrences);
    if (!seriesChanged && !instancesChanged) continue;
    if (before.start !== copy.start || before.end !== copy.end || before.recurrence !== copy.recurrence || instancesChanged) {
      copy.shapeHistory.push({ replacedAtSeq: store.currentSeq + 1, shape: before.shape });
    }
    writeCopy(store, copy, seriesChanged);
  }
}

/** When the organizer deletes a meeting, attendees keep a cancelled copy until they remove it. */
export function propagateDelete(store: SandboxStore, organizerCopy: StoredEvent): void {
  for (const mailbox of attendeeMailboxes(store, organizerCopy)) {
    const copy = mailbox.eventsByICalUId.get(organizerCopy.iCalUId);
    if (!copy || copy.isCancelled) continue;
    copy.isCancelled = true;
    copy.subject = `Canceled: ${organizerCopy.subject}`;
    writeCopy(store, copy, true);
  }
}
