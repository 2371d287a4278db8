/**
 * Which item each delta entry is stamped on. A single event and an exception are their own items; an
 * occurrence is stamped on its series master, once per series per round, evaluated on the earliest
 * occurrence seen. The master's etag is not in the delta page, so the occurrence's etag is offered as the
 * If-Match candidate: it is the master's while no occurrence has its own changes, and when it is not, the
 * 412 re-reads the master and the write goes again with the master's own etag (bounded, never unguarded).
 */
import type { DeltaEvent } from './delta-reader';

export type TargetKind = 'single' | 'master' | 'exception';

/** What a target keeps of the delta entry it is evaluated on; times only for a master (its occurrence's, kept when re-read). */
export type TargetSource = Pick<DeltaEvent, 'id' | 'type' | 'start' | 'end'>;

/** The categories the rules give a Graph event as read (its own categories included). */
export type RuleMatch = (event: DeltaEvent) => string[];

export interface StampTarget {
  /** The item to PATCH. */
  id: string;
  kind: TargetKind;
  /** If-Match candidate; null sends the write unguarded (never, in practice: delta always carries an etag). */
  etag: string | null;
  /** The entry the rules were evaluated on (for a master: its earliest occurrence in the round). */
  event: TargetSource;
  /** The categories the target carries now. */
  categories: string[];
  /** What the rules gave `event` with those categories, evaluated when its page arrived. */
  matched: string[];
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
        const existing = this.targets.get(item.seriesMasterId);
        // A master read as itself wins over one inferred from its occurrences.
        if (existing && (existing.event.type === 'seriesMaster' || startOf(existing.event) <= startOf(item))) continue;
        this.targets.set(item.seriesMasterId, this.target(item.seriesMasterId, 'master', item));
        continue;
      }
      const kind: TargetKind = item.type === 'exception' ? 'exception' : item.type === 'seriesMaster' ? 'master' : 'single';
      this.targets.set(item.id, this.target(item.id, kind, item));
    }
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
