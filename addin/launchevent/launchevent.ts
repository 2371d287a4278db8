/**
 * Event-based activation entry point (OnNewAppointmentOrganizer, OnAppointmentAttendeesChanged,
 * OnAppointmentTimeChanged, OnAppointmentRecurrenceChanged). Whatever happens, `event.completed()` is
 * called: a stale or missing cache, or a host error, must never block the person composing.
 */
import { currentItem, currentMailbox } from '../office/mailbox';
import { stampComposeItem } from './stamp-compose-item';

interface LaunchEvent {
  completed(options?: { allowEvent?: boolean }): void;
}

export const HANDLER_NAMES = [
  'onNewAppointmentOrganizerHandler',
  'onAppointmentAttendeesChangedHandler',
  'onAppointmentTimeChangedHandler',
  'onAppointmentRecurrenceChangedHandler',
] as const;

export async function onAppointmentEvent(event: LaunchEvent): Promise<void> {
  try {
    const mailbox = currentMailbox().userProfile?.emailAddress;
    await stampComposeItem(currentItem(), mailbox);
  } catch (err) {
    console.warn('CalSync: compose-time stamping skipped', err);
  } finally {
    event.completed();
  }
}

/**
 * Registers the handlers with the runtime; the manifest's LaunchEvents name these functions. Each handler's promise
 * is the runtime's to hold: it waits for event.completed, which the handler always calls.
 */
export function registerLaunchEventHandlers(
  office: { actions?: { associate(name: string, fn: (e: LaunchEvent) => Promise<void>): void } } | undefined,
): boolean {
  if (!office?.actions?.associate) return false;
  for (const name of HANDLER_NAMES) office.actions.associate(name, onAppointmentEvent);
  return true;
}

if (typeof Office !== 'undefined') registerLaunchEventHandlers(Office as never);
