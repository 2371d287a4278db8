/**
 * The record a worker leaves in the mailbox's sync state as it releases the lease: how the round ended, how many
 * events carry a CalSync category, and the error's kind (never its message: see safe-error.ts). The admin's sync
 * status (server/services/sync-status.ts) reads it; nothing in the sync decides anything from it.
 */
import type { DriftRecord, LastRoundRecord, MailboxSyncState } from '../store/sync-state';
import { safeError } from './safe-error';
import type { RoundReport } from './round-report';

/** Events whose mirrored record holds at least one category CalSync stamped (a non-negative index). */
export function colouredEventCount(records: MailboxSyncState['records']): number {
  let n = 0;
  for (const codes of Object.values(records)) if (codes.some((c) => c >= 0)) n++;
  return n;
}

export type RoundEnding = { report: RoundReport } | { error: unknown };

/** How far back a record's 429 tally reaches. */
export const THROTTLE_WINDOW_MS = 3_600_000;

/** The earlier rounds' 429 tally still inside the window at `endedAt`, plus this round's when it met any. */
function throttledWithin(earlier: LastRoundRecord['throttled'], endedAt: Date, count: number): Array<[string, number]> | undefined {
  const from = endedAt.getTime() - THROTTLE_WINDOW_MS;
  const kept = (earlier ?? []).filter(([at]) => Date.parse(at) > from);
  if (count > 0) kept.push([endedAt.toISOString(), count]);
  return kept.length > 0 ? kept : undefined;
}

/** Drift kept per mailbox: the org categories a tenant has, bounded so the record stays small. */
export const DRIFT_KEPT = 50;

/** The drift the round left (what it restored is not), else what the last check found: a round that did not check says nothing. */
function driftAfter(state: MailboxSyncState, ending: RoundEnding): DriftRecord[] | undefined {
  const found = 'report' in ending ? ending.report.categoryDrift : null;
  const drift =
    found === null
      ? state.lastRound?.categoryDrift
      : found.filter((d) => !d.restored).map(({ category, expected, actual }) => ({ category, expected, actual }));
  return drift && drift.length > 0 ? drift.slice(0, DRIFT_KEPT) : undefined;
}

/**
 * The record for a round that ran from `startedAt` to `endedAt` and ended as `ending`, given the state it leaves;
 * `throttled` is the 429 answers the round met (counted also when it threw).
 */
export function lastRoundRecord(state: MailboxSyncState, ending: RoundEnding, startedAt: Date, endedAt: Date, throttled = 0): LastRoundRecord {
  const times = { startedAt: startedAt.toISOString(), endedAt: endedAt.toISOString() };
  const tally = throttledWithin(state.lastRound?.throttled, endedAt, throttled);
  const drift = driftAfter(state, ending);
  const base = {
    ...times,
    eventsColoured: colouredEventCount(state.records),
    lastSuccess: state.lastRound?.lastSuccess ?? null,
    ...(tally ? { throttled: tally } : {}),
    ...(drift ? { categoryDrift: drift } : {}),
  };
  if ('error' in ending) return { ...base, outcome: 'failed', failedEvents: 0, error: safeError(ending.error) };
  const { report } = ending;
  if (report.pagingStuck)
    return { ...base, outcome: 'incomplete', failedEvents: 0, error: { name: 'PagingStuck', code: report.pagingStuck.replace('-', '_') } };
  if (report.failed > 0) return { ...base, outcome: 'incomplete', failedEvents: report.failed, error: null };
  return { ...base, outcome: 'done', failedEvents: 0, error: null, lastSuccess: times };
}

/** How old a quiet round lets the stored record get before it writes a new one (see recordDue). */
export const RECORD_REFRESH_MS = 30 * 60_000;

/**
 * Whether a round that changed nothing writes its record (mailbox-lease.ts: such a round otherwise writes
 * nothing): when there is none yet, when either round did not end well, when the count of coloured events, the
 * 429s or the colour drift moved, or when the stored one is RECORD_REFRESH_MS old. So the status lags a quiet mailbox by at most that
 * (the operator page counts rounds in the last hour), and says at once what went wrong.
 */
export function recordDue(previous: LastRoundRecord | null | undefined, next: LastRoundRecord): boolean {
  if (!previous) return true;
  if (previous.outcome !== 'done' || next.outcome !== 'done') return true;
  if (previous.eventsColoured !== next.eventsColoured) return true;
  if (JSON.stringify(previous.throttled ?? []) !== JSON.stringify(next.throttled ?? [])) return true;
  if (JSON.stringify(previous.categoryDrift ?? []) !== JSON.stringify(next.categoryDrift ?? [])) return true;
  return Date.parse(next.endedAt) - Date.parse(previous.endedAt) >= RECORD_REFRESH_MS;
}
