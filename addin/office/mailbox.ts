/** Access to the current mailbox and item, as typed errors when Office.js or the item is absent. */
import { OfficeAdapterError } from './office-errors';

export function currentMailbox(): Office.Mailbox {
  const mailbox = typeof Office !== 'undefined' ? Office.context?.mailbox : undefined;
  if (!mailbox) throw new OfficeAdapterError('no_item', 'Open CalSync from an Outlook calendar event.', 'Office.context.mailbox');
  return mailbox;
}

/** The open appointment, in read or compose mode. */
export type AppointmentItem = Office.AppointmentRead | Office.AppointmentCompose;

export function currentItem(): AppointmentItem {
  const item = currentMailbox().item as AppointmentItem | null | undefined;
  if (!item) throw new OfficeAdapterError('no_item', 'No event is open.', 'Office.context.mailbox.item');
  return item;
}

/** Read mode exposes plain values; compose mode exposes objects with getAsync. */
export function isComposeItem(item: AppointmentItem): item is Office.AppointmentCompose {
  return typeof (item as { subject: unknown }).subject !== 'string';
}
