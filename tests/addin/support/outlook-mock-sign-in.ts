/**
 * The Outlook mock's sign-in side (outlook-mock.ts installs it): whether the client answers
 * isSetSupported('NestedAppAuth', '1.1'), and Office.context.ui.displayDialogAsync, scripted per test.
 */
import type { Callback, OutlookClient, OutlookMockState } from './outlook-mock';

/** userProfile.accountType (Mailbox 1.6): work or school mailboxes, or consumer Outlook.com and Gmail accounts. */
export type MailboxAccountType = 'enterprise' | 'office365' | 'outlookCom' | 'gmail';

/** Classic Outlook on Windows's update channel: each reached NestedAppAuth 1.1 at a different build. */
export type WindowsChannel = 'subscription' | 'retail' | 'volume';

/**
 * Whether Outlook answers isSetSupported('NestedAppAuth', '1.1') with true, per the requirement set page
 * (https://learn.microsoft.com/javascript/api/requirement-sets/common/nested-app-auth-requirement-sets):
 * web and new Outlook yes; classic Windows from build 18025.20000 (Microsoft 365, version 2409), 18429.20132
 * (retail perpetual, 2501) or 17932.20222 (volume-licensed/LTSC, 2408; so not Outlook 2021 LTSC, 2108); Mac
 * from 16.89; never in an Outlook.com or Gmail mailbox. The host shim models the same.
 */
export function nestedAppAuthSupported(
  client: OutlookClient,
  hostVersion: string,
  accountType: MailboxAccountType,
  channel: WindowsChannel = 'subscription',
): boolean {
  if (accountType === 'outlookCom' || accountType === 'gmail') return false;
  const parts = hostVersion.split('.').map(Number);
  const atLeast = (min: number[], from: number[]) => {
    for (let i = 0; i < min.length; i++) if ((from[i] ?? 0) !== min[i]) return (from[i] ?? 0) > min[i]!;
    return true;
  };
  if (client === 'classicWindows') return atLeast(NAA_MIN_WINDOWS_BUILD[channel], parts.slice(2));
  if (client === 'mac') return atLeast([16, 89], parts);
  return true;
}

const NAA_MIN_WINDOWS_BUILD: Record<WindowsChannel, number[]> = { subscription: [18025, 20000], retail: [18429, 20132], volume: [17932, 20222] };

/** Outlook 2021 LTSC: version 2108, a build well before nested app authentication. */
export const OUTLOOK_2021_LTSC = { client: 'classicWindows', hostVersion: '16.0.14332.20812', windowsChannel: 'volume' } as const;

/**
 * What the Office dialog does when the pane opens one: Office refuses to open it (`openError`, e.g. 12007,
 * 12009, 12011), the person closes it (12006 on DialogEventReceived), or the page sends `reply(url)` with
 * messageParent (from `origin`, default the page's own).
 */
export interface DialogScript {
  openError?: number;
  closedByUser?: boolean;
  reply?: (url: string) => string;
  origin?: string;
}

/**
 * Office.context.ui.displayDialogAsync as the dialog API documents it
 * (https://learn.microsoft.com/office/dev/add-ins/develop/dialog-handle-errors-events): one dialog per
 * host window (12007 while one is open), the result through the callback on a later tick, then the page's
 * message or the person's close on a later one.
 */
export function dialogApi(state: OutlookMockState, script: DialogScript) {
  const dialogMessage = (t: string) => t === 'dialogMessageReceived' || t === 'DialogMessageReceived';
  return function (url: string, ...rest: unknown[]) {
    state.calls.push('ui.displayDialogAsync');
    const callback = rest[rest.length - 1] as Callback;
    const refusal = script.openError ?? (state.dialogs.some((d) => !d.closed) ? 12007 : undefined);
    if (refusal !== undefined) {
      setTimeout(() => callback({ status: 'failed', value: undefined, error: { code: refusal, name: 'DialogError', message: `dialog error ${refusal}` } }), 0);
      return;
    }
    const opened = { url, closed: false };
    state.dialogs.push(opened);
    const handlers = new Map<string, (args: unknown) => void>();
    const dialog = {
      addEventHandler: (type: string, handler: (args: unknown) => void) => void handlers.set(dialogMessage(type) ? 'message' : 'event', handler),
      close: () => {
        opened.closed = true;
      },
      messageChild: () => undefined,
    };
    setTimeout(() => {
      callback({ status: 'succeeded', value: dialog });
      setTimeout(() => {
        if (opened.closed) return;
        if (script.closedByUser) {
          opened.closed = true;
          handlers.get('event')?.({ error: 12006 });
        } else if (script.reply) {
          handlers.get('message')?.({ message: script.reply(url), origin: script.origin ?? new URL(url).origin });
        }
      }, 0);
    }, 0);
  };
}
