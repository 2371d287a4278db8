/**
 * The per-event stamp records mirrored in sync state (delta pages cannot carry the extended property).
 * `get` answers undefined when the mirror does not know — no entry, or the event is pending from a round
 * that did not finish — and the round then reads the record from the event before removing anything.
 */
import { categoryKey, EMPTY_RECORD, type StampRecord } from '../../shared';
import type { MailboxSyncState } from '../store/sync-state';

export class StampMirror {
  private readonly records: Map<string, StampRecord>;
  private readonly untrusted: Set<string>;

  constructor(state: Pick<MailboxSyncState, 'names' | 'records' | 'pending'>) {
    this.untrusted = new Set(state.pending);
    this.records = new Map();
    for (const [id, codes] of Object.entries(state.records)) {
      const stamped: string[] = [];
      const suppressed: string[] = [];
      for (const code of codes) {
        const name = state.names[code >= 0 ? code : -code - 1];
        if (name === undefined) continue;
        (code >= 0 ? stamped : suppressed).push(name);
      }
      this.records.set(id, { stamped, suppressed });
    }
  }

  /** Written by a round that did not finish: the event's own record must be read. */
  isPending(eventId: string): boolean {
    return this.untrusted.has(eventId);
  }

  get(eventId: string): StampRecord | undefined {
    return this.untrusted.has(eventId) ? undefined : this.records.get(eventId);
  }

  /** Remembers an event's record. An empty record is kept only when `keepEmpty` (the event carries a watched category). */
  set(eventId: string, record: StampRecord, keepEmpty: boolean): void {
    this.untrusted.delete(eventId);
    if (record.stamped.length === 0 && record.suppressed.length === 0 && !keepEmpty) this.records.delete(eventId);
    else this.records.set(eventId, record);
  }

  delete(eventId: string): void {
    this.untrusted.delete(eventId);
    this.records.delete(eventId);
  }

  /** Keeps only the given ids (after a full round has seen every event in the window). */
  retainOnly(ids: ReadonlySet<string>): void {
    for (const id of [...this.records.keys()]) if (!ids.has(id)) this.records.delete(id);
  }

  /** Events whose written record may not match the mirror until the round that writes them finishes. */
  markPending(ids: Iterable<string>): void {
    for (const id of ids) this.untrusted.add(id);
  }

  get size(): number {
    return this.records.size;
  }

  /** The compact form: interned names, indices (`-(i + 1)` for suppressed). */
  toState(): Pick<MailboxSyncState, 'names' | 'records' | 'pending'> {
    const names: string[] = [];
    const index = new Map<string, number>();
    const code = (name: string): number => {
      const key = categoryKey(name);
      let i = index.get(key);
      if (i === undefined) {
        i = names.length;
        names.push(name);
        index.set(key, i);
      }
      return i;
    };
    // fromEntries defines own properties, whatever an id looks like.
    const records = Object.fromEntries([...this.records].map(([id, r]) => [id, [...r.stamped.map(code), ...r.suppressed.map((n) => -code(n) - 1)]]));
    return { names, records, pending: [...this.untrusted] };
  }
}

export const isEmptyRecord = (r: StampRecord): boolean => r.stamped.length === 0 && r.suppressed.length === 0;
export { EMPTY_RECORD };
