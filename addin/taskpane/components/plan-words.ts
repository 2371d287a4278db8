/**
 * The organisation's plan in words for the Admin tab (issue #15): seats used of bought and when the term ends, with
 * a warning from 90 % of the seats and from 30 days before the term ends, and the renewal notice /api/me carries once
 * the term is over. `used` is what is enrolled now (a list's length, or the sync's count for 'all').
 */
import type { ApiMe } from '../../../shared/api-types';

export const SEATS_WARNING_SHARE = 0.9;
export const TERM_WARNING_DAYS = 30;

export interface PlanWords {
  line: string;
  warnings: string[];
}

const DAY_MS = 86_400_000;

/** Whole days from `today` (a UTC day) to `termEnd` (YYYY-MM-DD), the first day after the term. */
export function daysUntil(termEnd: string, now: Date): number {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  return Math.round((Date.parse(`${termEnd}T00:00:00Z`) - today) / DAY_MS);
}

export function planWords(me: Pick<ApiMe, 'plan' | 'renewal'>, used: number | null, now: Date): PlanWords {
  const { seats, termEnd } = me.plan;
  const seatsText = used === null ? `${seats} seats` : `${used} of ${seats} seats used`;
  const warnings: string[] = [];
  if (used !== null && used >= seats * SEATS_WARNING_SHARE) {
    warnings.push(
      used >= seats
        ? 'Every seat is in use: enrolling more people needs more seats from your CalSync provider.'
        : `${Math.round((used / seats) * 100)} % of your seats are in use.`,
    );
  }
  if (me.renewal) warnings.push(me.renewal.message);
  else {
    const days = daysUntil(termEnd, now);
    if (days <= TERM_WARNING_DAYS)
      warnings.push(`The term ends in ${days} ${days === 1 ? 'day' : 'days'}: renew with your CalSync provider to keep calendars coloured.`);
  }
  return { line: `${seatsText} · term ends ${termEnd}`, warnings };
}
