/**
 * One time-zone module: shared/time resolves zones and computes their offsets for the sync, the add-in and the
 * Graph sandbox alike. Wall times in minutes map to whole-minute instants, as they always have, even where a zone's
 * offset had seconds; the sandbox's conversions to the second go through the same caches.
 */
import { instantToWall, instantToWallMs, wallToInstant, zoneCacheSizes } from '../../../shared/time';
import { localToUtcMs, utcMsToLocal } from '../../../graph-sandbox/src/time-zones';

describe('zone offsets, one copy', () => {
  it('the sandbox converts through shared/time: a zone it renders in gets its formatter and offsets there', () => {
    // A zone no other test in this file uses, so it is new to the caches here.
    const before = zoneCacheSizes();
    expect(utcMsToLocal(Date.UTC(2026, 6, 1, 12), 'Ulaanbaatar Standard Time')).toBe('2026-07-01T20:00:00');
    const after = zoneCacheSizes();
    expect(after.offsetZones).toBe(before.offsetZones + 1);
    expect(after.formatters).toBe(before.formatters + 1);
    expect(localToUtcMs('2026-07-01T20:00:00', 'Asia/Ulaanbaatar')).toBe(Date.UTC(2026, 6, 1, 12));
    // The IANA name is the Windows name's zone: nothing new.
    expect(zoneCacheSizes()).toMatchObject({ offsetZones: after.offsetZones, formatters: after.formatters });
  });

  it('wall times in minutes give whole-minute instants that show that wall time, where offsets had seconds too', () => {
    // Abidjan kept local mean time, -0:16:08, until 1912; Algiers +0:09:21 until 1911 (tzdb).
    const cases: Array<[string, string]> = [
      ['1900-06-01T09:00', 'Africa/Abidjan'],
      ['1911-12-31T23:59', 'Africa/Abidjan'],
      ['1900-06-01T09:00', 'Africa/Algiers'],
      ['2026-06-01T09:00', 'Africa/Abidjan'],
    ];
    for (const [wall, zone] of cases) {
      const instant = wallToInstant(wall, zone)!;
      expect(Number.isInteger(instant / 60_000)).toBe(true);
      expect(instantToWall(new Date(instant), zone)).toBe(wall);
    }
    // The minute offset is the wall clock in minutes at the quarter hour: -0:16:08 shows as 17 minutes behind.
    expect(new Date(wallToInstant('1900-06-01T09:00', 'Africa/Abidjan')!).toISOString()).toBe('1900-06-01T09:17:00.000Z');
  });

  it('instants to wall times are to the second, and exact across a change inside a quarter hour', () => {
    // Abidjan moved from local mean time to GMT at 00:16:08 UTC on 1 January 1912.
    expect(instantToWallMs(Date.UTC(1912, 0, 1, 0, 16, 7, 999), 'Africa/Abidjan')).toBe(Date.UTC(1911, 11, 31, 23, 59, 59));
    expect(instantToWallMs(Date.UTC(1912, 0, 1, 0, 16, 8), 'Africa/Abidjan')).toBe(Date.UTC(1912, 0, 1, 0, 16, 8));
    expect(instantToWallMs(Date.UTC(1900, 0, 1, 12), 'Africa/Abidjan')).toBe(Date.UTC(1900, 0, 1, 11, 43, 52));
    expect(instantToWallMs(Date.UTC(2026, 0, 1), 'Nowhere/Zone')).toBeNull();
    expect(instantToWallMs(NaN, 'Europe/Berlin')).toBeNull();
  });
});
