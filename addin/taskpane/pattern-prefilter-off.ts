/**
 * The pane's stand-in for shared/pattern-prefilter.ts (a build alias beside re2-on-demand.ts): the prefilter saves
 * RE2 runs over the sync's thousands of events, while the pane previews a few dozen, so its bytes stay out of the
 * pane's first load. Without it every case-insensitive pattern simply runs RE2, with the same results.
 */
export function literalPrefilter(): null {
  return null;
}
