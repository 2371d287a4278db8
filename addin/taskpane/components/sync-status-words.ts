/** The sync status in the words the Admin tab shows: local times, counts, one line per mailbox. */
import type { ApiMailboxStatus, ApiSyncSummary } from '../../../shared/api-types';
import { isApiError } from '../../api/api-errors';
import { describeError } from './describe-error';

const timeFormat = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' });

/** An ISO time as the person's locale and time zone show it ("2 Dec, 10:02"). */
export function localTime(iso: string): string {
  return timeFormat.format(new Date(iso));
}

const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** "3 mailboxes enrolled · 1 syncing · 1 failing". */
export function summaryCounts(s: ApiSyncSummary): string {
  return [count(s.enrolled, 'mailbox enrolled', 'mailboxes enrolled'), `${s.syncing} syncing`, `${s.failing} failing`].join(' · ');
}

/** Enrolment 'all' past the plan's seats, in words; null when everyone enrolled is synced. */
export function overSeatsWords(s: ApiSyncSummary): string | null {
  if (!s.overSeats) return null;
  const { seats, directoryMailboxes } = s.overSeats;
  return `Your plan has ${seats} seats but your directory has ${directoryMailboxes} mailboxes: only the first ${seats} by address are coloured. Ask your CalSync provider for more seats, or enrol a list of people.`;
}

/** Whether and when the last rule or settings change reached every enrolled mailbox. */
export function lastChangeWords(s: ApiSyncSummary): string {
  if (!s.lastChangeAt) return 'No rule or settings change yet.';
  if (s.lastChangeAppliedAt) return `Last change applied to every mailbox at ${localTime(s.lastChangeAppliedAt)}.`;
  return `Last change (${localTime(s.lastChangeAt)}) is still reaching some mailboxes.`;
}

/** One mailbox's state in a sentence; `saved` false: added in the form, not enrolled until the settings are saved. */
export function mailboxStatusWords(status: ApiMailboxStatus | undefined, saved: boolean): string {
  if (!saved) return 'Not enrolled until you save the settings.';
  if (!status || status.state === 'never') return 'Waiting for its first sync.';
  const coloured = status.eventsColoured === null ? '' : ` · ${count(status.eventsColoured, 'event', 'events')} coloured`;
  if (status.state === 'syncing') return `Syncing now${status.lastRoundAt ? ` · last round ${localTime(status.lastRoundAt)}` : ''}${coloured}`;
  if (status.state === 'failing') {
    const success = status.lastSuccessAt ? ` Last successful sync ${localTime(status.lastSuccessAt)}.` : ' It has never synced successfully.';
    return `Failing: ${status.lastError ?? 'the last sync did not finish.'}${success}`;
  }
  return `Synced ${status.lastRoundAt ? localTime(status.lastRoundAt) : ''}${coloured}`;
}

/** A failed sync-status call in words; the cases worded here are a service without the sync or without the directory. */
export function syncCallErrorWords(error: unknown): string {
  if (isApiError(error) && error.code === 'unavailable' && error.resource === 'directory') {
    return 'This CalSync service cannot read your directory now (it may have no access to Microsoft Graph), so it cannot search it. Try again later.';
  }
  if (isApiError(error) && error.code === 'unavailable' && error.resource === 'sync') {
    return 'The background sync is not running in this CalSync service, so it cannot do this now.';
  }
  return describeError(error);
}
