/**
 * What the people who run the service see of every customer (issue #15's operator page): each tenant's record —
 * status, seats, term — and how its sync is doing, counted from the round records the workers leave (store
 * syncRounds): mailboxes synced in the last hour, failing mailboxes, Graph's 429s in the last hour, the last
 * successful round. Counts only: no tenant's rules, settings beyond the enrolment's size, addresses or events.
 */
import type { SyncControl } from '../domain/sync-control';
import { termStateOf, type TermState } from '../domain/tenant-term';
import type { MailboxRoundSummary } from '../store/sync-state';
import { roundStateOf } from './round-state';
import type { StoredTenant, TenantStatus } from '../store/tenants';
import type { Stores } from '../store/types';

/** One tenant's line on the operator page. */
export interface OperatorTenantRow {
  tenantId: string;
  displayName: string;
  status: TenantStatus;
  seats: number;
  /** Mailboxes enrolled now: the list's length, or the sync's count for 'all'; null when no one can tell here. */
  seatsUsed: number | null;
  termEnd: string;
  term: TermState['kind'];
  /** Mailboxes whose last successful round ended within the last hour. */
  mailboxesSyncedLastHour: number;
  /** Mailboxes not being synced now whose last round did not finish its work. */
  failingMailboxes: number;
  /** 429 answers Graph gave the tenant's rounds in the last hour. */
  throttledLastHour: number;
  /** The end of the tenant's latest successful round (ISO); null before any. */
  lastSuccessAt: string | null;
}

const HOUR_MS = 3_600_000;
/** Tenants read at once: each costs a settings read and one query over its sync state. */
const TENANTS_IN_FLIGHT = 8;

export class OperatorOverview {
  constructor(
    private readonly stores: Pick<Stores, 'tenants' | 'settings' | 'syncRounds'>,
    /** The sync's count of 'all' (absent when this process runs the API without the sync). */
    private readonly control: Pick<SyncControl, 'enrolled'> | undefined,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Every tenant with a record, in tenant-id order. */
  async tenants(): Promise<OperatorTenantRow[]> {
    const records = await this.stores.tenants.listAll();
    const rows: OperatorTenantRow[] = new Array<OperatorTenantRow>(records.length);
    let next = 0;
    const worker = async (): Promise<void> => {
      for (let i = next++; i < records.length; i = next++) rows[i] = await this.rowOf(records[i]!);
    };
    await Promise.all(Array.from({ length: Math.min(TENANTS_IN_FLIGHT, records.length) }, worker));
    return rows;
  }

  private async rowOf(record: StoredTenant): Promise<OperatorTenantRow> {
    const now = this.now();
    const [seatsUsed, rounds] = await Promise.all([this.seatsUsed(record), this.stores.syncRounds.ofTenant(record.tenantId)]);
    return {
      tenantId: record.tenantId,
      displayName: record.displayName,
      status: record.status,
      seats: record.plan.seats,
      seatsUsed,
      termEnd: record.plan.termEnd,
      term: termStateOf(record.plan, now).kind,
      ...roundCounts(rounds, now),
    };
  }

  private async seatsUsed(record: StoredTenant): Promise<number | null> {
    const settings = await this.stores.settings.get(record.tenantId);
    if (!settings) return 0;
    if (Array.isArray(settings.enrolledMailboxes) && !settings.enrolledGroups?.length) return settings.enrolledMailboxes.length;
    // 'all' and groups are the directory's to count, which only the sync knows; it asks Graph for tenants it serves only.
    if (!this.control || record.status !== 'active') return null;
    return this.control.enrolled(record.tenantId).then(
      (mailboxes) => mailboxes.length,
      () => null,
    );
  }
}

/** The sync columns of a row, from the tenant's round summaries at `now`. */
export function roundCounts(
  rounds: readonly MailboxRoundSummary[],
  now: Date,
): Pick<OperatorTenantRow, 'mailboxesSyncedLastHour' | 'failingMailboxes' | 'throttledLastHour' | 'lastSuccessAt'> {
  const hourAgo = now.getTime() - HOUR_MS;
  let synced = 0;
  let failing = 0;
  let throttled = 0;
  let lastSuccessAt: string | null = null;
  for (const { lease, lastRound } of rounds) {
    const success = lastRound?.lastSuccess?.endedAt;
    if (success && Date.parse(success) > hourAgo) synced++;
    if (success && (lastSuccessAt === null || success > lastSuccessAt)) lastSuccessAt = success;
    if (roundStateOf({ lease, lastRound }, now) === 'failing') failing++;
    for (const [at, count] of lastRound?.throttled ?? []) if (Date.parse(at) > hourAgo) throttled += count;
  }
  return { mailboxesSyncedLastHour: synced, failingMailboxes: failing, throttledLastHour: throttled, lastSuccessAt };
}
