/** Windows time-zone names (what Graph and Outlook report) → IANA names (what Intl knows). Browser-safe: data only. */

import { CLDR_WINDOWS_ZONES } from './windows-zones-cldr';

/**
 * CLDR's map (generated from the cldr-core package, never edited by hand), plus two retired Windows zones that
 * current CLDR no longer lists but Outlook still can report (office-js MailboxEnums), mapped as CLDR 1.8 did.
 */
export const WINDOWS_ZONES: Readonly<Record<string, string>> = {
  ...CLDR_WINDOWS_ZONES,
  'Kamchatka Standard Time': 'Asia/Kamchatka',
  'Mid-Atlantic Standard Time': 'Etc/GMT+2',
};

/**
 * The IANA zone a name stands for: a Windows name's CLDR default zone, the name itself when Intl accepts it,
 * otherwise null. Probing Intl builds a formatter, so callers on a hot path remember the answer per name.
 */
export function ianaZoneFor(name: string): string | null {
  // Not Object.hasOwn (ES2022): the compose handler's runtime may be ES2016 only (see shared/compile.ts).
  if (Object.prototype.hasOwnProperty.call(WINDOWS_ZONES, name)) return WINDOWS_ZONES[name]!;
  if (!name) return null;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return name;
  } catch {
    return null;
  }
}
