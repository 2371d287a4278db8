/**
 * The API's refusal of a settings save, named by the field the admin sees. The API answers 400 with details
 * such as `{path: "enrolledMailboxes[1]", message: "expected an email address"}` (server/services/settings.ts);
 * this turns that into "Enrolled mailboxes: "bob@" (the 2nd) is not an email address." Loaded with the Admin tab.
 */
import { isApiError } from '../../api/api-errors';
import type { OrgSettings } from '../../api/api-types';
import { SYNC_WINDOW_LIMITS } from '../../../shared/limits';

/** The settings form's labels, by the API's field path (AdminPanel shows the same words). */
export const SETTINGS_FIELD_LABELS: Record<string, string> = {
  internalDomains: 'Internal domains',
  enrolledMailboxes: 'Enrolled mailboxes',
  'syncWindowDays.past': 'Sync days back',
  'syncWindowDays.future': 'Sync days ahead',
  orgRulesLocked: 'Lock organisation rules',
};

/** The bounds the API holds the day fields to (docs/API.md, PUT /api/settings). */
export const DAY_BOUNDS = {
  past: { min: 0, max: SYNC_WINDOW_LIMITS.maxPastDays },
  future: { min: 0, max: SYNC_WINDOW_LIMITS.maxFutureDays },
} as const;

/** Why a day count cannot be saved, in words, or undefined when it can. */
export function dayProblem(value: number, bounds: { min: number; max: number }): string | undefined {
  if (Number.isInteger(value) && value >= bounds.min && value <= bounds.max) return undefined;
  return `Enter a whole number of days from ${bounds.min} to ${bounds.max}.`;
}

const ordinal = (n: number) => {
  const tens = n % 100;
  const suffix = tens >= 11 && tens <= 13 ? 'th' : (({ 1: 'st', 2: 'nd', 3: 'rd' } as Record<number, string>)[n % 10] ?? 'th');
  return `${n}${suffix}`;
};

function describeDetail(path: string, message: string, sent: OrgSettings): string {
  const entry = /^(\w+)\[(\d+)\]$/.exec(path);
  const field = entry ? entry[1]! : path;
  const label = SETTINGS_FIELD_LABELS[field] ?? 'A setting';
  const what = message.replace(/^expected /, '');
  if (entry) {
    const index = Number(entry[2]);
    const list = (sent as unknown as Record<string, unknown>)[field];
    const value = Array.isArray(list) ? list[index] : undefined;
    const which = `the ${ordinal(index + 1)} entry`;
    return `${label}: ${value !== undefined ? `"${String(value)}" (${which})` : which} is not ${what}.`;
  }
  if (field === 'syncWindowDays.past') return `${label}: ${dayProblem(NaN, DAY_BOUNDS.past)}`;
  if (field === 'syncWindowDays.future') return `${label}: ${dayProblem(NaN, DAY_BOUNDS.future)}`;
  return `${label}: ${message}.`;
}

/** Every field the API refused, each named; undefined for any other failure (the ErrorBar words those). */
export function describeSettingsError(error: unknown, sent: OrgSettings): string | undefined {
  if (!isApiError(error, 'validation') || error.details.length === 0) return undefined;
  return `The settings were not saved. ${error.details.map((d) => describeDetail(d.path, d.message, sent)).join(' ')}`;
}
