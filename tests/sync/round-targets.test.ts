/** Which item each delta entry is stamped on. */
import { collectTargets } from '../../server/sync/round-targets';
import type { DeltaEvent } from '../../server/sync/delta-reader';

const ev = (id: string, type: DeltaEvent['type'], start: string, extra: Partial<DeltaEvent> = {}): DeltaEvent => ({
  id, type, start: { dateTime: start, timeZone: 'UTC' }, categories: [], '@odata.etag': `W/"${id}-${start}"`, ...extra,
});

describe('collectTargets', () => {
  test('occurrences become one master target, evaluated on the earliest occurrence, whatever the order', () => {
    const { targets } = collectTargets([
      ev('M_2', 'occurrence', '2026-02-09T10:00:00', { seriesMasterId: 'M' }),
      ev('M_1', 'occurrence', '2026-02-02T10:00:00', { seriesMasterId: 'M' }),
      ev('M_3', 'occurrence', '2026-02-16T10:00:00', { seriesMasterId: 'M' }),
    ]);
    expect([...targets.keys()]).toEqual(['M']);
    expect(targets.get('M')).toMatchObject({ kind: 'master', etag: 'W/"M_1-2026-02-02T10:00:00"' });
    expect(targets.get('M')!.event.id).toBe('M_1');
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
