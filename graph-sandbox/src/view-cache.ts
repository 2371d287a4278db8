import { eventInstances, type EventInstance } from './instances';
import type { Mailbox } from './model';

/** Delta pages of one round, frozen when the round started so every page sees the same list. */
export interface DeltaSnapshot {
  mailboxId: string;
  fromMs: number;
  toMs: number;
  /** Sequence the round's deltaLink will carry: changes after it appear in the next round. */
  seq: number;
  items: Array<EventInstance | { removedId: string }>;
}

const byStart = (a: EventInstance, b: EventInstance): number => a.startMs - b.startMs || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * Calendar views are recomputed only when the mailbox changed: paging through 2,000 events at
 * 10 per page would otherwise expand every series 200 times.
 */
export class ViewCache {
  private readonly views = new Map<string, { version: number; items: EventInstance[] }>();
  private readonly snapshots = new Map<string, DeltaSnapshot>();
  private snapshotCounter = 0;

  constructor(private readonly maxEntries = 500) {}

  calendarView(mailbox: Mailbox, fromMs: number, toMs: number): EventInstance[] {
    const key = `${mailbox.id}|${fromMs}|${toMs}`;
    const cached = this.views.get(key);
    if (cached && cached.version === mailbox.version) return cached.items;
    const items: EventInstance[] = [];
    for (const event of mailbox.events.values()) {
      for (const instance of eventInstances(event, fromMs, toMs)) items.push(instance);
    }
    items.sort(byStart);
    this.views.delete(key);
    this.views.set(key, { version: mailbox.version, items });
    if (this.views.size > this.maxEntries) this.views.delete(this.views.keys().next().value as string);
    return items;
  }

  saveSnapshot(snapshot: DeltaSnapshot): string {
    const id = `${Date.now().toString(36)}${(++this.snapshotCounter).toString(36)}`;
    this.snapshots.set(id, snapshot);
    if (this.snapshots.size > this.maxEntries) this.snapshots.delete(this.snapshots.keys().next().value as string);
    return id;
  }

  snapshot(id: string): DeltaSnapshot | undefined {
    return this.snapshots.get(id);
  }

  dropSnapshot(id: string): void {
    this.snapshots.delete(id);
  }

  clear(): void {
    this.views.clear();
    this.snapshots.clear();
  }
}
