/**
 * A mailbox lease: the right to run rounds for one mailbox, held in its sync state and taken, renewed and
 * released with etag-guarded puts, so two workers can never both hold it. It expires, so a killed worker's
 * lease lapses and another worker takes over.
 *
 * `LeasedSyncState` is also the SyncStateRepository the round writes through while the lease is held: every
 * put carries the lease (renewing it) and is guarded by the etag of the lease's last write. When another
 * worker has taken the lease (ours lapsed), that etag no longer matches: the put fails, the lease is marked
 * lost and no further state is written. Before each group of PATCHes the round stores its pending ids, so a
 * worker that lost its lease also stops writing to Graph at its next group.
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

/** A state the lease created and no round has written: the round must see "no state" (a first round). */
function leaseOnly(s: MailboxSyncState): boolean {
  return s.updatedAt === EPOCH && s.deltaLink === null && s.timeZone === null && Object.keys(s.records).length === 0 && Object.keys(s.createdCategories).length === 0;
}

function withoutEtag(stored: StoredSyncState): MailboxSyncState {
  const { etag, ...state } = stored;
  void etag;
  return state;
}

/** JSON with object keys sorted, so two states with the same content give the same text whatever their key order. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const object = value as Record<string, unknown>;
    return `{${Object.keys(object).filter((k) => object[k] !== undefined).sort().map((k) => `${JSON.stringify(k)}:${canonical(object[k])}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** The same state apart from when it was saved and the lease fields (which the lease itself writes). */
function sameContent(a: MailboxSyncState, b: MailboxSyncState): boolean {
  const content = (state: MailboxSyncState): string => {
    const { updatedAt, lease, lastRound, etag, ...rest } = state as StoredSyncState;
    void updatedAt;
    void lease;
    void lastRound;
    void etag;
    return canonical(rest);
  };
  return content(a) === content(b);
}

const isConflict = (e: unknown): boolean => e instanceof StoreError && (e.code === 'etag_mismatch' || e.code === 'not_found');

/** Tries to take the mailbox's lease; fails while another holder's lease has not expired or when a rival wins the race. */
export async function acquireLease(repo: SyncStateRepository, tenantId: string, mailboxId: string, options: LeaseOptions): Promise<LeaseOutcome> {
  const now = options.now ?? (() => new Date());
  const current = await repo.get(tenantId, mailboxId);
  const held = current?.lease;
  if (held && held.holder !== options.holder && Date.parse(held.expiresAt) > now().getTime()) return { acquired: false, heldUntil: new Date(held.expiresAt) };
  const base = current ? withoutEtag(current) : emptySyncState(tenantId, mailboxId);
  try {
    const saved = await repo.put({ ...base, lease: { holder: options.holder, expiresAt: new Date(now().getTime() + options.ttlMs).toISOString() } }, current?.etag ?? null);
    return { acquired: true, lease: new LeasedSyncState(repo, saved, options) };
  } catch (e) {
    if (isConflict(e)) return { acquired: false, heldUntil: null };
    throw e;
  }
}

export class LeasedSyncState implements SyncStateRepository {
  private current: StoredSyncState;
  /** The etag the round last saw (from get or its own put); it stands for `current` while the lease is held. */
  private roundEtag: string;
  private lostReason: string | null = null;
  private released = false;
  private chain: Promise<unknown> = Promise.resolve();
  private readonly now: () => Date;

  constructor(
    private readonly repo: SyncStateRepository,
    saved: StoredSyncState,
    private readonly options: LeaseOptions,
  ) {
    this.current = saved;
    this.roundEtag = saved.etag;
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
      if (leaseOnly(this.current)) return undefined;
      const { lease, ...state } = structuredClone(this.current);
      void lease;
      return { ...state, etag: this.roundEtag };
    });
  }

  async put(state: MailboxSyncState, ifMatch: string | null): Promise<StoredSyncState> {
    this.assertMine(state.tenantId, state.mailboxId);
    return this.serial(async () => {
      const expected = leaseOnly(this.current) ? null : this.roundEtag;
      if (ifMatch !== expected) throw new StoreError('etag_mismatch', 'etag mismatch');
      // A round that found nothing new still saves its state; writes are what a store bills, so none is made
      // (the lease is renewed on its timer; updatedAt stays that of the last save that changed something).
      if (expected !== null && sameContent(state, this.current)) return { ...structuredClone(state), etag: this.roundEtag };
      const saved = await this.write({ ...state, lease: this.freshLease() });
      this.roundEtag = saved.etag;
      const { lease, ...out } = saved;
      void lease;
      return out;
    });
  }

  async delete(): Promise<void> {
    throw new Error('a leased sync state is not deleted through its lease');
  }

  /** Extends the lease (call well within ttlMs); false when it was lost. */
  async renew(): Promise<boolean> {
    return this.serial(async () => {
      if (this.lostReason || this.released) return false;
      try {
        await this.write({ ...withoutEtag(this.current), lease: this.freshLease() });
        return true;
      } catch (e) {
        if (this.lostReason) return false;
        throw e;
      }
    });
  }

  /**
   * Gives the lease up (another worker may start at once); nothing happens when it was lost. `lastRound`, when
   * given, makes the record of how the round ended from the state as it is now; it is written in the same put.
   */
  async release(lastRound?: (state: MailboxSyncState) => LastRoundRecord): Promise<void> {
    await this.serial(async () => {
      if (this.lostReason || this.released) return;
      this.released = true;
      const state = withoutEtag(this.current);
      try {
        await this.repo.put({ ...state, lease: null, ...(lastRound ? { lastRound: lastRound(state) } : {}) }, this.current.etag);
      } catch (e) {
        // Someone took it after it lapsed: it is theirs now; there is nothing to give up.
        if (!isConflict(e)) throw e;
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
      this.current = await this.repo.put(next, this.current.etag);
      return this.current;
    } catch (e) {
      if (isConflict(e)) {
        this.lostReason = (e as StoreError).code === 'not_found' ? 'state deleted' : 'taken by another worker';
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
