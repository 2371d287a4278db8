/** What one mailbox round did: the numbers tests, the CLI and the benchmark read. */
import type { CategoryDrift } from './master-categories';

export interface RoundReport {
  mailbox: string;
  mode: 'sync' | 'undo';
  dryRun: boolean;
  /** Whether the round read the whole window (no usable deltaLink) rather than changes since the last round. */
  fullRound: boolean;
  /** Why a full round was run: 'first', 'config-changed', 'delta-expired', 'undo'; null for incremental rounds. */
  fullReason: string | null;
  /** Delta items read (events and occurrences, plus @removed entries). */
  eventsScanned: number;
  removed: number;
  /** Events whose plan changed (written, or would be in a dry run). */
  changed: number;
  /** Events whose categories or record were written successfully. */
  stamped: number;
  /** Categories added and removed across the written events. */
  categoriesAdded: number;
  categoriesRemoved: number;
  /** Stamp records read from events because the mirror could not be trusted. */
  recordsRead: number;
  masterCategoriesCreated: number;
  masterCategoriesRecoloured: number;
  /**
   * Org categories found recoloured or deleted in the mailbox (issue #16); null when this round did not check the
   * master list (it is checked every mailboxRefreshMs), so an unchecked round says nothing about drift.
   */
  categoryDrift: CategoryDrift[] | null;
  /** HTTP round trips to Graph (a $batch counts once; retries count). */
  requests: number;
  /** Inner PATCH requests sent (each is one unit of Graph's per-mailbox quota). */
  patches: number;
  /** 412 Precondition Failed answers (the event changed between read and write). */
  preconditionFailed: number;
  /** 429 answers Graph gave the round, top-level and inside batches (the operator page sums them per tenant). */
  throttled: number;
  /** Requests or inner requests sent again after 429/503/424/connection errors. */
  retries: number;
  /** Milliseconds the round's retries waited (Retry-After or backoff), summed over every wait. */
  backoffWaitMs: number;
  /** Events left unwritten after every attempt (the deltaLink was then not stored). */
  failed: number;
  /**
   * Whether the round's outcome is stored (all writes succeeded and this was not a dry run): its deltaLink, or —
   * a round that changed nothing — the older one kept, which reads the same unchanged entries again.
   */
  committed: boolean;
  /** Puts of the mailbox's sync state the round made (0 for a round that changed nothing and kept its deltaLink). */
  stateWrites: number;
  /**
   * Set when the round stopped reading delta because Graph's paging would not end (a repeated page or more pages
   * than the cap): nothing was written, the stored deltaLink is kept, and the mailbox should get a full round later.
   */
  pagingStuck: 'repeated-page' | 'page-cap' | null;
}

export function emptyReport(mailbox: string, mode: RoundReport['mode'], dryRun: boolean): RoundReport {
  return {
    mailbox,
    mode,
    dryRun,
    fullRound: false,
    fullReason: null,
    eventsScanned: 0,
    removed: 0,
    changed: 0,
    stamped: 0,
    categoriesAdded: 0,
    categoriesRemoved: 0,
    recordsRead: 0,
    masterCategoriesCreated: 0,
    masterCategoriesRecoloured: 0,
    categoryDrift: null,
    requests: 0,
    patches: 0,
    preconditionFailed: 0,
    throttled: 0,
    retries: 0,
    backoffWaitMs: 0,
    failed: 0,
    committed: false,
    stateWrites: 0,
    pagingStuck: null,
  };
}
