import { IMPORTANCE, ONLINE_MEETING_PROVIDER, RESPONSE_STATUS, SENSITIVITY, SHOW_AS } from './fields';

/** Maps a value from Graph or Office.js onto our enum, case-insensitively, with a fallback for unknowns. */
function coerce<T extends string>(allowed: readonly T[], fallback: T): (raw: unknown) => T {
  const byLower = new Map(allowed.map((v) => [v.toLowerCase(), v]));
  return (raw) => (typeof raw === 'string' ? byLower.get(raw.toLowerCase()) : undefined) ?? fallback;
}

export const toShowAs = coerce(SHOW_AS, 'unknown');
export const toResponseStatus = coerce(RESPONSE_STATUS, 'none');
export const toSensitivity = coerce(SENSITIVITY, 'normal');
export const toImportance = coerce(IMPORTANCE, 'normal');
export const toOnlineMeetingProvider = coerce(ONLINE_MEETING_PROVIDER, 'unknown');
