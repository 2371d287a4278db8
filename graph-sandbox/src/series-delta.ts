/**
 * How calendarView/delta reports a recurring series. The reference page shows occurrences as whole events;
 * developers who called real Graph report otherwise, and not all alike, so each reported behaviour is an
 * option and the sync is tested against each:
 *
 * - Occurrences are stubs — `@odata.type`, `@odata.etag`, `id`, `seriesMasterId`, `type`, `start`, `end`,
 *   nothing else: microsoftgraph/microsoft-graph-docs#7632, microsoftgraph/microsoft-graph-docs-contrib#34,
 *   microsoftgraph/microsoft-graph-docs#1716 (Stack Overflow 46294580). Exceptions keep every property.
 * - The series master comes back as its own, full item, its `start`/`end` those of the first occurrence in
 *   the window: microsoftgraph/microsoft-graph-docs#22197 (as CalSync issue #14 sums it up). ridafkih/keeper.sh PR 409 instead sees the
 *   series' very first occurrence (a yearly series from 2012 listed on its 2012 date), hence `masterDated`.
 *   Other reports see no master in delta at all (microsoftgraph/microsoft-graph-docs#2182: "you get the
 *   occurrences, not the master"; microsoftgraph/microsoft-graph-docs-contrib#7681; keeper.sh PR 409 for
 *   later delta rounds and series begun before the window), hence `master: 'none'`. No report says where in
 *   the series the master is listed, hence `'first'`/`'last'`.
 * - Deleting one occurrence gives no `@removed` for it; the master and the remaining occurrences are
 *   reported again, and a series is not split across delta pages, so a page may hold more than
 *   `odata.maxpagesize` entries: microsoftgraph/microsoft-graph-docs PR 4501 (found by experiment); Stack
 *   Overflow 55641502 is cited for the same in CalSync issue #14.
 */
import type { EventInstance } from './instances';
import { localToUtcMs } from './time-zones';

export interface DeltaSeriesOptions {
  /** 'stub': the seven fields above; 'full': every property, as the reference page shows them. */
  occurrences: 'stub' | 'full';
  /** Where the master's own entry is listed among its series' entries, or 'none' when delta leaves it out. */
  master: 'first' | 'last' | 'none';
  /** The master entry's start/end: its first occurrence in the window, or the series' first ever. */
  masterDated: 'firstInWindow' | 'seriesStart';
  /** A page ends only between series (a page may exceed maxpagesize); false pages at the exact size. */
  wholeSeriesPerPage: boolean;
  /** A cancelled occurrence: 'silent' (no `@removed`, the series reported again) or 'removed' (`@removed` for it). */
  cancelledOccurrence: 'silent' | 'removed';
}

/** What developers report from real Graph. */
export const reportedDeltaSeries: DeltaSeriesOptions = {
  occurrences: 'stub',
  master: 'first',
  masterDated: 'firstInWindow',
  wholeSeriesPerPage: true,
  cancelledOccurrence: 'silent',
};

/** The reference page's shape (and this sandbox's before): whole occurrences, no master, `@removed` per cancelled occurrence. */
export const referenceDeltaSeries: DeltaSeriesOptions = {
  occurrences: 'full',
  master: 'none',
  masterDated: 'firstInWindow',
  wholeSeriesPerPage: false,
  cancelledOccurrence: 'removed',
};

export type DeltaEntry = EventInstance | { removedId: string };

/** The master's own entry: the series item, dated like the first of `instances` (its instances in the window) or its own start. */
function masterEntry(instances: readonly EventInstance[], dated: DeltaSeriesOptions['masterDated']): EventInstance {
  const first = instances.reduce((a, b) => (b.startMs < a.startMs ? b : a));
  const record = first.record;
  if (dated === 'seriesStart') {
    const startMs = localToUtcMs(record.start.dateTime, record.start.timeZone);
    const endMs = localToUtcMs(record.end.dateTime, record.end.timeZone);
    return { id: record.id, type: 'seriesMaster', record, start: record.start, end: record.end, startMs, endMs };
  }
  return { id: record.id, type: 'seriesMaster', record, start: first.start, end: first.end, startMs: first.startMs, endMs: first.endMs };
}

/** One series' entries in delta order: its instances with the master's entry first, last or not at all. */
export function seriesEntries(instances: EventInstance[], options: DeltaSeriesOptions): EventInstance[] {
  if (options.master === 'none' || instances.length === 0 || !instances[0]!.record.recurrence) return instances;
  const master = masterEntry(instances, options.masterDated);
  return options.master === 'first' ? [master, ...instances] : [...instances, master];
}

/**
 * A first round's entries: the calendar view (ordered by start) with each series' entries together where
 * the first of them would be, so that a page can end between series.
 */
export function firstRoundEntries(view: readonly EventInstance[], options: DeltaSeriesOptions): EventInstance[] {
  if (!options.wholeSeriesPerPage && options.master === 'none') return [...view];
  const groups = new Map<string, EventInstance[]>();
  for (const instance of view) {
    const key = instance.record.id;
    const group = groups.get(key);
    if (group) group.push(instance);
    else groups.set(key, [instance]);
  }
  const out: EventInstance[] = [];
  for (const group of groups.values()) out.push(...seriesEntries(group, options));
  return out;
}

const seriesOf = (entry: DeltaEntry | undefined): string | undefined =>
  entry && !('removedId' in entry) && entry.record.recurrence ? entry.record.id : undefined;

/** Where a page starting at `offset` ends: at `offset + size`, or past it to the end of the series it would split. */
export function pageEnd(entries: readonly DeltaEntry[], offset: number, size: number, options: DeltaSeriesOptions): number {
  let end = Math.min(offset + size, entries.length);
  if (!options.wholeSeriesPerPage) return end;
  const last = seriesOf(entries[end - 1]);
  while (last !== undefined && end < entries.length && seriesOf(entries[end]) === last) end++;
  return end;
}
