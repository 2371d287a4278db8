/**
 * A wall-clock time names one instant except around DST changes. RFC 5545 (3.3.5) and Temporal's "compatible"
 * disambiguation agree: a repeated time (clocks go back) is the earlier instant, a skipped time (clocks go forward)
 * moves forward by the gap. The sync (shared/time) and the Graph sandbox share one conversion; both are checked.
 */
import { localToUtcMs } from '../../../graph-sandbox/src/time-zones';
import { wallToInstant } from '../../../shared';

/** The UTC offset Intl reports for a zone at an instant ("+02:00"): an independent check of each expected instant. */
function intlOffset(instantIso: string, zone: string): string {
  const part = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' })
    .formatToParts(new Date(instantIso))
    .find((p) => p.type === 'timeZoneName');
  return part!.value.replace('GMT', '') || '+00:00';
}

/** The wall clock Intl shows for a zone at an instant, 'YYYY-MM-DDTHH:mm'. */
function intlWall(instantIso: string, zone: string): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' })
    .format(new Date(instantIso))
    .replace(' ', 'T');
}

const cases: { what: string; wall: string; zone: string; instant: string; offset: string; shownAs: string }[] = [
  // Paris leaves summer time at 03:00 CEST (01:00Z) on 2026-10-25: 02:30 happens at 00:30Z (+02:00) and at 01:30Z (+01:00).
  {
    what: 'repeated, Paris',
    wall: '2026-10-25T02:30',
    zone: 'Europe/Paris',
    instant: '2026-10-25T00:30:00.000Z',
    offset: '+02:00',
    shownAs: '2026-10-25T02:30',
  },
  // New York leaves daylight time at 02:00 EDT (06:00Z) on 2026-11-01: 01:30 is 05:30Z (EDT) and 06:30Z (EST).
  {
    what: 'repeated, New York',
    wall: '2026-11-01T01:30',
    zone: 'America/New_York',
    instant: '2026-11-01T05:30:00.000Z',
    offset: '-04:00',
    shownAs: '2026-11-01T01:30',
  },
  {
    what: 'repeated, Windows name',
    wall: '2026-10-25T02:30',
    zone: 'Romance Standard Time',
    instant: '2026-10-25T00:30:00.000Z',
    offset: '+02:00',
    shownAs: '2026-10-25T02:30',
  },
  // Paris skips 02:00–03:00 on 2026-03-29 (at 01:00Z): 02:30 moves forward by the hour, to 03:30 CEST.
  {
    what: 'skipped, Paris',
    wall: '2026-03-29T02:30',
    zone: 'Europe/Paris',
    instant: '2026-03-29T01:30:00.000Z',
    offset: '+02:00',
    shownAs: '2026-03-29T03:30',
  },
  {
    what: 'skipped, New York',
    wall: '2026-03-08T02:30',
    zone: 'America/New_York',
    instant: '2026-03-08T07:30:00.000Z',
    offset: '-04:00',
    shownAs: '2026-03-08T03:30',
  },
  // Lord Howe shifts by half an hour: 01:30–02:00 repeats on 2026-04-05, 02:00–02:30 is skipped on 2026-10-04.
  {
    what: 'repeated half hour, Lord Howe',
    wall: '2026-04-05T01:45',
    zone: 'Australia/Lord_Howe',
    instant: '2026-04-04T14:45:00.000Z',
    offset: '+11:00',
    shownAs: '2026-04-05T01:45',
  },
  {
    what: 'skipped half hour, Lord Howe',
    wall: '2026-10-04T02:15',
    zone: 'Australia/Lord_Howe',
    instant: '2026-10-03T15:45:00.000Z',
    offset: '+11:00',
    shownAs: '2026-10-04T02:45',
  },
  // Ordinary times either side of a change, within a day of it, have one answer.
  {
    what: 'just before the repeat, Paris',
    wall: '2026-10-25T01:59',
    zone: 'Europe/Paris',
    instant: '2026-10-24T23:59:00.000Z',
    offset: '+02:00',
    shownAs: '2026-10-25T01:59',
  },
  {
    what: 'just after the repeat, Paris',
    wall: '2026-10-25T03:00',
    zone: 'Europe/Paris',
    instant: '2026-10-25T02:00:00.000Z',
    offset: '+01:00',
    shownAs: '2026-10-25T03:00',
  },
  {
    what: 'just before the gap, Paris',
    wall: '2026-03-29T01:59',
    zone: 'Europe/Paris',
    instant: '2026-03-29T00:59:00.000Z',
    offset: '+01:00',
    shownAs: '2026-03-29T01:59',
  },
  {
    what: 'just after the gap, Paris',
    wall: '2026-03-29T03:00',
    zone: 'Europe/Paris',
    instant: '2026-03-29T01:00:00.000Z',
    offset: '+02:00',
    shownAs: '2026-03-29T03:00',
  },
];

describe('wall-clock time → instant around DST changes', () => {
  test.each(cases)('$what: $wall in $zone is $instant', ({ wall, zone, instant, offset, shownAs }) => {
    const iana = zone === 'Romance Standard Time' ? 'Europe/Paris' : zone;
    // Intl's own data confirms each expected instant: its offset, and the wall clock it shows there.
    expect([intlOffset(instant, iana), intlWall(instant, iana)]).toEqual([offset, shownAs]);
    expect(new Date(wallToInstant(wall, zone)!).toISOString()).toBe(instant);
    expect(new Date(localToUtcMs(`${wall}:00`, zone)).toISOString()).toBe(instant);
  });

  test('the repeated hour is the earlier of the two instants Intl shows as that wall time', () => {
    const at = (iso: string) => intlWall(iso, 'Europe/Paris');
    expect([at('2026-10-25T00:30:00Z'), at('2026-10-25T01:30:00Z')]).toEqual(['2026-10-25T02:30', '2026-10-25T02:30']);
    expect(wallToInstant('2026-10-25T02:30', 'Europe/Paris')).toBe(Date.parse('2026-10-25T00:30:00Z'));
  });
});
