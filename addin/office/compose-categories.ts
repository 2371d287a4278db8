/**
 * Whether this Outlook lets an add-in read or write an item's categories while the item is being composed.
 * Outlook on the web and new Outlook on Windows refuse (the Office.Categories reference: "you can't use the API
 * to manage categories applied to a message or appointment item in Compose mode",
 * https://learn.microsoft.com/javascript/api/outlook/office.categories; office-js 4150, 4588: code 5000);
 * classic Outlook on Windows and Outlook on Mac allow it. The compose handler and the pane both ask here.
 */

/** The Outlook the add-in runs in, as far as the category APIs are concerned. */
export type OutlookClient = 'web' | 'newOutlook' | 'classicWindows' | 'mac' | 'unknown';

interface OfficeLike {
  context?: {
    platform?: unknown;
    diagnostics?: { platform?: unknown };
    mailbox?: { diagnostics?: { hostName?: unknown } };
  };
}

/**
 * Both web and new Outlook report platform 'OfficeOnline' (office-js 4158); mailbox.diagnostics.hostName tells
 * them apart ('OutlookWebApp'; 'newOutlookWindows', 'OneOutlook' in early builds), classic Windows and Mac say
 * 'Outlook' with platform 'PC' or 'Mac' (https://learn.microsoft.com/javascript/api/outlook/office.diagnostics).
 */
export function outlookClient(office: OfficeLike | undefined = typeof Office !== 'undefined' ? (Office as OfficeLike) : undefined): OutlookClient {
  const context = office?.context;
  const hostName = String(context?.mailbox?.diagnostics?.hostName ?? '');
  const platform = String(context?.platform ?? context?.diagnostics?.platform ?? '');
  if (hostName === 'newOutlookWindows' || hostName === 'OneOutlook') return 'newOutlook';
  if (hostName === 'OutlookWebApp' || platform === 'OfficeOnline') return 'web';
  if (platform === 'PC') return 'classicWindows';
  if (platform === 'Mac') return 'mac';
  return 'unknown';
}

/**
 * False on the web and in new Outlook: there the event gets its categories from the sync once it is saved.
 * An unknown client is tried, as before, and its refusal handled where the call is made.
 */
export function canUseCategoriesWhileComposing(client: OutlookClient = outlookClient()): boolean {
  return client !== 'web' && client !== 'newOutlook';
}
