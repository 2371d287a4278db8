/**
 * A mailbox lease: the right to write a mailbox's sync state and stamps, held in its sync state and claimed,
 * renewed and released with etag-guarded puts, so two workers can never both write. It expires, so a killed
 * worker's lease lapses and another worker takes over.
 *
 * The worker opens its lease without writing (`openLease`): most rounds change nothing, and a round that writes
 * nothing to Graph or to the store needs no fence — two of them reading one mailbox at once is harmless. The lease
 * is claimed by the round's first durable write: the pending ids stored before its first group of PATCHes, guarded
 * by the etag the round read, so a rival that wrote in between makes it fail before any PATCH. Other puts (the
 * round's final state) are held and written with the release, in one put. So a round that changed nothing writes
 * nothing, or one item when its record of the last round is due (see `release`); a round that stamped writes twice.
 * `acquireLease` claims at once (the CLI holds the mailbox for a whole command).
 *
 * `LeasedSyncState` is the SyncStateRepository the round writes through: every durable put carries the lease
 * (renewing it) and is guarded by the etag of the lease's last write. When another worker has taken the lease
 * (ours lapsed), that etag no longer matches: the put fails, the lease is marked lost and no further state is
 * written, so a worker that lost its lease also stops writing to Graph at its next group.
 *
 * Timed renewals change the stored etag under the round; the round keeps using the etag it last saw and this
 * class maps it to the current one (only puts made through it can change the state while the lease is held).
 */
import { StoreError } from '../store/types';
import { emptySyncState, type LastRoundRecord, type MailboxSyncState, type StoredSyncState, type SyncStateRepository } from '../store/sync-state';

export interface LeaseOptions {
  holder: string;
  /** How long a lease lasts without renewal; a killed worker's mailbox waits this long. */
  ttlMs: number;
  now?: () => Date;
}

export type LeaseOutcome = { acquired: true; lease: LeasedSyncState } | { acquired: false; heldUntil: Date | null };

const EPOCH = new Date(0).toISOString();
/** The etag a round sees for a state it has put but not yet stored (a first round before its first pending ids). */
const HELD_ETAG = 'held';

/** A state the lease created and no round has written: the round must see "no state" (a first round). */
function leaseOnly(s: MailboxSyncState): boolean {
  return (
    s.updatedAt === EPOCH && s.deltaLink === null && s.timeZone === null && Object.keys(s.records).length === 0 && Object.keys(s.createdCategories).length === 0
  );
}

function withoutEtag(stored: StoredSyncState): MailboxSyncState {
  const { etag, ...state } = stored;
  void etag;
  return state;
}

/**
 * Equality of JSON-like values: object key order, keys whose value is undefined and prototypes (a state made here
 * has null-prototype maps, a parsed one plain objects) do not count. A walk that stops at the first difference:
 * writing both states out as sorted JSON on every put cost more than a quiet round's Graph request.
 */
function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!jsonEqual(a[i], b[i])) return false;
    return true;
  }
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  let defined = 0;
  for (const k in x) {
    if (x[k] === undefined) continue;
    defined++;
    if (!jsonEqual(x[k], y[k])) return false;
  }
  for (const k in y) if (y[k] !== undefined) defined--;
  return defined === 0;
}

/** Fields the lease writes itself or that say only when: not the round's content. */
const NOT_CONTENT = new Set(['updatedAt', 'lease', 'lastRound', 'etag']);
/** Small fields first, the records last: states that differ usually differ in their deltaLink. */
const CONTENT_FIRST = ['deltaLink', 'deltaLinkAt', 'configHash', 'timeZone', 'mailboxCheckedAt', 'pending', 'names', 'createdCategories'];

/** The same state apart from when it was saved and the lease fields (which the lease itself writes). */
function sameContent(a: MailboxSyncState, b: MailboxSyncState): boolean {
  const x = a as unknown as Record<string, unknown>;
  const y = b as unknown as Record<string, unknown>;
  // A key absent on one side equals one whose value is undefined, as in jsonEqual.
  for (const k of new Set([...CONTENT_FIRST, ...Object.keys(x), ...Object.keys(y)])) if (!NOT_CONTENT.has(k) && !jsonEqual(x[k], y[k])) return false;
  return true;
}

/** The error a round meets when another worker wrote the mailbox first (or took its lapsed lease). */
export const isLeaseLost = (e: unknown): boolean => e instanceof StoreError && e.code === 'etag_mismatch' && e.message.startsWith('lease lost');

const isConflict = (e: unknown): boolean => e instanceof StoreError && (e.code === 'etag_mismatch' || e.code === 'not_found');

/** The stored state, unless another holder's lease on it has not expired yet. */
async function readFree(
  repo: SyncStateRepository,
  tenantId: string,
  mailboxId: string,
  options: LeaseOptions,
): Promise<{ free: true; current: StoredSyncState | undefined } | { free: false; heldUntil: Date }> {
  const now = options.now ?? (() => new Date());
  const current = await repo.get(tenantId, mailboxId);
  const held = current?.lease;
  if (held && held.holder !== options.holder && Date.parse(held.expiresAt) > now().getTime()) return { free: false, heldUntil: new Date(held.expiresAt) };
  return { free: true, current };
}

/** Takes the mailbox's lease now (one write); fails while another holder's lease has not expired or when a rival wins the race. */
export async function acquireLease(repo: SyncStateRepository, tenantId: string, mailboxId: string, options: LeaseOptions): Promise<LeaseOutcome> {
  const read = await readFree(repo, tenantId, mailboxId, options);
  if (!read.free) return { acquired: false, heldUntil: read.heldUntil };
  const now = options.now ?? (() => new Date());
  const base = read.current ? withoutEtag(read.current) : emptySyncState(tenantId, mailboxId);
  try {
    const saved = await repo.put(
      { ...base, lease: { holder: options.holder, expiresAt: new Date(now().getTime() + options.ttlMs).toISOString() } },
      read.current?.etag ?? null,
    );
    return { acquired: true, lease: new LeasedSyncState(repo, withoutEtag(saved), saved.etag, options, true) };
  } catch (e) {
    if (isConflict(e)) return { acquired: false, heldUntil: null };
    throw e;
  }
}

/**
 * Opens the mailbox for a round without writing: refused while another holder's lease has not expired; otherwise
 * the lease is claimed by the round's first durable put (see the top of this file).
 */
export async function openLease(repo: SyncStateRepository, tenantId: string, mailboxId: string, options: LeaseOptions): Promise<LeaseOutcome> {
  const read = await readFree(repo, tenantId, mailboxId, options);
  if (!read.free) return { acquired: false, heldUntil: read.heldUntil };
  const state = read.current ? withoutEtag(read.current) : emptySyncState(tenantId, mailboxId);
  return { acquired: true, lease: new LeasedSyncState(repo, state, read.current?.etag ?? null, options, false) };
}

/** Decides, on a release that has nothing else to write, whether the round's record is worth one write. */
export type RecordDue = (previous: LastRoundRecord | null | undefined, next: LastRoundRecord) => boolean;

export class LeasedSyncState implements SyncStateRepository {
  /** The state as stored (or as the lease found it), without its etag. */
  private current: MailboxSyncState;
  /** The stored etag `current` has; null while nothing is stored. */
  private storedEtag: string | null;
  /** The etag the round last saw (from get or its own put); it stands for `current` while the lease is held. */
  private roundEtag: string;
  /** The round's last put that did not need to be durable at once: written by `release`. */
  private held: MailboxSyncState | null = null;
  private claimed: boolean;
  private lostReason: string | null = null;
  private released = false;
  private chain: Promise<unknown> = Promise.resolve();
  private readonly now: () => Date;

  constructor(
    private readonly repo: SyncStateRepository,
    state: MailboxSyncState,
    etag: string | null,
    private readonly options: LeaseOptions,
    claimed: boolean,
  ) {
    this.current = state;
    this.storedEtag = etag;
    // Until something is stored the round sees no state (etag null); after a held put it sees HELD_ETAG.
    this.roundEtag = etag ?? HELD_ETAG;
    this.claimed = claimed;
    this.now = options.now ?? (() => new Date());
  }

  get tenantId(): string {
    return this.current.tenantId;
  }

  get mailboxId(): string {
    return this.current.mailboxId;
  }

  /** True once a write found the lease taken by someone else (or the state deleted); nothing more is written. */
  get lost(): boolean {
    return this.lostReason !== null;
  }

  /** Forgets the deltaLink, so the next round through this lease reads the whole window (a missed notification). */
  forgetDeltaLink(): void {
    this.current = { ...this.current, deltaLink: null };
  }

  async get(tenantId: string, mailboxId: string): Promise<StoredSyncState | undefined> {
    this.assertMine(tenantId, mailboxId);
    return this.serial(async () => {
      const state = this.held ?? this.current;
      if (leaseOnly(state)) return undefined;
      const { lease, ...rest } = structuredClone(state);
      void lease;
      return { ...rest, etag: this.roundEtag };
    });
  }

  async put(state: MailboxSyncState, ifMatch: string | null): Promise<StoredSyncState> {
    this.assertMine(state.tenantId, state.mailboxId);
    return this.serial(async () => {
      const expected = leaseOnly(this.held ?? this.current) ? null : this.roundEtag;
      if (ifMatch !== expected) throw new StoreError('etag_mismatch', 'etag mismatch');
      if (this.lostReason) throw new StoreError('etag_mismatch', `lease lost: ${this.lostReason}`);
      // A round that found nothing new still saves its state; writes are what a store bills, so none is made
      // (the lease is renewed on its timer; updatedAt stays that of the last save that changed something).
      // The answer is the caller's own state (as a store's put answers it): only what this lease keeps is a copy.
      if (expected !== null && sameContent(state, this.held ?? this.current)) return { ...state, etag: this.roundEtag };
      if (state.pending.length === 0) {
        // Nothing is about to be written to Graph on the strength of this state: it goes with the release.
        this.held = structuredClone(state);
        return { ...state, etag: this.roundEtag };
      }
      // Pending ids go before PATCHes: durable now, and the lease's claim when it has none yet.
      const saved = await this.write({ ...state, lease: this.freshLease() });
      this.held = null;
      this.roundEtag = saved.etag;
      const { lease, ...out } = saved;
      void lease;
      return out;
    });
  }

  async delete(): Promise<void> {
    throw new Error('a leased sync state is not deleted through its lease');
  }

  /** Extends a claimed lease (call well within ttlMs); false when it was lost. An unclaimed one has nothing to extend. */
  async renew(): Promise<boolean> {
    return this.serial(async () => {
      if (this.lostReason || this.released) return false;
      if (!this.claimed) return true;
      try {
        await this.write({ ...this.current, lease: this.freshLease() });
        return true;
      } catch (e) {
        if (this.lostReason) return false;
        throw e;
      }
    });
  }

  /**
   * Gives the lease up (another worker may start at once) in one put with the round's held state and, when
   * `lastRound` is given, the record of how the round ended, made from the state as it is now. A round that claimed
   * nothing and holds nothing writes only when `recordDue` says its record is worth a write (default: always).
   * Resolves false when the round's state did not reach the store: the lease was lost, or another worker wrote the
   * state meanwhile (it took our lapsed lease, or claimed it while this round only read) — it is theirs now.
   */
  async release(lastRound?: (state: MailboxSyncState) => LastRoundRecord, recordDue: RecordDue = () => true): Promise<boolean> {
    return this.serial(async () => {
      if (this.lostReason) return false;
      if (this.released) return true;
      this.released = true;
      const state = this.held ?? this.current;
      const record = lastRound?.(state);
      const worth = this.claimed || this.held !== null || (record !== undefined && recordDue(this.current.lastRound, record));
      if (!worth) return true;
      try {
        await this.repo.put({ ...state, lease: null, ...(record ? { lastRound: record } : {}) }, this.storedEtag);
        return true;
      } catch (e) {
        if (!isConflict(e)) throw e;
        return false;
      }
    });
  }

  private freshLease() {
    return { holder: this.options.holder, expiresAt: new Date(this.now().getTime() + this.options.ttlMs).toISOString() };
  }

  private async write(next: MailboxSyncState): Promise<StoredSyncState> {
    if (this.lostReason) throw new StoreError('etag_mismatch', `lease lost: ${this.lostReason}`);
    if (this.released) throw new StoreError('etag_mismatch', 'lease released');
    try {
      const saved = await this.repo.put(next, this.storedEtag);
      this.current = withoutEtag(saved);
      this.storedEtag = saved.etag;
      this.claimed = true;
      return saved;
    } catch (e) {
      if (isConflict(e)) {
        this.lostReason = (e as StoreError).code === 'not_found' ? 'state deleted' : this.claimed ? 'taken by another worker' : 'another worker wrote first';
        throw new StoreError('etag_mismatch', `lease lost: ${this.lostReason}`);
      }
      throw e;
    }
  }

  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.chain.then(fn, fn);
    this.chain = run.catch(() => undefined);
    return run;
  }

  private assertMine(tenantId: string, mailboxId: string): void {
    if (tenantId !== this.current.tenantId || mailboxId.toLowerCase() !== this.current.mailboxId.toLowerCase()) {
      throw new Error('a lease covers one mailbox only');
    }
  }
}
