/**
 * The Windows → IANA table is CLDR's, as the cldr-core package ships it: zones/windows-zones-cldr.ts is generated
 * from the package and must not drift from it, and every name the package knows must resolve.
 */
import { readFileSync } from 'node:fs';
import windowsZones from 'cldr-core/supplemental/windowsZones.json';
import { GENERATED_ZONES_PATH, renderWindowsZonesModule } from '../../../addin/scripts/generate-windows-zones';
import { ianaZoneFor, wallMinutes, wallToInstant } from '../../../shared';

const rows = windowsZones.supplemental.windowsZones.mapTimezones.map((row) => row.mapZone);

describe('the CLDR Windows zone table', () => {
  test('the committed module is exactly what the generator writes from the installed package (run `npm run gen:zones`)', () => {
    expect(readFileSync(GENERATED_ZONES_PATH, 'utf8')).toBe(renderWindowsZonesModule());
  });

  test('every Windows name resolves to its territory "001" zone, including the ones the hand copy missed', () => {
    const primary = rows.filter((z) => z._territory === '001');
    expect(primary.length).toBeGreaterThanOrEqual(139);
    const wrong = primary.filter((z) => ianaZoneFor(z._other) !== z._type).map((z) => [z._other, ianaZoneFor(z._other), z._type]);
    expect(wrong).toEqual([]);
    expect(ianaZoneFor('South Sudan Standard Time')).toBe('Africa/Juba');
    expect((wallMinutes('2026-07-01T12:00') * 60000 - wallToInstant('2026-07-01T12:00', 'South Sudan Standard Time')!) / 3_600_000).toBe(2);
  });

  test('every IANA zone CLDR lists for any territory (aliases such as Asia/Calcutta included) resolves to itself', () => {
    const iana = [...new Set(rows.flatMap((z) => z._type.split(' ').filter(Boolean)) /* one CLDR 48 row ends in a space */)];
    expect(iana.length).toBeGreaterThan(400);
    expect(iana.filter((zone) => ianaZoneFor(zone) !== zone)).toEqual([]);
  });

  test('retired Windows names Outlook can still report stay resolvable', () => {
    expect([ianaZoneFor('Kamchatka Standard Time'), ianaZoneFor('Mid-Atlantic Standard Time')]).toEqual(['Asia/Kamchatka', 'Etc/GMT+2']);
  });
});
