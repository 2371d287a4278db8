/**
 * Where a tenant stands in its term, from its plan and today's date (UTC days). The term is the days
 * [termStart, termEnd); the grace period is the `graceDays` days from termEnd on, in which everything works and
 * /api/me carries a renewal notice; from termEnd + graceDays the term has lapsed and the sync stops stamping
 * (rules, settings and stamps are kept). Pure: the API, the sync and the CLI all read it.
 */

const DAY_MS = 86_400_000;
const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The UTC day of an instant, YYYY-MM-DD. */
export function utcDay(at: Date): string {
  return at.toISOString().slice(0, 10);
}

/** Parses YYYY-MM-DD as a real calendar day; undefined when it is not one (2026-02-30). */
export function parseDay(day: string): Date | undefined {
  const m = ISO_DAY.exec(day);
  if (!m) return undefined;
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return utcDay(date) === day ? date : undefined;
}

function dayOrThrow(day: string): Date {
  const date = parseDay(day);
  if (!date) throw new Error(`not a calendar day: ${day}`);
  return date;
}

export function addDays(day: string, days: number): string {
  return utcDay(new Date(dayOrThrow(day).getTime() + days * DAY_MS));
}

/** Calendar months later; a day past the target month's end clamps to its last day (Jan 31 + 1 month = Feb 28/29). */
export function addMonths(day: string, months: number): string {
  const d = dayOrThrow(day);
  const first = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, 1));
  const lastOfMonth = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  return utcDay(new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth(), Math.min(d.getUTCDate(), lastOfMonth))));
}

export type TermState =
  | { kind: 'in_term'; termEnd: string }
  /** `lastGraceDay` is the last day the sync still stamps. */
  | { kind: 'grace'; termEnd: string; lastGraceDay: string }
  | { kind: 'lapsed'; termEnd: string; lastGraceDay: string };

/** The part of a tenant's plan (store/tenants.ts) the term depends on. */
export interface Term {
  termEnd: string;
  graceDays: number;
}

export function termStateOf(plan: Term, now: Date): TermState {
  const today = utcDay(now);
  const lastGraceDay = addDays(plan.termEnd, plan.graceDays - 1);
  // YYYY-MM-DD strings order as the days do.
  if (today < plan.termEnd) return { kind: 'in_term', termEnd: plan.termEnd };
  if (today <= lastGraceDay) return { kind: 'grace', termEnd: plan.termEnd, lastGraceDay };
  return { kind: 'lapsed', termEnd: plan.termEnd, lastGraceDay };
}
