/** The language Office shows its own UI in: the pane formats dates and times as Outlook does around it. */

/** Office's display language ("de-DE"); outside Office (demo, tests without a host) the browser's. */
export function displayLocale(): string {
  const office = typeof Office !== 'undefined' ? (Office.context as { displayLanguage?: string } | undefined)?.displayLanguage : undefined;
  return office || (typeof navigator !== 'undefined' ? navigator.language : '') || 'en-US';
}
