/**
 * The sandbox's wall-clock helpers take shortcuts (no regex or Date for the common forms, remembered day and
 * time strings); they must answer exactly what the plain versions — a regex and Date#toISOString — answer.
 */
import fc from 'fast-check';
import { GraphError } from '../src/graph-error';
import { formatLocal, localToUtcMs, normalizeLocal, parseLocal, utcMsToLocal } from '../src/time-zones';

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
    fc.assert(
      fc.property(instant, (ms) => expect(formatLocal(ms)).toBe(reference.format(ms))),
      { numRuns: 20_000 },
    );
    for (const ms of [-30610224000001, -30610224000000, -30610223999000, 0, 253402300799000, 253402300800000 - 1000])
      expect(formatLocal(ms)).toBe(reference.format(ms));
  });

  test('parseLocal and normalizeLocal match the regex for well-formed and malformed literals', () => {
    const digits = (n: number) => fc.stringMatching(new RegExp(`^\\d{${n}}$`));
    const wellFormed = fc
      .tuple(
        digits(4),
        digits(2),
        digits(2),
        digits(2),
        digits(2),
        digits(2),
        fc.constantFrom('', '.0000000', '.5'),
        fc.constantFrom('full', 'minutes', 'date'),
      )
      .map(([y, mo, d, h, mi, s, frac, form]) =>
        form === 'date' ? `${y}-${mo}-${d}` : form === 'minutes' ? `${y}-${mo}-${d}T${h}:${mi}${frac}` : `${y}-${mo}-${d}T${h}:${mi}:${s}${frac}`,
      );
    const literal = fc.oneof(
      wellFormed,
      fc.string({ maxLength: 22 }),
      wellFormed.map((s) => s.replace(/\d/, 'x')),
      wellFormed.map((s) => `${s}Z`),
    );
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

  test('utcMsToLocal gives what Intl gives for the zone, to the second, around transitions and historic offsets too', () => {
    // The plain way: Intl per instant (the sandbox remembers offsets per quarter hour instead).
    const formats = new Map<string, Intl.DateTimeFormat>();
    const intl = (ms: number, iana: string): string => {
      const parts: Record<string, string> = {};
      let f = formats.get(iana);
      if (!f)
        formats.set(
          iana,
          (f = new Intl.DateTimeFormat('en-US', {
            timeZone: iana,
            hourCycle: 'h23',
            year: 'numeric',
            month: '2-digit',
            day: '2-digit',
            hour: '2-digit',
            minute: '2-digit',
            second: '2-digit',
          })),
        );
      for (const p of f.formatToParts(new Date(ms))) parts[p.type] = p.value;
      return `${parts.year!.padStart(4, '0')}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}:${parts.second}`;
    };
    // Half-hour and 45-minute offsets, a 30-minute daylight saving, and local mean times of seconds (Abidjan
    // -0:16:08 until 1912, Algiers +0:12:12 and +0:09:21 until 1911) whose changes fall inside a quarter hour.
    const zones = [
      'Europe/Berlin',
      'America/New_York',
      'Asia/Kolkata',
      'Asia/Kathmandu',
      'Australia/Lord_Howe',
      'Pacific/Chatham',
      'Africa/Abidjan',
      'Africa/Algiers',
      'America/St_Johns',
    ];
    const instant = fc.oneof(
      fc.integer({ min: Date.UTC(1000, 0, 1), max: Date.UTC(9999, 11, 31) }),
      fc.integer({ min: Date.UTC(1900, 0, 1) / 1000, max: Date.UTC(2100, 0, 1) / 1000 }).map((s) => s * 1000),
      // Near whole quarter hours, where offsets change: either side of one, by a second or a fraction of one.
      fc
        .tuple(fc.integer({ min: Date.UTC(1880, 0, 1) / 900_000, max: Date.UTC(2040, 0, 1) / 900_000 }), fc.integer({ min: -2500, max: 2500 }))
        .map(([q, d]) => q * 900_000 + d),
    );
    fc.assert(
      fc.property(instant, fc.constantFrom(...zones), (ms, zone) => expect(utcMsToLocal(ms, zone)).toBe(intl(ms, zone))),
      { numRuns: 5_000 },
    );
    // Each daylight-saving change of 2026 in Berlin and Lord Howe, a second before, at and after it.
    for (const [at, zone] of [
      [Date.UTC(2026, 2, 29, 1), 'Europe/Berlin'],
      [Date.UTC(2026, 9, 25, 1), 'Europe/Berlin'],
      [Date.UTC(2026, 3, 4, 15), 'Australia/Lord_Howe'],
      [Date.UTC(2026, 9, 3, 15, 30), 'Australia/Lord_Howe'],
    ] as const) {
      for (const ms of [at - 1000, at - 1, at, at + 999]) expect(utcMsToLocal(ms, zone)).toBe(intl(ms, zone));
    }
    // Abidjan's move from local mean time to GMT, at 00:16:08 UTC on 1 January 1912, inside a quarter hour.
    for (const ms of [Date.UTC(1912, 0, 1, 0, 15), Date.UTC(1912, 0, 1, 0, 16, 7), Date.UTC(1912, 0, 1, 0, 16, 8), Date.UTC(1912, 0, 1, 0, 29, 59)]) {
      expect(utcMsToLocal(ms, 'Africa/Abidjan')).toBe(intl(ms, 'Africa/Abidjan'));
    }
    // Windows names resolve through the same path.
    expect(utcMsToLocal(Date.UTC(2026, 6, 1, 12, 0, 7, 900), 'Pacific Standard Time')).toBe('2026-07-01T05:00:07');
  });

  test('every Windows name CLDR maps is understood (the shared map), not only the common ones', () => {
    expect(utcMsToLocal(Date.UTC(2026, 0, 15, 12), 'Dateline Standard Time')).toBe('2026-01-15T00:00:00');
    expect(localToUtcMs('2026-07-15T09:00:00', 'Yukon Standard Time')).toBe(Date.UTC(2026, 6, 15, 16));
    expect(utcMsToLocal(Date.UTC(2026, 6, 15, 12), 'UTC+13')).toBe('2026-07-16T01:00:00');
  });
});
