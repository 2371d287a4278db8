/** A mailbox's sync state in one word, from its lease and last round: the admin's status and the operator page agree. */
import type { MailboxRoundSummary } from '../store/sync-state';

export type MailboxRoundState = 'syncing' | 'never' | 'ok' | 'failing';

export function roundStateOf(summary: Partial<MailboxRoundSummary> | undefined, now: Date): MailboxRoundState {
  const round = summary?.lastRound ?? null;
  const leased = !!summary?.lease && Date.parse(summary.lease.expiresAt) > now.getTime();
  return leased ? 'syncing' : !round ? 'never' : round.outcome === 'done' ? 'ok' : 'failing';
}
