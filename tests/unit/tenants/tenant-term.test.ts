/** The term boundaries (issue #15): the day before termEnd, the day of termEnd, the last grace day, the day after. */
import { addMonths, parseDay, termStateOf } from '../../../server/domain/tenant-term';

const plan = { termEnd: '2027-03-01', graceDays: 14 };
const at = (day: string, time = '12:00:00') => new Date(`${day}T${time}Z`);

test('the last day of the term is in term, to its last millisecond', () => {
  expect(termStateOf(plan, at('2027-02-28', '23:59:59.999')).kind).toBe('in_term');
});

test('the day of termEnd starts the grace period, from its first millisecond', () => {
  expect(termStateOf(plan, at('2027-03-01', '00:00:00'))).toEqual({ kind: 'grace', termEnd: '2027-03-01', lastGraceDay: '2027-03-14' });
});

test('the last grace day (termEnd + graceDays - 1) is still grace; the day after has lapsed', () => {
  expect(termStateOf(plan, at('2027-03-14', '23:59:59.999')).kind).toBe('grace');
  expect(termStateOf(plan, at('2027-03-15', '00:00:00')).kind).toBe('lapsed');
});

test('no grace days: the term lapses on termEnd', () => {
  expect(termStateOf({ termEnd: '2027-03-01', graceDays: 0 }, at('2027-03-01')).kind).toBe('lapsed');
  expect(termStateOf({ termEnd: '2027-03-01', graceDays: 0 }, at('2027-02-28')).kind).toBe('in_term');
});

test('twelve months on is the same day next year, clamped at month ends', () => {
  expect(addMonths('2026-05-17', 12)).toBe('2027-05-17');
  expect(addMonths('2028-02-29', 12)).toBe('2029-02-28');
  expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
});

test('only real calendar days parse', () => {
  expect(parseDay('2026-02-30')).toBeUndefined();
  expect(parseDay('2026-2-3')).toBeUndefined();
  expect(parseDay('2026-02-28')?.toISOString()).toBe('2026-02-28T00:00:00.000Z');
});
