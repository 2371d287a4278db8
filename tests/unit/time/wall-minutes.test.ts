/** wallMinutes reads "YYYY-MM-DDTHH:mm" at the start of a string, ASCII digits only; anything else is NaN. */
import { wallMinutes } from '../../../shared';

describe('wallMinutes', () => {
  it('reads the wall clock as if UTC, ignoring what follows the minutes', () => {
    expect(wallMinutes('2026-03-29T02:30')).toBe(Date.UTC(2026, 2, 29, 2, 30) / 60000);
    expect(wallMinutes('2026-03-29T02:30:59.9999999')).toBe(Date.UTC(2026, 2, 29, 2, 30) / 60000);
  });

  it('passes the fields to Date.UTC as written (two-digit years, overflowing fields)', () => {
    expect(wallMinutes('0050-01-01T00:00')).toBe(Date.UTC(50, 0, 1, 0, 0) / 60000);
    expect(wallMinutes('2026-13-32T25:61')).toBe(Date.UTC(2026, 12, 32, 25, 61) / 60000);
  });

  it.each([
    '',
    '2026-03-29',
    '2026-03-29T02:3',
    '2026-3-29T02:30',
    '2026-03-29 02:30',
    '2026/03/29T02:30',
    '2026-03-29T02.30',
    '２０２６-03-29T02:30',
    '2026-0٣-29T02:30',
    ' 2026-03-29T02:30',
  ])('is NaN for %j', (wall) => {
    expect(wallMinutes(wall)).toBeNaN();
  });
});
