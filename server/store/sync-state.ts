/**
 * Sync state: what the background sync remembers per mailbox between rounds. One document per
 * (tenant, mailbox), written etag-guarded so two workers never both think they advanced the same mailbox.
 *
 * Per-event stamp records are kept compact: category names are interned once per mailbox (`names`), and
 * each event's record is a list of indices into it — `i` for a category CalSync stamped, `-(i + 1)` for one
 * the person removed by hand (suppressed). An event with an empty record and no watched category needs
 * no entry at all.
 */
export interface MailboxSyncState {
  tenantId: string;
  /** The mailbox's user id or UPN, as the sync addresses it. */
  mailboxId: string;
  /** Graph's deltaLink after the last round whose writes all succeeded; null forces a full round. */
  deltaLink: string | null;
  /**
   * When Graph handed out `deltaLink` (ISO); absent in state written before it was kept. A round that changed
   * nothing may keep an older link (server/sync/delta-link-cadence.ts); this says how old.
   */
  deltaLinkAt?: string | null;
  /** Hash of the effective rules, settings and window the deltaLink was taken under. */
  configHash: string | null;
  /** The mailbox's time zone (IANA or Windows name) as mailboxSettings reported it. */
  timeZone: string | null;
  /** When the time zone and master categories were last read (ISO); they are re-read on full rounds and daily. */
  mailboxCheckedAt: string | null;
  /**
   * Master categories CalSync created: display name → the category's id and the colour CalSync gave it. Only
   * these are ever recoloured, and only while the category with that id is still there (a same-named category
   * the person made after deleting CalSync's is theirs).
   */
  createdCategories: Record<string, { id: string; color: string }>;
  /** Interned category names the records index into. */
  names: string[];
  /** Event id → compact record (see above). */
  records: Record<string, number[]>;
  /** Event ids written in a round that did not finish; their mirror is not trusted until re-read. */
  pending: string[];
  updatedAt: string;
  /**
   * Which worker may run rounds for this mailbox, until when (server/sync/mailbox-lease.ts). Absent or null: no
   * one. Taken and renewed with etag-guarded puts, so two workers cannot both hold it.
   */
  lease?: SyncLease | null;
  /** How the last round the worker ran ended; written as the worker releases the lease (admin sync status). */
  lastRound?: LastRoundRecord | null;
}

/** The end of one worker round, kept for the admin's sync status (GET /api/sync/mailboxes). */
export interface LastRoundRecord {
  /** When the round started and ended (ISO). */
  startedAt: string;
  endedAt: string;
  /** 'done' = every write made; 'incomplete' = some events left unwritten or paging stuck; 'failed' = it threw. */
  outcome: 'done' | 'incomplete' | 'failed';
  /** Events carrying a CalSync category in the stamp mirror after the round. */
  eventsColoured: number;
  /** Events left unwritten after every retry (incomplete rounds). */
  failedEvents: number;
  /** What went wrong, as safeError keeps it (kind and status, never a message); null when done. */
  error: { name: string; status?: number; code?: string } | null;
  /** The last round with outcome 'done' (this one or an earlier one): a change made before it started reached the mailbox. */
  lastSuccess: { startedAt: string; endedAt: string } | null;
  /**
   * The mailbox's rounds that met 429s in the hour before this one ended, as [round end (ISO), 429 answers]; this
   * round included, older ones dropped (the operator page's "429s in the last hour"). Absent: none.
   */
  throttled?: Array<[string, number]>;
  /**
   * Org categories this mailbox shows in another colour, or lacks, as the last master-list check found them and
   * left them (restored ones are not drift any more); at most DRIFT_KEPT. Absent: none, or never checked.
   */
  categoryDrift?: DriftRecord[];
}

/** One org category off the scheme in a mailbox (issue #16). */
export interface DriftRecord {
  category: string;
  /** The scheme's colour (preset id). */
  expected: string;
  /** The mailbox's colour; null when the category is gone. */
  actual: string | null;
}

export interface SyncLease {
  /** The worker's id (random per worker process and start). */
  holder: string;
  /** ISO time after which another worker may take the lease (a killed worker's lapses). */
  expiresAt: string;
}

export type StoredSyncState = MailboxSyncState & { etag: string };

export interface SyncStateRepository {
  get(tenantId: string, mailboxId: string): Promise<StoredSyncState | undefined>;
  /**
   * `ifMatch` null = create only (throws StoreError 'etag_mismatch' when the state exists); otherwise the stored
   * etag must match ('etag_mismatch', or 'not_found' when the state is gone).
   */
  put(state: MailboxSyncState, ifMatch: string | null): Promise<StoredSyncState>;
  /** Removes the mailbox's state (a later round is a full one); missing state is not an error. */
  delete(tenantId: string, mailboxId: string): Promise<void>;
}

/** One mailbox's lease and last round, without its address or its events (the operator page counts these). */
export type MailboxRoundSummary = { lease: SyncLease | null; lastRound: LastRoundRecord | null };

/** Read across one tenant's sync state, for operators: what each mailbox's rounds did, nothing of what it holds. */
export interface SyncRoundSummaries {
  /** One summary per mailbox of the tenant that has sync state, in no order. */
  ofTenant(tenantId: string): Promise<MailboxRoundSummary[]>;
}

export function emptySyncState(tenantId: string, mailboxId: string): MailboxSyncState {
  return {
    tenantId,
    mailboxId,
    deltaLink: null,
    configHash: null,
    timeZone: null,
    mailboxCheckedAt: null,
    createdCategories: Object.create(null) as MailboxSyncState['createdCategories'],
    names: [],
    records: {},
    pending: [],
    updatedAt: new Date(0).toISOString(),
  };
}
