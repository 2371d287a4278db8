/**
 * Graph and Outlook name zones the Windows way ("Pacific Standard Time"); Intl knows only IANA names. The CLDR
 * map in zones/windows-zones.ts bridges them, so durations, rendered times and rules work for either kind.
 */
import {
  compileRuleSet,
  fromGraphEvent,
  fromOfficeSnapshot,
  ianaZoneFor,
  instantToWall,
  parseRule,
  wallMinutes,
  wallToInstant,
  WINDOWS_ZONES,
  type Condition,
} from '../../../shared';
import { makeGraphEvent } from '../../factories/events';
import { ruleWhen } from '../../factories/rules';

const hours = (wall: string, zone: string) => (wallMinutes(wall) * 60000 - wallToInstant(wall, zone)!) / 3_600_000;

describe('the Windows zone map', () => {
  test('has every CLDR default zone, and this Node knows each IANA zone it maps to', () => {
    expect(Object.keys(WINDOWS_ZONES).length).toBeGreaterThanOrEqual(141);
    const rejected = Object.entries(WINDOWS_ZONES).filter(([, iana]) => {
      try {
        new Intl.DateTimeFormat('en-US', { timeZone: iana });
        return false;
      } catch {
        return true;
      }
    });
    expect(rejected).toEqual([]);
    for (const [windows, iana] of Object.entries(WINDOWS_ZONES)) expect([windows, ianaZoneFor(windows)]).toEqual([windows, iana]);
  });

  test('fixed-offset names land on the offset they name (Etc/GMT signs are inverted)', () => {
    const fixed = Object.keys(WINDOWS_ZONES).filter((n) => /^UTC[+-]\d\d$/.test(n));
    expect(fixed.sort()).toEqual(['UTC+12', 'UTC+13', 'UTC-02', 'UTC-08', 'UTC-09', 'UTC-11']);
    for (const name of fixed) expect([name, hours('2026-01-15T12:00', name)]).toEqual([name, Number(name.slice(3))]);
    expect(hours('2026-01-15T12:00', 'Dateline Standard Time')).toBe(-12);
    expect(hours('2026-07-15T12:00', 'UTC')).toBe(0);
  });

  test('well-known names follow their zone through daylight saving time', () => {
    expect([hours('2026-01-15T12:00', 'Pacific Standard Time'), hours('2026-07-15T12:00', 'Pacific Standard Time')]).toEqual([-8, -7]);
    expect([hours('2026-01-15T12:00', 'AUS Eastern Standard Time'), hours('2026-07-15T12:00', 'AUS Eastern Standard Time')]).toEqual([11, 10]);
    expect(hours('2026-07-15T12:00', 'India Standard Time')).toBe(5.5);
    // Mexico left DST in 2022: CLDR moved this name to Mazatlán (UTC−7), since Chihuahua now keeps UTC−6.
    expect(hours('2026-07-06T11:00', 'Mountain Standard Time (Mexico)')).toBe(-7);
  });

  test('IANA names pass through; unknown names, empty names and Object.prototype keys are unknown', () => {
    expect(ianaZoneFor('Europe/Paris')).toBe('Europe/Paris');
    for (const name of ['Mars/Olympus', '', 'constructor', 'toString', 'Pacific Standard Time ']) expect([name, ianaZoneFor(name)]).toEqual([name, null]);
  });
});

describe('normalising events in Windows zones', () => {
  const graph = (day: string, from: string, to: string, timeZone: string) =>
    fromGraphEvent(makeGraphEvent({ start: { dateTime: `${day}T${from}:00.0000000`, timeZone }, end: { dateTime: `${day}T${to}:00.0000000`, timeZone } }));

  test.each(['W. Europe Standard Time', 'Romance Standard Time'])('%s: 01:30–03:30 on the spring-forward night (2026-03-29) lasts 60 minutes', (zone) => {
    const ev = graph('2026-03-29', '01:30', '03:30', zone);
    expect([ev.start, ev.end, ev.durationMinutes]).toEqual(['2026-03-29T01:30', '2026-03-29T03:30', 60]);
    expect(graph('2026-10-25', '01:30', '03:30', zone).durationMinutes).toBe(180);
  });

  test('a UTC event for a mailbox in Pacific Standard Time gets the Pacific start time and day', () => {
    // 06:30Z on Tuesday 24 November is 22:30 PST on Monday 23 November.
    const utc = (dateTime: string) => ({ dateTime, timeZone: 'UTC' });
    const ev = fromGraphEvent(makeGraphEvent({ start: utc('2026-11-24T06:30:00.0000000'), end: utc('2026-11-24T07:15:00.0000000') }), {
      timeZone: 'Pacific Standard Time',
    });
    expect([ev.start, ev.end, ev.durationMinutes]).toEqual(['2026-11-23T22:30', '2026-11-23T23:15', 45]);
    const when: Condition = {
      all: [
        { field: 'dayOfWeek', op: 'equals', value: 'monday' },
        { field: 'startTime', op: 'after', value: '22:00' },
      ],
    };
    const parsed = parseRule(ruleWhen(when, 'Late Monday'));
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
    expect(compileRuleSet([parsed.value], { internalDomains: ['contoso.com'] }).categoriesFor(ev)).toEqual(['Late Monday']);
  });

  test('the Office.js path renders instants in a Windows zone too', () => {
    const ev = fromOfficeSnapshot({
      subject: 'x',
      start: '2026-11-24T06:30:00.000Z',
      end: '2026-11-24T07:15:00.000Z',
      timeZone: 'Pacific Standard Time',
      requiredAttendees: [],
      optionalAttendees: [],
      isOrganizer: true,
    });
    expect([ev.start, ev.end]).toEqual(['2026-11-23T22:30', '2026-11-23T23:15']);
  });

  test('an unknown zone behaves as before: wall clocks kept, no conversion', () => {
    expect(instantToWall(new Date('2026-11-24T06:30:00Z'), 'Mars/Olympus')).toBeNull();
    expect(wallToInstant('2026-03-29T01:30', 'Mars/Olympus')).toBeNull();
    expect(graph('2026-03-29', '01:30', '03:30', 'Mars/Olympus').durationMinutes).toBe(120);
    const utc = (dateTime: string) => ({ dateTime, timeZone: 'UTC' });
    const ev = fromGraphEvent(makeGraphEvent({ start: utc('2026-11-24T06:30:00.0000000'), end: utc('2026-11-24T07:15:00.0000000') }), {
      timeZone: 'Mars/Olympus',
    });
    expect([ev.start, ev.durationMinutes]).toEqual(['2026-11-24T06:30', 45]);
  });
});
