/**
 * What CalSync changes on one event, and what it remembers having done. The record travels with the event
 * (a Graph single-value extended property), so removing stale categories and undo touch exactly what
 * CalSync stamped: a category a person added by hand is never removed, and one a person removed by hand
 * is not put back while the same rule keeps matching (a manual choice wins over automation).
 */
import { categoryKey } from './engine';

/** The extended property CalSync keeps its record in (a named string property in CalSync's own GUID namespace). */
export const STAMP_PROPERTY_ID = 'String {6d9a4f3c-2b1e-4c57-9a0f-5e3c1b7d2a84} Name CalSyncStamp';

export interface StampRecord {
  /** Categories CalSync put on the event and still owns. */
  stamped: string[];
  /** Categories a rule gives the event that the person removed by hand; left off while the rule keeps matching. */
  suppressed: string[];
}

export const EMPTY_RECORD: StampRecord = { stamped: [], suppressed: [] };

export function parseStampRecord(value: string | null | undefined): StampRecord {
  if (!value) return EMPTY_RECORD;
  try {
    const raw = JSON.parse(value) as { s?: unknown; x?: unknown };
    const strings = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
    return { stamped: strings(raw.s), suppressed: strings(raw.x) };
  } catch {
    return EMPTY_RECORD; // A damaged record only means CalSync forgets; it never removes what it cannot prove it added.
  }
}

export function serializeStampRecord(record: StampRecord): string {
  return JSON.stringify({ v: 1, s: record.stamped, x: record.suppressed });
}

export interface StampPlan {
  categories: string[];
  record: StampRecord;
  added: string[];
  removed: string[];
  /** Whether the event needs a write (its categories or the record differ). */
  changed: boolean;
}

class KeySet {
  private readonly keys: Set<string>;
  constructor(names: readonly string[]) {
    this.keys = new Set(names.map(categoryKey));
  }
  has(name: string): boolean {
    return this.keys.has(categoryKey(name));
  }
}

function sameNames(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  const bs = new KeySet(b);
  return a.every((x) => bs.has(x));
}

function dedupe(names: readonly string[]): string[] {
  const seen = new Set<string>();
  return names.filter((n) => !seen.has(categoryKey(n)) && !!seen.add(categoryKey(n)));
}

function finish(current: readonly string[], categories: string[], record: StampRecord, previous: StampRecord): StampPlan {
  const cur = new KeySet(current);
  const next = new KeySet(categories);
  const changed =
    !sameNames(current, categories) || !sameNames(previous.stamped, record.stamped) || !sameNames(previous.suppressed, record.suppressed);
  return { categories, record, added: categories.filter((c) => !cur.has(c)), removed: current.filter((c) => !next.has(c)), changed };
}

/** New categories = current − (what CalSync stamped that no longer matches) ∪ (matched, less what the person removed). */
export function planStamp(current: readonly string[], matched: readonly string[], previous: StampRecord): StampPlan {
  const cur = new KeySet(current);
  const match = new KeySet(matched);
  const prevStamped = new KeySet(previous.stamped);
  const removedByPerson = previous.stamped.filter((c) => !cur.has(c));
  const suppressed = dedupe([...previous.suppressed, ...removedByPerson].filter((c) => match.has(c)));
  const supp = new KeySet(suppressed);
  const stale = new KeySet(previous.stamped.filter((c) => cur.has(c) && !match.has(c)));
  const toAdd = dedupe(matched.filter((c) => !cur.has(c) && !supp.has(c)));
  const categories = [...current.filter((c) => !stale.has(c)), ...toAdd];
  const stamped = dedupe([...current.filter((c) => prevStamped.has(c) && match.has(c)), ...toAdd]);
  return finish(current, categories, { stamped, suppressed }, previous);
}

/** Removes exactly what CalSync stamped and forgets its record. */
export function planUndo(current: readonly string[], previous: StampRecord): StampPlan {
  const stamped = new KeySet(previous.stamped);
  return finish(current, current.filter((c) => !stamped.has(c)), EMPTY_RECORD, previous);
}
