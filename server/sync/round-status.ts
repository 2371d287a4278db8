/**
 * The record a worker leaves in the mailbox's sync state as it releases the lease: how the round ended, how many
 * events carry a CalSync category, and the error's kind (never its message: see safe-error.ts). The admin's sync
 * status (server/services/sync-status.ts) reads it; nothing in the sync decides anything from it.
 */
import type { LastRoundRecord, MailboxSyncState } from '../store/sync-state';
import { safeError } from './safe-error';
import type { RoundReport } from './round-report';

/** Events whose mirrored record holds at least one category CalSync stamped (a non-negative index). */
export function colouredEventCount(records: MailboxSyncState['records']): number {
  let n = 0;
  for (const codes of Object.values(records)) if (codes.some((c) => c >= 0)) n++;
  return n;
}

export type RoundEnding = { report: RoundReport } | { error: unknown };

/** The record for a round that ran from `startedAt` to `endedAt` and ended as `ending`, given the state it leaves. */
export function lastRoundRecord(state: MailboxSyncState, ending: RoundEnding, startedAt: Date, endedAt: Date): LastRoundRecord {
  const times = { startedAt: startedAt.toISOString(), endedAt: endedAt.toISOString() };
  const base = { ...times, eventsColoured: colouredEventCount(state.records), lastSuccess: state.lastRound?.lastSuccess ?? null };
  if ('error' in ending) return { ...base, outcome: 'failed', failedEvents: 0, error: safeError(ending.error) };
  const { report } = ending;
  if (report.pagingStuck) return { ...base, outcome: 'incomplete', failedEvents: 0, error: { name: 'PagingStuck', code: report.pagingStuck.replace('-', '_') } };
  if (report.failed > 0) return { ...base, outcome: 'incomplete', failedEvents: report.failed, error: null };
  return { ...base, outcome: 'done', failedEvents: 0, error: null, lastSuccess: times };
}
