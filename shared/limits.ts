/** Bounds on one rule document. They keep evaluation cheap and documents readable; the API enforces them too. */
export const RULE_LIMITS = {
  nameMaxLength: 120,
  categoryMaxLength: 255,
  textValueMaxLength: 1024,
  listValueMaxItems: 500,
  regexMaxLength: 500,
  /** RE2's compiled size: re2js slows ~50× past it (`.{999}.{999}x`, 2,001: 1.3 s per 64 KB of text against 25 ms at 1,000). */
  regexMaxProgramSize: 1_000,
  maxDepth: 10,
  maxConditions: 200,
  /** Groups one org rule may be scoped to (`appliesTo.groups`), issue #16. */
  appliesToMaxGroups: 20,
} as const;

/** Bounds on a tenant's settings beyond the sync window. */
export const SETTINGS_LIMITS = {
  /** Groups enrolled by membership (issue #16): each costs a directory listing per schedule interval. */
  enrolledGroupsMax: 50,
} as const;

/**
 * The longest window Microsoft Graph accepts on calendarView: a longer one is refused with 400 ErrorInvalidRequest,
 * "…greater than the allowed range. Maximum number of days: 1825" (microsoftgraph/microsoft-graph-docs#6284; the
 * reference page does not state it). Whole days of 24 hours, so five calendar years with a leap day are refused.
 */
export const GRAPH_CALENDAR_VIEW_MAX_DAYS = 1825;

/**
 * How far the sync window (tenant settings) may reach. The sync asks Graph for past + future + 1 days (today
 * included), which these keep within GRAPH_CALENDAR_VIEW_MAX_DAYS (a test holds them to it).
 */
export const SYNC_WINDOW_LIMITS = { maxPastDays: 365, maxFutureDays: 730 } as const;

/**
 * What rules see of an event body (docs/RULES.md): text from at most the first `htmlChars` of an HTML body, and at
 * most `textChars` of text. Bodies are written by whoever sends an invitation, so the cost of reading one is bounded.
 */
export const BODY_LIMITS = {
  htmlChars: 1_048_576,
  textChars: 65_536,
} as const;
