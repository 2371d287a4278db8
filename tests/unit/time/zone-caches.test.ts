import { fromGraphEvent } from '../../../shared/normalize-graph';
import { zoneCacheSizes } from '../../../shared/time';

describe('zone caches stay bounded whatever zone names events carry', () => {
  it('thousands of unknown names (a preview request can send any) add no formatters or offset tables', () => {
    const before = zoneCacheSizes();
    for (let i = 0; i < 5_000; i++) {
      const zone = `Nowhere/Zone${i}`;
      const ev = fromGraphEvent(
        { id: `e${i}`, start: { dateTime: '2026-03-29T01:30:00', timeZone: zone }, end: { dateTime: '2026-03-29T03:30:00', timeZone: zone } },
        { timeZone: zone },
      );
      expect(ev.durationMinutes).toBe(120); // unknown zone: the wall clock is the best estimate
    }
    const after = zoneCacheSizes();
    expect(after.formatters).toBe(before.formatters);
    expect(after.offsetZones).toBe(before.offsetZones);
    expect(after.names).toBeLessThanOrEqual(1_000);
  });

  it('a Windows name and its IANA zone share one formatter and one offset table', () => {
    const duration = (zone: string) =>
      fromGraphEvent({ id: 'x', start: { dateTime: '2026-03-29T01:30:00', timeZone: zone }, end: { dateTime: '2026-03-29T03:30:00', timeZone: zone } })
        .durationMinutes;
    expect(duration('Europe/Berlin')).toBe(60);
    const before = zoneCacheSizes();
    expect(duration('W. Europe Standard Time')).toBe(60);
    const after = zoneCacheSizes();
    expect(after.formatters).toBe(before.formatters);
    expect(after.offsetZones).toBe(before.offsetZones);
  });
});
