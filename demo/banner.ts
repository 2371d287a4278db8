/**
 * What `npm start` prints once everything listens: a boxed banner a person cannot miss, and — when stdout is not
 * a terminal — one line a program can parse (`calsync demo ready {json}`); the end-to-end test reads the
 * ephemeral port from it.
 */
export interface DemoUrls {
  /** The task pane in a stand-in for Outlook, with the admin / user switch. */
  hostPage: string;
  teamCalendar: string;
  api: string;
  health: string;
  /** Sign-up by admin consent: Fabrikam, a second organisation, is not a customer until someone walks it. */
  onboard: string;
  /** Every tenant at a glance, for the people who run CalSync (sign in as Olivia). */
  operator: string;
}

export const READY_PREFIX = 'calsync demo ready ';

export function demoBanner(urls: DemoUrls, dataDir: string): string {
  const lines = [
    'LOCAL DEMO MODE — sandbox Graph, demo sign-in, not for production',
    '',
    `Task pane (Outlook stand-in)  ${urls.hostPage}`,
    `Team calendar                 ${urls.teamCalendar}`,
    `Rules API                     ${urls.api}`,
    `Sign Fabrikam up              ${urls.onboard}`,
    `Operator page                 ${urls.operator}`,
    '',
    'Sign-in: Megan Bowen (admin) or Adele Vance (user) of Contoso, Jordan Miller (Fabrikam admin), switch at the top',
    'of the task pane page; the operator page signs in as Olivia Ops (CalSync operator).',
    `Data (rules, settings, sync state): ${dataDir}`,
    'Tools: `npx calsync sync --dry-run`, `npx calsync rules export rules.json` find this demo by themselves.',
    'Ctrl-C stops everything; the next start keeps the data.',
  ];
  const width = Math.max(...lines.map((l) => l.length));
  const bar = '#'.repeat(width + 8);
  return [bar, bar, ...lines.map((l) => `##  ${l.padEnd(width)}  ##`), bar, bar].join('\n');
}

export function readyLine(urls: DemoUrls, details: Record<string, unknown> = {}): string {
  return `${READY_PREFIX}${JSON.stringify({ ...details, urls })}`;
}
