/** The Admin tab's plan words at their boundaries: 89 % / 90 % of the seats, 31 / 30 days before the term ends. */
import { daysUntil, planWords } from '../../addin/taskpane/components/plan-words';

const now = new Date('2026-12-02T15:00:00Z');
const plan = (seats: number, termEnd: string) => ({ plan: { seats, termEnd } });

describe('plan words', () => {
  it('says seats used of bought and the term end', () => {
    expect(planWords(plan(100, '2027-12-02'), 12, now)).toEqual({ line: '12 of 100 seats used · term ends 2027-12-02', warnings: [] });
    expect(planWords(plan(100, '2027-12-02'), null, now).line).toBe('100 seats · term ends 2027-12-02');
  });

  it('warns from 90 % of the seats, and says when all are used', () => {
    expect(planWords(plan(100, '2027-12-02'), 89, now).warnings).toEqual([]);
    expect(planWords(plan(100, '2027-12-02'), 90, now).warnings).toEqual(['90 % of your seats are in use.']);
    expect(planWords(plan(10, '2027-12-02'), 10, now).warnings).toEqual([
      'Every seat is in use: enrolling more people needs more seats from your CalSync provider.',
    ]);
  });

  it('warns from 30 days before the term ends, counting UTC days', () => {
    expect(daysUntil('2027-01-02', now)).toBe(31);
    expect(planWords(plan(100, '2027-01-02'), 1, now).warnings).toEqual([]);
    expect(planWords(plan(100, '2027-01-01'), 1, now).warnings).toEqual([
      'The term ends in 30 days: renew with your CalSync provider to keep calendars coloured.',
    ]);
    expect(planWords(plan(100, '2026-12-03'), 1, now).warnings).toEqual([
      'The term ends in 1 day: renew with your CalSync provider to keep calendars coloured.',
    ]);
  });

  it('after the term, shows the renewal notice /api/me carries instead', () => {
    const renewal = {
      state: 'grace' as const,
      termEnd: '2026-12-01',
      lastGraceDay: '2026-12-14',
      message: "CalSync's term ended on 2026-12-01: renew by 2026-12-14 to keep calendars coloured",
    };
    expect(planWords({ ...plan(100, '2026-12-01'), renewal }, 1, now).warnings).toEqual([renewal.message]);
  });
});
