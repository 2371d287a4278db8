/** Which item each delta entry is stamped on. */
import { collectTargets } from '../../server/sync/round-targets';
import type { DeltaEvent } from '../../server/sync/delta-reader';

const ev = (id: string, type: DeltaEvent['type'], start: string, extra: Partial<DeltaEvent> = {}): DeltaEvent => ({
  id,
  type,
  start: { dateTime: start, timeZone: 'UTC' },
  categories: [],
  '@odata.etag': `W/"${id}-${start}"`,
  ...extra,
});

describe('collectTargets', () => {
  test('occurrences alone give one master target to read, dated by the earliest occurrence, whatever the order', () => {
    const { targets } = collectTargets(
      [
        ev('M_2', 'occurrence', '2026-02-09T10:00:00', { seriesMasterId: 'M' }),
        ev('M_1', 'occurrence', '2026-02-02T10:00:00', { seriesMasterId: 'M', categories: ['Stale copy'] }),
        ev('M_3', 'occurrence', '2026-02-16T10:00:00', { seriesMasterId: 'M' }),
      ],
      () => ['Matched'],
    );
    expect([...targets.keys()]).toEqual(['M']);
    // No etag, categories or match from an occurrence: the master's own come from reading it.
    expect(targets.get('M')).toMatchObject({ kind: 'master', etag: null, categories: [], matched: [], unread: true });
    expect(targets.get('M')!.event.id).toBe('M_1');
  });

  test("the master's own entry decides its target, before or after its occurrences", () => {
    const master = ev('M', 'seriesMaster', '2026-02-02T10:00:00', { categories: ['Mine'], subject: 'Weekly' });
    const stubs = [
      ev('M_1', 'occurrence', '2026-02-02T10:00:00', { seriesMasterId: 'M' }),
      ev('M_2', 'occurrence', '2026-02-09T10:00:00', { seriesMasterId: 'M' }),
    ];
    const byEntry = (e: DeltaEvent): string[] => [`match:${e.id}`];
    for (const order of [
      [master, ...stubs],
      [...stubs, master],
      [stubs[0]!, master, stubs[1]!],
    ]) {
      const target = collectTargets(order, byEntry).targets.get('M');
      expect(target).toEqual({
        id: 'M',
        kind: 'master',
        etag: 'W/"M-2026-02-02T10:00:00"',
        event: { id: 'M', type: 'seriesMaster', start: master.start, end: undefined },
        categories: ['Mine'],
        matched: ['match:M'],
      });
    }
  });

  test('exceptions and single events are their own targets; @removed drops an earlier entry and is listed', () => {
    const { targets, removedIds, scanned } = collectTargets([
      ev('S', 'singleInstance', '2026-02-01T09:00:00'),
      ev('M_1', 'exception', '2026-02-02T11:00:00', { seriesMasterId: 'M' }),
      ev('X', 'singleInstance', '2026-02-03T09:00:00'),
      { id: 'X', '@removed': { reason: 'deleted' } },
    ]);
    expect([...targets.keys()].sort()).toEqual(['M_1', 'S']);
    expect(targets.get('M_1')!.kind).toBe('exception');
    expect(removedIds).toEqual(['X']);
    expect(scanned).toBe(4);
  });
});
