/**
 * A round's failure as an admin reads it: what happened and what happens next, in words, never a code. The sync
 * keeps only an error's kind and status (server/sync/safe-error.ts), so that is all these words can depend on.
 */
import type { LastRoundRecord } from '../store/sync-state';

export function roundErrorInWords(round: LastRoundRecord): string | null {
  if (round.outcome === 'done') return null;
  if (round.outcome === 'incomplete') {
    if (round.error?.name === 'PagingStuck') return 'Outlook kept sending the same changes over and over; CalSync will read the whole calendar again later.';
    const n = round.failedEvents;
    return `${n} ${n === 1 ? 'event' : 'events'} could not be updated; CalSync will try again.`;
  }
  const { name, status } = round.error ?? { name: 'Error' };
  if (name === 'MailboxThrottled' || status === 429) return 'Microsoft 365 asked CalSync to slow down for this mailbox; it will try again shortly.';
  if (status === 401) return 'CalSync could not sign in to Microsoft 365; check the app registration\u2019s credentials.';
  if (status === 403) return 'CalSync is not allowed to open this mailbox; check the admin consent and the Exchange access policy.';
  if (status === 404) return 'No mailbox was found at this address; check the spelling, or whether the person has an Exchange Online mailbox.';
  if (status !== undefined && status >= 500) return 'Microsoft 365 was unavailable; CalSync will try again.';
  if (name === 'StoreError') return 'CalSync\u2019s own storage was unavailable; it will try again.';
  return 'The last sync stopped on an unexpected error; CalSync will try again.';
}
