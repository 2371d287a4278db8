/**
 * The sandbox's wall-clock helpers take shortcuts (no regex or Date for the common forms, remembered day and
 * time strings); they must answer exactly what the plain versions — a regex and Date#toISOString — answer.
 */
import fc from 'fast-check';
import { GraphError } from '../../server/graph-sandbox/graph-error';
import { formatLocal, localToUtcMs, normalizeLocal, parseLocal, utcMsToLocal } from '../../server/graph-sandbox/time-zones';

const reference = {
  format: (ms: number): string => new Date(ms).toISOString().slice(0, 19),
  parse(local: string): number {
    const m = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?)?$/.exec(local);
    if (!m) throw new GraphError(400, 'ErrorInvalidRequest', `Cannot convert the literal '${local}' to the expected type 'Edm.DateTime'.`);
    return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0));
  },
};

const outcome = (f: () => unknown): unknown => {
  try {
    return f();
  } catch (error) {
    return error instanceof GraphError ? `${error.status} ${error.code} ${error.message}` : String(error);
  }
};

describe('graph sandbox: wall-clock formatting and parsing', () => {
  test('formatLocal matches toISOString for any instant Date can hold, whole seconds or not', () => {
    const instant = fc.oneof(
      fc.integer({ min: -8.64e15, max: 8.64e15 }),
      fc.integer({ min: 0, max: 4_102_444_800 }).map((s) => s * 1000),
      fc.integer({ min: -62_135_596_800, max: 253_402_300_799 }).map((s) => s * 1000),
    );
    fc.assert(fc.property(instant, (ms) => expect(formatLocal(ms)).toBe(reference.format(ms))), { numRuns: 20_000 });
    for (const ms of [-30610224000001, -30610224000000, -30610223999000, 0, 253402300799000, 253402300800000 - 1000]) expect(formatLocal(ms)).toBe(reference.format(ms));
  });

  test('parseLocal and normalizeLocal match the regex for well-formed and malformed literals', () => {
    const digits = (n: number) => fc.stringMatching(new RegExp(`^\\d{${n}}$`));
    const wellFormed = fc
      .tuple(digits(4), digits(2), digits(2), digits(2), digits(2), digits(2), fc.constantFrom('', '.0000000', '.5'), fc.constantFrom('full', 'minutes', 'date'))
      .map(([y, mo, d, h, mi, s, frac, form]) => (form === 'date' ? `${y}-${mo}-${d}` : form === 'minutes' ? `${y}-${mo}-${d}T${h}:${mi}${frac}` : `${y}-${mo}-${d}T${h}:${mi}:${s}${frac}`));
    const literal = fc.oneof(wellFormed, fc.string({ maxLength: 22 }), wellFormed.map((s) => s.replace(/\d/, 'x')), wellFormed.map((s) => `${s}Z`));
    fc.assert(
      fc.property(literal, (s) => {
        expect(outcome(() => parseLocal(s))).toEqual(outcome(() => reference.parse(s)));
        expect(outcome(() => normalizeLocal(s))).toEqual(outcome(() => reference.format(reference.parse(s))));
      }),
      { numRuns: 20_000 },
    );
  });

  test('zone conversions still go through the zone (daylight saving kept)', () => {
    expect(localToUtcMs('2026-07-15T09:00:00', 'Europe/Berlin')).toBe(Date.UTC(2026, 6, 15, 7));
    expect(utcMsToLocal(Date.UTC(2026, 0, 15, 8), 'W. Europe Standard Time')).toBe('2026-01-15T09:00:00');
    expect(utcMsToLocal(Date.UTC(2026, 0, 15, 8, 30, 15), 'UTC')).toBe('2026-01-15T08:30:15');
  });

  test('every Windows name CLDR maps is understood (the shared map), not only the common ones', () => {
    expect(utcMsToLocal(Date.UTC(2026, 0, 15, 12), 'Dateline Standard Time')).toBe('2026-01-15T00:00:00');
    expect(localToUtcMs('2026-07-15T09:00:00', 'Yukon Standard Time')).toBe(Date.UTC(2026, 6, 15, 16));
    expect(utcMsToLocal(Date.UTC(2026, 6, 15, 12), 'UTC+13')).toBe('2026-07-16T01:00:00');
  });
});
