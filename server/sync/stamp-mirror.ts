/**
 * The per-event stamp records mirrored in sync state (delta pages cannot carry the extended property).
 * `get` answers undefined when the mirror does not know — no entry, or the event is pending from a round
 * that did not finish — and the round then reads the record from the event before removing anything.
 *
 * Records stay in the stored compact form (interned names, indices) and are decoded only when asked for:
 * a round touches only the events delta reports, yet loads and saves the whole mirror, and decoding every
 * record on load and encoding every record again on each save was work in proportion to the mailbox.
 */
import { categoryKey, EMPTY_RECORD, type StampRecord } from '../../shared';
import type { MailboxSyncState } from '../store/sync-state';

export class StampMirror {
  /** Interned names, first spelling wins; a name is never removed (an unused one costs a few bytes). */
  private readonly names: string[] = [];
  private readonly index = new Map<string, number>();
  /** Event id → compact record; arrays are replaced, never changed in place (the state may share them). */
  private readonly records = new Map<string, number[]>();
  private readonly untrusted: Set<string>;
  private dirty = false;

  constructor(state: Pick<MailboxSyncState, 'names' | 'records' | 'pending'>) {
    this.untrusted = new Set(state.pending);
    // Stored indices → ours: the same unless a stored name repeats another case-insensitively, or is missing.
    const remap = state.names.map((name) => (typeof name === 'string' ? this.intern(name) : -1));
    const identity = remap.every((to, from) => to === from);
    for (const [id, codes] of Object.entries(state.records)) {
      this.records.set(id, identity && codes.every((c) => (c >= 0 ? c : -c - 1) < remap.length) ? codes : recode(codes, remap));
    }
  }

  /** Written by a round that did not finish: the event's own record must be read. */
  isPending(eventId: string): boolean {
    return this.untrusted.has(eventId);
  }

  /** Whether `get` would answer a record (an entry, and not pending). */
  knows(eventId: string): boolean {
    return !this.untrusted.has(eventId) && this.records.has(eventId);
  }

  get(eventId: string): StampRecord | undefined {
    if (this.untrusted.has(eventId)) return undefined;
    const codes = this.records.get(eventId);
    if (!codes) return undefined;
    const stamped: string[] = [];
    const suppressed: string[] = [];
    for (const code of codes) {
      if (code >= 0) stamped.push(this.names[code] as string);
      else suppressed.push(this.names[-code - 1] as string);
    }
    return { stamped, suppressed };
  }

  /**
   * Whether anything here differs from the state it was made from (a record, a pending id; an interned name only
   * with a record using it). A round that changed nothing need not store its state (mailbox-round.ts).
   */
  get changed(): boolean {
    return this.dirty;
  }

  /** Remembers an event's record. An empty record is kept only when `keepEmpty` (the event carries a watched category). */
  set(eventId: string, record: StampRecord, keepEmpty: boolean): void {
    if (this.untrusted.delete(eventId)) this.dirty = true;
    if (record.stamped.length === 0 && record.suppressed.length === 0 && !keepEmpty) {
      if (this.records.delete(eventId)) this.dirty = true;
      return;
    }
    const codes: number[] = [];
    for (const name of record.stamped) codes.push(this.intern(name));
    for (const name of record.suppressed) codes.push(-this.intern(name) - 1);
    const before = this.records.get(eventId);
    if (before && before.length === codes.length && before.every((c, i) => c === codes[i])) return;
    this.records.set(eventId, codes);
    this.dirty = true;
  }

  delete(eventId: string): void {
    const untrusted = this.untrusted.delete(eventId);
    if (this.records.delete(eventId) || untrusted) this.dirty = true;
  }

  /** Keeps only the given ids (after a full round has seen every event in the window). */
  retainOnly(ids: ReadonlySet<string>): void {
    for (const id of this.records.keys()) {
      if (ids.has(id)) continue;
      this.records.delete(id);
      this.dirty = true;
    }
  }

  /** Events whose written record may not match the mirror until the round that writes them finishes. */
  markPending(ids: Iterable<string>): void {
    for (const id of ids) {
      if (this.untrusted.has(id)) continue;
      this.untrusted.add(id);
      this.dirty = true;
    }
  }

  get size(): number {
    return this.records.size;
  }

  /** The compact form: interned names, indices (`-(i + 1)` for suppressed). */
  toState(): Pick<MailboxSyncState, 'names' | 'records' | 'pending'> {
    // A null-prototype object: V8 makes it a hash table from the start, where a literal ({}, Object.fromEntries) passes
    // through a new hidden class per id first — ten times the work for a mailbox's thousands of ids, on every save. With
    // no prototype, every id is an own property, "__proto__" too; JSON and structured clones see a plain object.
    const records = Object.create(null) as Record<string, number[]>;
    for (const [id, codes] of this.records) records[id] = codes;
    return { names: [...this.names], records, pending: [...this.untrusted] };
  }

  private intern(name: string): number {
    const key = categoryKey(name);
    let i = this.index.get(key);
    if (i === undefined) {
      i = this.names.length;
      this.names.push(name);
      this.index.set(key, i);
    }
    return i;
  }
}

/** Stored codes through a stored-index → interned-index map; codes naming no stored name are dropped. */
function recode(codes: number[], remap: number[]): number[] {
  const out: number[] = [];
  for (const code of codes) {
    const to = remap[code >= 0 ? code : -code - 1];
    if (to === undefined || to < 0) continue;
    out.push(code >= 0 ? to : -to - 1);
  }
  return out;
}

export const isEmptyRecord = (r: StampRecord): boolean => r.stamped.length === 0 && r.suppressed.length === 0;
export { EMPTY_RECORD };
