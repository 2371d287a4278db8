/**
 * Reads the open appointment into the shared engine's OfficeAppointmentSnapshot, in read and compose mode.
 * Properties a host lacks (older requirement sets) are left out rather than failing the whole read.
 */
import type { OfficeAppointmentSnapshot, OfficeRecipient } from '../../shared/normalize-office';
import { ianaZoneFor } from '../../zones';
import { canUseCategoriesWhileComposing } from './compose-categories';
import { officeCall, optionalGet } from './office-call';
import { currentMailbox, isComposeItem, type AppointmentItem } from './mailbox';

/** Enough of the body for keyword rules; a huge body must not stall the pane or the compose handler. */
const BODY_LIMIT = 32_000;

type Details = Office.EmailAddressDetails;

function recipients(list: readonly Details[] | undefined | null): OfficeRecipient[] {
  return (list ?? [])
    .map((r) => ({
      emailAddress: r.emailAddress ?? '',
      displayName: r.displayName,
      recipientType: r.recipientType ? String(r.recipientType) : undefined,
      appointmentResponse: r.appointmentResponse ? String(r.appointmentResponse) : undefined,
    }))
    .filter((r) => r.emailAddress !== '');
}

/**
 * The mailbox's zone when it resolves; otherwise the runtime's own, undefined when there is none. Outlook on Windows
 * reports Windows zone names ("W. Europe Standard Time"), which the shared time code maps too. Classic Outlook's
 * JavaScript-only runtime for event-based add-ins may have no Intl at all (https://github.com/OfficeDev/office-js/issues/4631).
 */
export function mailboxTimeZone(): string | undefined {
  const zone = currentMailbox().userProfile?.timeZone;
  if (zone && ianaZoneFor(zone) !== null) return zone;
  return typeof Intl === 'undefined' ? undefined : Intl.DateTimeFormat().resolvedOptions().timeZone || undefined;
}

function iso(value: Date | string | undefined | null): string {
  if (!value) return '';
  const d = value instanceof Date ? value : new Date(value);
  return Number.isNaN(d.getTime()) ? '' : d.toISOString();
}

function textBody(item: AppointmentItem): Promise<string | undefined> {
  return optionalGet<string>('item.body.getAsync', item.body, 'text').then((b) => b?.slice(0, BODY_LIMIT));
}

function categoriesOf(item: AppointmentItem): Promise<string[] | undefined> {
  return optionalGet<Office.CategoryDetails[]>('item.categories.getAsync', item.categories).then((c) => c?.map((x) => x.displayName));
}

async function readModeSnapshot(item: Office.AppointmentRead, me: string): Promise<OfficeAppointmentSnapshot> {
  const [body, categories] = await Promise.all([textBody(item), categoriesOf(item)]);
  const organizer = item.organizer ? { emailAddress: item.organizer.emailAddress, displayName: item.organizer.displayName } : null;
  const extra = item as unknown as { isAllDayEvent?: boolean; resources?: Details[]; sensitivity?: string };
  return {
    itemId: item.itemId,
    subject: item.subject ?? '',
    body,
    location: item.location ?? '',
    start: iso(item.start),
    end: iso(item.end),
    timeZone: mailboxTimeZone(),
    organizer,
    requiredAttendees: recipients(item.requiredAttendees),
    optionalAttendees: recipients(item.optionalAttendees),
    resources: recipients(extra.resources),
    isAllDayEvent: extra.isAllDayEvent,
    isRecurring: item.recurrence != null || (item.seriesId != null && item.seriesId !== ''),
    isOrganizer: !!organizer && organizer.emailAddress.toLowerCase() === me,
    categories,
    sensitivity: extra.sensitivity,
  };
}

async function composeModeSnapshot(item: Office.AppointmentCompose): Promise<OfficeAppointmentSnapshot> {
  const extra = item as unknown as { isAllDayEvent?: { getAsync?: unknown }; sensitivity?: { getAsync?: unknown } };
  const [subject, location, start, end, organizer, required, optional, body, categories, recurrence, allDay, sensitivity] = await Promise.all([
    officeCall<string>('item.subject.getAsync', (cb) => item.subject.getAsync(cb)),
    optionalGet<string>('item.location.getAsync', item.location),
    officeCall<Date>('item.start.getAsync', (cb) => item.start.getAsync(cb)),
    officeCall<Date>('item.end.getAsync', (cb) => item.end.getAsync(cb)),
    optionalGet<Details>('item.organizer.getAsync', item.organizer),
    optionalGet<Details[]>('item.requiredAttendees.getAsync', item.requiredAttendees),
    optionalGet<Details[]>('item.optionalAttendees.getAsync', item.optionalAttendees),
    textBody(item),
    // The web and new Outlook refuse the call while composing: not asked, the categories are unknown.
    canUseCategoriesWhileComposing() ? categoriesOf(item) : Promise.resolve(undefined),
    optionalGet<Office.Recurrence | null>('item.recurrence.getAsync', item.recurrence),
    optionalGet<boolean>('item.isAllDayEvent.getAsync', extra.isAllDayEvent),
    optionalGet<string>('item.sensitivity.getAsync', extra.sensitivity),
  ]);
  const me = currentMailbox().userProfile?.emailAddress ?? '';
  const organizerAddress = organizer?.emailAddress ?? me;
  return {
    itemId: (item as unknown as { itemId?: string }).itemId,
    subject: subject ?? '',
    body,
    location: location ?? '',
    start: iso(start),
    end: iso(end),
    timeZone: mailboxTimeZone(),
    organizer: organizerAddress ? { emailAddress: organizerAddress, displayName: organizer?.displayName } : null,
    requiredAttendees: recipients(required),
    optionalAttendees: recipients(optional),
    isAllDayEvent: allDay,
    // The compose form is only ever shown to the organizer (attendees get the read form).
    isRecurring: recurrence != null && (recurrence as { recurrenceType?: unknown }).recurrenceType != null,
    isOrganizer: true,
    categories,
    sensitivity: sensitivity ? String(sensitivity).toLowerCase() : undefined,
  };
}

export function readAppointmentSnapshot(item: AppointmentItem): Promise<OfficeAppointmentSnapshot> {
  if (isComposeItem(item)) return composeModeSnapshot(item);
  const me = (currentMailbox().userProfile?.emailAddress ?? '').toLowerCase();
  return readModeSnapshot(item, me);
}
