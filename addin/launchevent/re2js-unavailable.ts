/**
 * Stands in for re2js in the launch-event bundle only (a build alias): RE2 is 45 KB gzipped, more than the
 * handler's whole budget. The handler never compiles a `matches` predicate (pattern-rules.ts drops those
 * rules first), so reaching this is a bug, and it fails loudly rather than matching wrongly.
 */
export const RE2JS = {
  CASE_INSENSITIVE: 1,
  compile(): never {
    throw new Error('RE2 is not bundled in the compose-time handler');
  },
};
