/**
 * durationMinutes is real elapsed time: an event across a DST change lasts what the clocks on the wall do not
 * show. Graph gives wall times with a zone, Office.js gives instants; both paths must agree.
 */
import { CalendarEventSchema, fromGraphEvent, fromOfficeSnapshot, type OfficeAppointmentSnapshot } from '../../../shared';
import { makeGraphEvent } from '../../factories/events';

const zone = 'Europe/Paris';

function graph(day: string, from: string, to: string, timeZone = zone) {
  return fromGraphEvent(makeGraphEvent({ start: { dateTime: `${day}T${from}:00.0000000`, timeZone }, end: { dateTime: `${day}T${to}:00.0000000`, timeZone } }));
}

function office(startIso: string, endIso: string, extra: Partial<OfficeAppointmentSnapshot> = {}) {
  return fromOfficeSnapshot({
    subject: 'x',
    start: startIso,
    end: endIso,
    timeZone: zone,
    requiredAttendees: [],
    optionalAttendees: [],
    isOrganizer: true,
    ...extra,
  });
}

describe('duration across a DST change', () => {
  test('spring forward (Paris, 2026-03-29): 01:30–03:30 on the wall is 60 minutes', () => {
    const ev = graph('2026-03-29', '01:30', '03:30');
    expect([ev.start, ev.end, ev.durationMinutes]).toEqual(['2026-03-29T01:30', '2026-03-29T03:30', 60]);
  });

  test('fall back (Paris, 2026-10-25): 01:30–03:30 on the wall is 180 minutes', () => {
    expect(graph('2026-10-25', '01:30', '03:30').durationMinutes).toBe(180);
  });

  test('the Office.js path gives the same events, field for field', () => {
    // 01:30 CET is 00:30Z, 03:30 CEST is 01:30Z; 01:30 CEST is 23:30Z the day before, 03:30 CET is 02:30Z.
    const spring = office('2026-03-29T00:30:00.000Z', '2026-03-29T01:30:00.000Z');
    const autumn = office('2026-10-24T23:30:00.000Z', '2026-10-25T02:30:00.000Z');
    expect([spring.start, spring.end, spring.durationMinutes]).toEqual(['2026-03-29T01:30', '2026-03-29T03:30', 60]);
    expect([autumn.start, autumn.end, autumn.durationMinutes]).toEqual(['2026-10-25T01:30', '2026-10-25T03:30', 180]);
    for (const [o, g] of [
      [spring, graph('2026-03-29', '01:30', '03:30')],
      [autumn, graph('2026-10-25', '01:30', '03:30')],
    ] as const) {
      expect([o.start, o.end, o.durationMinutes]).toEqual([g.start, g.end, g.durationMinutes]);
    }
  });

  test('UTC times from Graph rendered into the zone keep the real duration', () => {
    const ev = fromGraphEvent(
      makeGraphEvent({
        start: { dateTime: '2026-10-24T23:30:00.0000000', timeZone: 'UTC' },
        end: { dateTime: '2026-10-25T02:30:00.0000000', timeZone: 'UTC' },
      }),
      { timeZone: zone },
    );
    expect([ev.start, ev.end, ev.durationMinutes]).toEqual(['2026-10-25T01:30', '2026-10-25T03:30', 180]);
  });

  test('an ordinary day is unchanged, and a zone neither Intl nor the Windows map knows falls back to the wall clock', () => {
    expect(graph('2026-11-24', '14:30', '15:15').durationMinutes).toBe(45);
    expect(graph('2026-03-29', '01:30', '03:30', 'Mars/Olympus').durationMinutes).toBe(120);
  });

  test('all-day events last whole calendar days on both paths, even on the day the clocks change', () => {
    const g = fromGraphEvent(
      makeGraphEvent({
        isAllDay: true,
        start: { dateTime: '2026-03-29T00:00:00.0000000', timeZone: zone },
        end: { dateTime: '2026-03-30T00:00:00.0000000', timeZone: zone },
      }),
    );
    const o = office('2026-03-28T23:00:00.000Z', '2026-03-29T22:00:00.000Z', { isAllDayEvent: true });
    expect([g.durationMinutes, o.durationMinutes]).toEqual([1440, 1440]);
  });

  test('normalised events have the shape the CalendarEvent schema describes', () => {
    for (const ev of [graph('2026-03-29', '01:30', '03:30'), office('2026-03-29T00:30:00.000Z', '2026-03-29T01:30:00.000Z')]) {
      expect(CalendarEventSchema.safeParse(ev)).toMatchObject({ success: true });
    }
  });
});
