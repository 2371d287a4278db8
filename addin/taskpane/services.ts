/**
 * What the task pane needs from the outside world, as one object: the Rules API and the open event.
 * The real wiring uses the Office adapters; component tests pass the same adapters over a mocked Office.
 */
import type { OfficeAppointmentSnapshot } from '../../shared/normalize-office';
import type { Rule } from '../../shared/schema';
import { CalSyncApiClient } from '../api/api-client';
import type { CalendarSource } from '../api/graph-calendar';
import { mailboxTimeZone, readAppointmentSnapshot } from '../office/appointment-snapshot';
import type { ApplyResult, WantedCategory } from '../office/categories';
import type { MailboxCategory } from '../office/mailbox-categories';
import { canUseCategoriesWhileComposing } from '../office/compose-categories';
import { watchItemChanges } from '../office/item-events';
import { currentItem, currentMailbox, isComposeItem, type AppointmentItem } from '../office/mailbox';
import { writeRulesCache } from '../office/rules-cache';

export type RulesApi = Pick<
  CalSyncApiClient,
  'me' | 'listRules' | 'createRule' | 'updateRule' | 'deleteRule' | 'reorderRules' | 'getSettings' | 'putSettings' | 'preview' | 'request'
>;

export interface TaskpaneServices {
  api: RulesApi;
  readEvent(): Promise<OfficeAppointmentSnapshot>;
  applyToEvent(wanted: WantedCategory[]): Promise<ApplyResult>;
  saveRulesCache(rules: readonly Rule[], internalDomains: readonly string[]): Promise<unknown>;
  /** The mailbox's master category list for the editor's picker; empty where the host cannot read it. */
  mailboxCategories(): Promise<MailboxCategory[]>;
  /** The signed-in mailbox, the fallback for "internal" when no domains are configured. */
  mailbox?: string;
  /** The user's upcoming events for the "next 7 days" preview; absent, that section is not shown. */
  calendar?: CalendarSource;
  /** The mailbox's time zone, sent with previews so times read as the user sees them. */
  timeZone?: string;
  /**
   * True when the open item is being composed in an Outlook that refuses categories while composing (the web,
   * new Outlook): the pane offers no Apply, the sync colours the event once it is saved.
   */
  colouredOnSave?: boolean;
  /**
   * Calls `onChange` when the item being composed changes (time, recipients, recurrence); returns the
   * unsubscribe. Absent, or a read-mode item: the event is read once.
   */
  watchEvent?: (onChange: () => void) => () => void;
  /** The interactive sign-in, for the pane's Sign in buttons only (a user gesture); absent where none is needed. */
  signIn?: () => Promise<void>;
}

/** Where the API client gets its tokens: the account module (or a test's or the demo's stand-in). */
export interface TokenSource {
  accessToken(): Promise<string>;
  /** After a 401 the next token must come from an interactive sign-in, not the cache. */
  requireInteractiveSignIn?(): void;
  /** The interactive sign-in; only ever called from a click on Sign in. */
  signIn?(): Promise<void>;
}

/** The Rules API client wired to the account: a refused token (401) makes the next request sign in interactively. */
export function connectApi(account: TokenSource, baseUrl: string, fetchImpl?: typeof fetch): CalSyncApiClient {
  return new CalSyncApiClient({ baseUrl, fetchImpl, getAccessToken: () => account.accessToken(), onUnauthorized: () => account.requireInteractiveSignIn?.() });
}

/** Subscribes to compose-mode item changes; the handlers are removed again by the returned function. */
function watchComposeItem(onChange: () => void): () => void {
  let item: AppointmentItem;
  try {
    item = currentItem();
  } catch {
    return () => undefined;
  }
  if (!isComposeItem(item)) return () => undefined;
  const watching = watchItemChanges(item, () => onChange());
  return () => void watching.then((w) => w.stop());
}

function composingWhereCategoriesAreRefused(): boolean {
  try {
    return isComposeItem(currentItem()) && !canUseCategoriesWhileComposing();
  } catch {
    return false;
  }
}

export function officeServices(api: RulesApi, calendar?: (timeZone: string | undefined) => CalendarSource, account?: TokenSource): TaskpaneServices {
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
    // The category adapters load on first use (Apply, or the editor's picker): the pane's first load needs neither.
    applyToEvent: async (wanted) => (await import('../office/categories.js')).applyCategories(currentItem(), wanted),
    saveRulesCache: (rules, domains) => writeRulesCache(rules, domains),
    mailboxCategories: () => import('../office/mailbox-categories.js').then((m) => m.listMailboxCategories()),
    mailbox,
    timeZone,
    calendar: calendar?.(timeZone),
    watchEvent: watchComposeItem,
    colouredOnSave: composingWhereCategoriesAreRefused(),
    signIn: account?.signIn?.bind(account),
  };
}
