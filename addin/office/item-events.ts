/**
 * Changes to the appointment being composed (Mailbox 1.7: time, recipients, recurrence), as a promise
 * adapter over item.addHandlerAsync / removeHandlerAsync. A host without them, or one that refuses an
 * event type, simply raises nothing for it: the preview then shows the item as it was read.
 */
import { officeCall } from './office-call';
import type { AppointmentItem } from './mailbox';

/** Office.EventType's values, for hosts (and mocks) whose Office namespace lacks the enum. */
const FALLBACK_TYPES = {
  AppointmentTimeChanged: 'olkAppointmentTimeChanged',
  RecipientsChanged: 'olkRecipientsChanged',
  RecurrenceChanged: 'olkRecurrenceChanged',
} as const;

export type ItemChangeKind = keyof typeof FALLBACK_TYPES;
export const ITEM_CHANGE_KINDS = Object.keys(FALLBACK_TYPES) as ItemChangeKind[];

export function itemEventType(kind: ItemChangeKind): Office.EventType {
  const fromOffice = typeof Office !== 'undefined' ? (Office.EventType as unknown as Record<string, Office.EventType> | undefined)?.[kind] : undefined;
  return fromOffice ?? (FALLBACK_TYPES[kind] as unknown as Office.EventType);
}

type EventfulItem = AppointmentItem & {
  addHandlerAsync?: (type: Office.EventType, handler: (args: unknown) => void, callback: (r: Office.AsyncResult<void>) => void) => void;
  removeHandlerAsync?: (type: Office.EventType, callback: (r: Office.AsyncResult<void>) => void) => void;
};

/**
 * Calls `onChange` with the kind of each change to the item. Resolves with the kinds the host accepted and
 * a function that removes the handlers again (never rejects: live refresh is a nicety).
 */
export async function watchItemChanges(
  item: AppointmentItem,
  onChange: (kind: ItemChangeKind) => void,
): Promise<{ kinds: ItemChangeKind[]; stop: () => Promise<void> }> {
  const target = item as EventfulItem;
  const add = target.addHandlerAsync;
  if (typeof add !== 'function') return { kinds: [], stop: async () => undefined };
  const accepted: ItemChangeKind[] = [];
  for (const kind of ITEM_CHANGE_KINDS) {
    try {
      await officeCall<void>(`item.addHandlerAsync(${kind})`, (cb) => add.call(target, itemEventType(kind), () => onChange(kind), cb));
      accepted.push(kind);
    } catch {
      // This host does not raise that event: no live refresh for it.
    }
  }
  const stop = async () => {
    const remove = target.removeHandlerAsync;
    if (typeof remove !== 'function') return;
    for (const kind of accepted) {
      await officeCall<void>(`item.removeHandlerAsync(${kind})`, (cb) => remove.call(target, itemEventType(kind), cb)).catch(() => undefined);
    }
  };
  return { kinds: accepted, stop };
}
