/** The bounds a soak must stay within; the short soak in `npm test` and `npm run soak` share them. */
import type { SoakReport } from './soak-run';

/** RSS may grow this much from the warm-up's trough to the trough after the churn (see soak-run.ts). */
export const MAX_RSS_GROWTH_PCT = 20;
/**
 * The short soak in `npm test` (50 s) ends while the heap is still growing to its working size, so its bound is
 * coarse: it catches a gross leak, not a slow one. The 10-minute run holds MAX_RSS_GROWTH_PCT.
 */
export const SHORT_RUN_MAX_RSS_GROWTH_PCT = 40;
/** Open descriptors may end this many above the start (a pooled socket or two), never climb with the churn. */
export const MAX_FD_GROWTH = 10;

export function soakVerdict(report: SoakReport, maxRssGrowthPct = MAX_RSS_GROWTH_PCT): string[] {
  const problems: string[] = [];
  if (report.rssGrowthPct > maxRssGrowthPct) problems.push(`RSS grew ${report.rssGrowthPct} % (bound ${maxRssGrowthPct} %)`);
  if (report.fdsEnd - report.fdsStart > MAX_FD_GROWTH) problems.push(`open fds ${report.fdsStart} → ${report.fdsEnd} (bound +${MAX_FD_GROWTH})`);
  if (report.stuckMailboxes.length > 0) problems.push(`stuck mailboxes: ${report.stuckMailboxes.join(', ')}`);
  if (report.wrongEvents.length > 0) problems.push(`events with the wrong category: ${report.wrongEvents.slice(0, 5).join('; ')}`);
  if (report.actions.failed > 0) problems.push(`${report.actions.failed} churn actions failed`);
  if (report.exitCode !== 0) problems.push(`the stack exited with ${report.exitCode} on SIGINT`);
  return problems;
}
