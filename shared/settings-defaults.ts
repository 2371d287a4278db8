/**
 * A tenant's settings before an admin has saved any: the one definition the API, the sync and the add-in read.
 * Nobody is enrolled until an admin says so (colouring calendars is opt-in), and the window is issue 5's:
 * 30 days back, 365 ahead.
 */
import type { ApiSettings } from './api-types';

/** The settings an admin edits, without the API's bookkeeping (ETag, who and when). */
export type SettingsValues = Omit<ApiSettings, 'etag' | 'updatedAt' | 'updatedBy'>;

/** Days back and ahead of today that the sync reads. */
export const DEFAULT_SYNC_WINDOW: Readonly<SettingsValues['syncWindowDays']> = Object.freeze({ past: 30, future: 365 });

// Frozen all the way down: every reader shares these objects, so none may change them for the others.
export const DEFAULT_SETTINGS: Readonly<SettingsValues> = Object.freeze({
  internalDomains: Object.freeze([]) as unknown as string[],
  enrolledMailboxes: Object.freeze([]) as unknown as string[],
  enrolledGroups: Object.freeze([]) as unknown as string[],
  syncWindowDays: DEFAULT_SYNC_WINDOW,
  orgRulesLocked: false,
  categoryPolicy: 'enforce',
});
