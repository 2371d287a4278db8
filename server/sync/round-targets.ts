/**
 * Which item each delta entry is stamped on. A single event and an exception are their own items; an
 * occurrence is stamped on its series master, once per series per round, evaluated on the earliest
 * occurrence seen. The master's etag is not in the delta page, so the occurrence's etag is offered as the
 * If-Match candidate: it is the master's while no occurrence has its own changes, and when it is not, the
 * 412 re-reads the master and the write goes again with the master's own etag (bounded, never unguarded).
 */
import type { DeltaEvent } from './delta-reader';

export type TargetKind = 'single' | 'master' | 'exception';

export interface StampTarget {
  /** The item to PATCH. */
  id: string;
  kind: TargetKind;
  /** If-Match candidate; null sends the write unguarded (never, in practice: delta always carries an etag). */
  etag: string | null;
  /** The event the rules are evaluated on (for a master: its earliest occurrence in the round). */
  event: DeltaEvent;
  /** The categories the target carries now. */
  categories: string[];
}

export interface CollectedDelta {
  targets: Map<string, StampTarget>;
  removedIds: string[];
  scanned: number;
}

const startOf = (e: DeltaEvent): string => e.start?.dateTime ?? '';

export function collectTargets(items: readonly DeltaEvent[]): CollectedDelta {
  const targets = new Map<string, StampTarget>();
  const removedIds: string[] = [];
  for (const item of items) {
    if (!item.id) continue;
    if (item['@removed']) {
      removedIds.push(item.id);
      targets.delete(item.id);
      continue;
    }
    const etag = item['@odata.etag'] ?? null;
    const categories = [...(item.categories ?? [])];
    if (item.type === 'occurrence' && item.seriesMasterId) {
      const existing = targets.get(item.seriesMasterId);
      // A master read as itself wins over one inferred from its occurrences.
      if (existing && (existing.event.type === 'seriesMaster' || startOf(existing.event) <= startOf(item))) continue;
      targets.set(item.seriesMasterId, { id: item.seriesMasterId, kind: 'master', etag, event: item, categories });
      continue;
    }
    const kind: TargetKind = item.type === 'exception' ? 'exception' : item.type === 'seriesMaster' ? 'master' : 'single';
    targets.set(item.id, { id: item.id, kind, etag, event: item, categories });
  }
  return { targets, removedIds, scanned: items.length };
}
