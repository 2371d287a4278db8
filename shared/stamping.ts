/**
 * What CalSync changes on one event, and what it remembers having done. The record travels with the event
 * (a Graph single-value extended property), so removing stale categories and undo touch exactly what
 * CalSync stamped: a category a person added by hand is never removed, and one a person removed by hand
 * is not put back while the same rule keeps matching (a manual choice wins over automation).
 */
import { categoryKey } from './category-key';

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

// The lists are a handful of names (an event's categories, a rule set's matches), planned once per event
// per round: each name's key is computed once and looked up by linear scan, with no Sets to allocate.
const NO_KEYS: readonly string[] = [];

function keysOf(names: readonly string[]): readonly string[] {
  if (names.length === 0) return NO_KEYS;
  const keys = new Array<string>(names.length);
  for (let i = 0; i < names.length; i++) keys[i] = categoryKey(names[i] as string);
  return keys;
}

/** Same names, case-insensitively: as many, and each of `a` among `b`. */
function sameNames(aKeys: readonly string[], bKeys: readonly string[]): boolean {
  if (aKeys.length !== bKeys.length) return false;
  for (const k of aKeys) if (!bKeys.includes(k)) return false;
  return true;
}

/** Appends `name` unless a name with its key is already there (first spelling wins). */
function pushNew(names: string[], keys: string[], name: string, key: string): void {
  if (keys.includes(key)) return;
  names.push(name);
  keys.push(key);
}

/** A record's names with their keys. */
interface KeyedRecord {
  stamped: readonly string[];
  suppressed: readonly string[];
}

function finish(
  current: readonly string[],
  curKeys: readonly string[],
  categories: string[],
  catKeys: readonly string[],
  record: StampRecord,
  recordKeys: KeyedRecord,
  previousKeys: KeyedRecord,
): StampPlan {
  const changed =
    !sameNames(curKeys, catKeys) || !sameNames(previousKeys.stamped, recordKeys.stamped) || !sameNames(previousKeys.suppressed, recordKeys.suppressed);
  const added: string[] = [];
  for (let i = 0; i < categories.length; i++) if (!curKeys.includes(catKeys[i] as string)) added.push(categories[i] as string);
  const removed: string[] = [];
  for (let i = 0; i < current.length; i++) if (!catKeys.includes(curKeys[i] as string)) removed.push(current[i] as string);
  return { categories, record, added, removed, changed };
}

/** New categories = current − (what CalSync stamped that no longer matches) ∪ (matched, less what the person removed). */
export function planStamp(current: readonly string[], matched: readonly string[], previous: StampRecord): StampPlan {
  const cur = keysOf(current);
  const match = keysOf(matched);
  const prev: KeyedRecord = { stamped: keysOf(previous.stamped), suppressed: keysOf(previous.suppressed) };
  // Suppressed: what the person removed by hand (before, or since the last round), while a rule still matches it.
  const suppressed: string[] = [];
  const supp: string[] = [];
  for (let i = 0; i < previous.suppressed.length; i++) {
    const k = prev.suppressed[i] as string;
    if (match.includes(k)) pushNew(suppressed, supp, previous.suppressed[i] as string, k);
  }
  for (let i = 0; i < previous.stamped.length; i++) {
    const k = prev.stamped[i] as string;
    if (!cur.includes(k) && match.includes(k)) pushNew(suppressed, supp, previous.stamped[i] as string, k);
  }
  const toAdd: string[] = [];
  const toAddKeys: string[] = [];
  for (let i = 0; i < matched.length; i++) {
    const k = match[i] as string;
    if (!cur.includes(k) && !supp.includes(k)) pushNew(toAdd, toAddKeys, matched[i] as string, k);
  }
  // Kept: all current categories but the stale ones (stamped by CalSync, no longer matched); then the additions.
  const categories: string[] = [];
  const catKeys: string[] = [];
  // Stamped: current categories CalSync stamped that still match, then the additions.
  const stamped: string[] = [];
  const stampedKeys: string[] = [];
  for (let i = 0; i < current.length; i++) {
    const k = cur[i] as string;
    const wasStamped = prev.stamped.includes(k);
    const matches = match.includes(k);
    if (!(wasStamped && !matches)) {
      categories.push(current[i] as string);
      catKeys.push(k);
    }
    if (wasStamped && matches) pushNew(stamped, stampedKeys, current[i] as string, k);
  }
  for (let i = 0; i < toAdd.length; i++) {
    categories.push(toAdd[i] as string);
    catKeys.push(toAddKeys[i] as string);
    pushNew(stamped, stampedKeys, toAdd[i] as string, toAddKeys[i] as string);
  }
  return finish(current, cur, categories, catKeys, { stamped, suppressed }, { stamped: stampedKeys, suppressed: supp }, prev);
}

/** Removes exactly what CalSync stamped and forgets its record. */
export function planUndo(current: readonly string[], previous: StampRecord): StampPlan {
  const prev: KeyedRecord = { stamped: keysOf(previous.stamped), suppressed: keysOf(previous.suppressed) };
  const cur = keysOf(current);
  const categories: string[] = [];
  const catKeys: string[] = [];
  for (let i = 0; i < current.length; i++) {
    const k = cur[i] as string;
    if (prev.stamped.includes(k)) continue;
    categories.push(current[i] as string);
    catKeys.push(k);
  }
  return finish(current, cur, categories, catKeys, EMPTY_RECORD, { stamped: NO_KEYS, suppressed: NO_KEYS }, prev);
}
