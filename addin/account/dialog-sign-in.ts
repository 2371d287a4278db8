/**
 * The sign-in fallback where Outlook has no nested app authentication: the sign-in page opens in an Office
 * dialog (Office.context.ui.displayDialogAsync), runs MSAL's redirect flow there and sends the tokens back
 * with messageParent. Not window.open or MSAL's popup: popup blockers and Outlook's webviews stop those,
 * and identity providers refuse to be framed. Loaded only when a sign-in is needed (account.ts).
 *
 * Sources: https://learn.microsoft.com/office/dev/add-ins/develop/auth-with-office-dialog-api (the dialog is
 * its own browser instance, not framed; the first page must be on the pane's domain, later ones may not be)
 * and https://learn.microsoft.com/office/dev/add-ins/develop/dialog-handle-errors-events (the codes below).
 */
import { AccountError } from './account-error';
import { dialogStartUrl, parseDialogMessage, type DialogToken } from './dialog-protocol';

/** Why displayDialogAsync could not open the dialog, by Office error code. */
const OPEN_FAILURES: Record<number, string> = {
  12004: "the sign-in page is not on the add-in's own domain. Ask your admin to check the deployment.",
  12005: 'the sign-in page is not served over HTTPS. Ask your admin to check the deployment.',
  12007: 'a sign-in window is already open. Finish signing in there, or close it and try again.',
  12009: 'the sign-in window was not allowed to open. Choose Sign in again and allow the window.',
  12011: 'your browser blocked the sign-in window. Allow pop-ups for Outlook, or use another browser.',
};

/** What DialogEventReceived reports once the dialog is open, by code. */
const DIALOG_EVENTS: Record<number, string> = {
  12002: 'the sign-in page could not be loaded.',
  12003: 'the sign-in page went to an address without HTTPS.',
  12006: 'the sign-in window was closed before you finished signing in.',
};

/** Office.EventType's member, or its value where the Office namespace (a test mock) lacks the enum. */
function dialogEventType(name: 'DialogMessageReceived' | 'DialogEventReceived', value: string): Office.EventType {
  const fromOffice = typeof Office !== 'undefined' ? (Office.EventType as unknown as Record<string, Office.EventType> | undefined)?.[name] : undefined;
  return fromOffice ?? (value as unknown as Office.EventType);
}

type DialogArgs = { message: string; origin: string | undefined } | { error: number };

/**
 * Opens the sign-in page for these scope sets and resolves with its tokens. Call it from a user gesture
 * (the pane's Sign in button): Office on the web opens the dialog as a browser window.
 */
export function signInThroughDialog(pageUrl: string, scopeSets: readonly string[][], ui: Office.UI = Office.context.ui): Promise<DialogToken[]> {
  const ownOrigin = new URL(pageUrl).origin;
  return new Promise<DialogToken[]>((resolve, reject) => {
    if (typeof ui?.displayDialogAsync !== 'function') {
      reject(new AccountError('sign_in_failed', 'this version of Outlook cannot open a sign-in window.'));
      return;
    }
    ui.displayDialogAsync(dialogStartUrl(pageUrl, scopeSets), { height: 60, width: 30 }, (opened) => {
      if (String(opened.status) === 'failed') {
        const code = opened.error?.code;
        reject(
          new AccountError(
            'sign_in_failed',
            OPEN_FAILURES[code] ?? `Outlook could not open the sign-in window (${code}: ${opened.error?.message ?? 'unknown'}).`,
          ),
        );
        return;
      }
      const dialog = opened.value;
      let settled = false;
      const finish = (outcome: () => void) => {
        if (settled) return;
        settled = true;
        dialog.close();
        outcome();
      };
      dialog.addEventHandler(dialogEventType('DialogMessageReceived', 'dialogMessageReceived'), (args: DialogArgs) => {
        if (!('message' in args)) return;
        // DialogOrigin 1.1 hosts say who sent it: only our own sign-in page may hand the pane tokens.
        if (args.origin !== undefined && args.origin !== ownOrigin) return;
        const message = parseDialogMessage(args.message);
        if (!message) return;
        finish(() =>
          message.status === 'success' ? resolve(message.tokens) : reject(new AccountError('sign_in_failed', message.message || message.errorCode)),
        );
      });
      dialog.addEventHandler(dialogEventType('DialogEventReceived', 'dialogEventReceived'), (args: DialogArgs) => {
        if (!('error' in args)) return;
        if (settled) return;
        settled = true;
        // 12006: the person closed it, nothing to close; 12002/12003: it is open on a page that failed.
        if (args.error !== 12006) dialog.close();
        reject(new AccountError('sign_in_failed', DIALOG_EVENTS[args.error] ?? `the sign-in window reported ${args.error}.`));
      });
    });
  });
}
