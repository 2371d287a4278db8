/**
 * What the task pane needs from the outside world, as one object: the Rules API and the open event.
 * The real wiring uses the Office adapters; component tests pass the same adapters over a mocked Office.
 */
import type { OfficeAppointmentSnapshot } from '../../shared/normalize-office';
import type { Rule } from '../../shared/schema';
import type { CalSyncApiClient } from '../api/api-client';
import type { CalendarSource } from '../api/graph-calendar';
import { mailboxTimeZone, readAppointmentSnapshot } from '../office/appointment-snapshot';
import { applyCategories, type ApplyResult, type WantedCategory } from '../office/categories';
import { currentItem, currentMailbox } from '../office/mailbox';
import { writeRulesCache } from '../office/rules-cache';

export type RulesApi = Pick<
  CalSyncApiClient,
  'me' | 'listRules' | 'createRule' | 'updateRule' | 'deleteRule' | 'reorderRules' | 'getSettings' | 'putSettings' | 'exportRules' | 'importRules' | 'audit' | 'preview'
>;

export interface TaskpaneServices {
  api: RulesApi;
  readEvent(): Promise<OfficeAppointmentSnapshot>;
  applyToEvent(wanted: WantedCategory[]): Promise<ApplyResult>;
  saveRulesCache(rules: readonly Rule[], internalDomains: readonly string[]): Promise<unknown>;
  /** The signed-in mailbox, the fallback for "internal" when no domains are configured. */
  mailbox?: string;
  /** The user's upcoming events for the "next 7 days" preview; absent, that section is not shown. */
  calendar?: CalendarSource;
  /** The mailbox's time zone, sent with previews so times read as the user sees them. */
  timeZone?: string;
}

export function officeServices(api: RulesApi, calendar?: (timeZone: string | undefined) => CalendarSource): TaskpaneServices {
  let mailbox: string | undefined;
  let timeZone: string | undefined;
  try {
    mailbox = currentMailbox().userProfile?.emailAddress;
    timeZone = mailboxTimeZone();
  } catch {
    mailbox = undefined;
  }
  return {
    api,
    readEvent: async () => readAppointmentSnapshot(currentItem()),
    applyToEvent: async (wanted) => applyCategories(currentItem(), wanted),
    saveRulesCache: (rules, domains) => writeRulesCache(rules, domains),
    mailbox,
    timeZone,
    calendar: calendar?.(timeZone),
  };
}
