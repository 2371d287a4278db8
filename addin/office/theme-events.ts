/** Outlook's theme changes (OfficeThemeChanged, where the host raises it), as a typed promise adapter. */
import { officeCall } from './office-call';
import { currentMailbox } from './mailbox';

/** What Outlook's officeTheme carries: colours only (isDarkTheme is not supported in Outlook; see taskpane/theme.ts). */
export type OfficeThemeLike = { bodyBackgroundColor?: string; controlBackgroundColor?: string };

/** Resolves true once the handler is registered; false where the host has no such event (the theme stays). */
export async function onOfficeThemeChanged(handler: (theme: OfficeThemeLike) => void): Promise<boolean> {
  let mailbox: Office.Mailbox;
  try {
    mailbox = currentMailbox();
  } catch {
    return false;
  }
  if (typeof mailbox.addHandlerAsync !== 'function') return false;
  const eventType = (typeof Office !== 'undefined' && Office.EventType?.OfficeThemeChanged) || ('officeThemeChanged' as unknown as Office.EventType);
  try {
    await officeCall<void>('mailbox.addHandlerAsync', (cb) =>
      mailbox.addHandlerAsync(eventType, (args: { officeTheme?: OfficeThemeLike }) => args?.officeTheme && handler(args.officeTheme), cb),
    );
    return true;
  } catch {
    return false; // an older host refuses the event type: keep the theme read at start
  }
}
