/** Targets collected page by page: the same as all at once, the rules evaluated as each page arrives. */
import fc from 'fast-check';
import type { DeltaEvent } from '../../server/sync/delta-reader';
import { collectTargets, TargetCollector } from '../../server/sync/round-targets';

const ev = (id: string, type: DeltaEvent['type'], start: string, extra: Partial<DeltaEvent> = {}): DeltaEvent => ({
  id,
  type,
  subject: `subject of ${id}`,
  start: { dateTime: start, timeZone: 'UTC' },
  end: { dateTime: start.replace('T10', 'T11'), timeZone: 'UTC' },
  categories: [],
  '@odata.etag': `W/"${id}-${start}"`,
  ...extra,
});

/** A rule match that names the entry it was given, so a test sees which entry a target was judged on. */
const matchById = (event: DeltaEvent): string[] => [`match:${event.id}`];

describe('TargetCollector', () => {
  const entries: DeltaEvent[] = [
    ev('S', 'singleInstance', '2026-02-01T10:00:00', { categories: ['Blue'] }),
    ev('M_2', 'occurrence', '2026-02-09T10:00:00', { seriesMasterId: 'M' }),
    ev('M_1', 'occurrence', '2026-02-02T10:00:00', { seriesMasterId: 'M' }),
    ev('N_1', 'exception', '2026-02-03T10:00:00', { seriesMasterId: 'N' }),
    ev('X', 'singleInstance', '2026-02-04T10:00:00'),
    { id: 'X', '@removed': { reason: 'deleted' } },
    ev('M_3', 'occurrence', '2026-02-16T10:00:00', { seriesMasterId: 'M' }),
  ];

  test('any split into pages gives the targets, removals and count that one page gives', () => {
    const whole = collectTargets(entries, matchById);
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 1, max: entries.length - 1 }), { maxLength: entries.length }), (cuts) => {
        const collector = new TargetCollector(matchById);
        const bounds = [0, ...cuts.sort((a, b) => a - b), entries.length];
        for (let i = 0; i + 1 < bounds.length; i++) collector.add(entries.slice(bounds[i], bounds[i + 1]));
        expect([...collector.targets.entries()]).toEqual([...whole.targets.entries()]);
        expect(collector.removedIds).toEqual(whole.removedIds);
        expect(collector.scanned).toBe(entries.length);
      }),
    );
  });

  test('a target keeps its match, etag, categories and, for a master only, its times — not the entry', () => {
    const { targets } = collectTargets(entries, matchById);
    expect(targets.get('S')).toEqual({
      id: 'S',
      kind: 'single',
      etag: 'W/"S-2026-02-01T10:00:00"',
      event: { id: 'S', type: 'singleInstance' },
      categories: ['Blue'],
      matched: ['match:S'],
    });
    // Seen only through its occurrences: nothing taken from them but the earliest one's times; read before planning.
    expect(targets.get('M')).toEqual({
      id: 'M',
      kind: 'master',
      etag: null,
      event: { id: 'M_1', type: 'occurrence', start: entries[2]!.start, end: entries[2]!.end },
      categories: [],
      matched: [],
      unread: true,
    });
    expect(targets.get('N_1')).toMatchObject({ kind: 'exception', matched: ['match:N_1'] });
    expect(targets.has('X')).toBe(false);
  });

  test('categories are copied: the page can go, and nothing the plan does reaches back into it', () => {
    const page = [ev('S', 'singleInstance', '2026-02-01T10:00:00', { categories: ['Blue'] })];
    const { targets } = collectTargets(page);
    targets.get('S')!.categories.push('Red');
    expect(page[0]!.categories).toEqual(['Blue']);
    expect(targets.get('S')!.matched).toEqual([]);
  });
});
