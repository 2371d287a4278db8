/**
 * Which item each delta entry is stamped on. A single event and an exception are their own items. A series
 * is stamped on its master, and only the master's own item decides it: its categories, etag and the rules'
 * match come from the master's entry in delta, or — when delta carried only occurrences (real Graph sends
 * them as stubs with no categories or subject; see graph-sandbox/src/series-delta.ts) — from a GET of
 * the master before planning (`unread`). An occurrence only says which series changed and when its first
 * instance in the window is.
 */
import type { DeltaEvent } from './delta-reader';

export type TargetKind = 'single' | 'master' | 'exception';

/** What a target keeps of the delta entry it is evaluated on; times only for a master (its first instance's, kept when re-read). */
export type TargetSource = Pick<DeltaEvent, 'id' | 'type' | 'start' | 'end'>;

/** The categories the rules give a Graph event as read (its own categories included). */
export type RuleMatch = (event: DeltaEvent) => string[];

export interface StampTarget {
  /** The item to PATCH. */
  id: string;
  kind: TargetKind;
  /** If-Match candidate; null sends the write unguarded (never, in practice: delta and GET carry one). */
  etag: string | null;
  /** The entry the rules were evaluated on (for a master: its entry, or its first occurrence in the round). */
  event: TargetSource;
  /** The categories the target carries now. */
  categories: string[];
  /** What the rules gave `event` with those categories, evaluated when its page arrived. */
  matched: string[];
  /**
   * A master seen only through its occurrences: categories, etag and match are not known until the master
   * is read, and nothing may be planned before.
   */
  unread?: true;
}

export interface CollectedDelta {
  targets: Map<string, StampTarget>;
  removedIds: string[];
  scanned: number;
}

const startOf = (e: TargetSource): string => e.start?.dateTime ?? '';
const noRules: RuleMatch = () => [];

/**
 * Collects targets page by page, evaluating the rules as each page arrives: a target keeps its match, its
 * etag and categories and a few time fields, not the parsed event (~2 KB of objects per event), so a full
 * round does not hold every parsed page until its writes are done.
 */
export class TargetCollector implements CollectedDelta {
  readonly targets = new Map<string, StampTarget>();
  readonly removedIds: string[] = [];
  scanned = 0;

  constructor(private readonly match: RuleMatch = noRules) {}

  add(items: readonly DeltaEvent[]): void {
    this.scanned += items.length;
    for (const item of items) {
      if (!item.id) continue;
      if (item['@removed']) {
        this.removedIds.push(item.id);
        this.targets.delete(item.id);
        continue;
      }
      if (item.type === 'occurrence' && item.seriesMasterId) {
        this.seenOccurrence(item.seriesMasterId, item);
        continue;
      }
      const kind: TargetKind = item.type === 'exception' ? 'exception' : item.type === 'seriesMaster' ? 'master' : 'single';
      this.targets.set(item.id, this.target(item.id, kind, item));
    }
  }

  /** An occurrence never sets what its master gets; it marks the series to read, dated by its earliest occurrence. */
  private seenOccurrence(masterId: string, item: DeltaEvent): void {
    const existing = this.targets.get(masterId);
    if (existing && !existing.unread) return;
    if (existing && startOf(existing.event) <= startOf(item)) return;
    this.targets.set(masterId, {
      id: masterId,
      kind: 'master',
      etag: null,
      event: { id: item.id, type: item.type, start: item.start, end: item.end },
      categories: [],
      matched: [],
      unread: true,
    });
  }

  private target(id: string, kind: TargetKind, item: DeltaEvent): StampTarget {
    return {
      id,
      kind,
      etag: item['@odata.etag'] ?? null,
      event: kind === 'master' ? { id: item.id, type: item.type, start: item.start, end: item.end } : { id: item.id, type: item.type },
      categories: [...(item.categories ?? [])],
      matched: this.match(item),
    };
  }
}

/** All of `items` at once; without `match`, as if no rule matched anything. */
export function collectTargets(items: readonly DeltaEvent[], match?: RuleMatch): CollectedDelta {
  const collector = new TargetCollector(match);
  collector.add(items);
  return collector;
}
