/*
 * Outlook host shim, sign-in part: loaded just before outlook-host-shim.js (host-shim-file.ts joins them),
 * which calls this once it has built Office.context. It decides isSetSupported('NestedAppAuth', '1.1') as
 * the sample's client, build and account would, and gives Office.context.ui.displayDialogAsync; in a window
 * the pane opened as its dialog it returns the dialog's own Office.context instead.
 */
window.__outlookShimSignIn = function (shim) {
  var context = shim.context;
  var state = shim.state;
  var sample = shim.sample;
  var client = shim.client;
  var profile = shim.profile;
  /*
   * Sign-in. NestedAppAuth 1.1, per the requirement set page
   * (https://learn.microsoft.com/javascript/api/requirement-sets/common/nested-app-auth-requirement-sets):
   * web and new Outlook; classic Windows from build 18025.20000 (Microsoft 365, 2409), 18429.20132 (retail
   * perpetual, 2501) or 17932.20222 (volume/LTSC 2408: not Outlook 2021 LTSC); Mac from 16.89; never for an
   * Outlook.com or Gmail mailbox. tests/addin/support/outlook-mock.ts models the same.
   */
  var NAA_MIN_WINDOWS_BUILD = { subscription: [18025, 20000], retail: [18429, 20132], volume: [17932, 20222] };
  function atLeast(min, parts) {
    for (var i = 0; i < min.length; i++) if ((parts[i] || 0) !== min[i]) return (parts[i] || 0) > min[i];
    return true;
  }
  var accountType = sample.accountType || 'enterprise';
  var nestedAppAuth = (function () {
    if (sample.naa !== undefined) return !!sample.naa;
    if (accountType === 'outlookCom' || accountType === 'gmail') return false;
    var parts = profile.hostVersion.split('.').map(Number);
    if (client === 'classicWindows') return atLeast(NAA_MIN_WINDOWS_BUILD[sample.windowsChannel || 'subscription'], parts.slice(2));
    if (client === 'mac') return atLeast([16, 89], parts);
    return true;
  })();
  context.mailbox.userProfile.accountType = accountType;

  /*
   * The Office dialog (https://learn.microsoft.com/office/dev/add-ins/develop/dialog-handle-errors-events):
   * the page must be on the pane's origin (12004), one dialog at a time (12007), a blocked window is 12011;
   * once open, the person closing it raises DialogEventReceived 12006. Its page may call only messageParent
   * and isSetSupported (https://learn.microsoft.com/office/dev/add-ins/develop/dialog-best-practices).
   */
  var openDialog = null; // { window, handlers, watch }
  state.dialogs = [];
  var dialogEvent = function (type) { return /message/i.test(String(type)) ? 'message' : 'event'; };
  function endDialog(code) {
    var d = openDialog;
    if (!d) return;
    openDialog = null;
    clearInterval(d.watch);
    if (!d.window.closed) d.window.close();
    if (code && d.handlers.event) d.handlers.event({ error: code });
  }
  state.closeDialog = function () { endDialog(12006); };
  state.dialogMessage = function (from, message) {
    if (openDialog && openDialog.window === from && openDialog.handlers.message) openDialog.handlers.message({ message: String(message), origin: from.location.origin });
  };
  context.ui = {
    displayDialogAsync: function (url, options, callback) {
      callback = typeof options === 'function' ? options : callback;
      state.calls.push('ui.displayDialogAsync');
      var later = function (result) { setTimeout(function () { if (callback) callback(result); }, 0); };
      var fail = function (code, message) { later({ status: 'failed', error: { code: code, name: 'DialogError', message: message } }); };
      var target = new URL(url, window.location.href);
      if (target.origin !== window.location.origin) return fail(12004, 'The domain of the URL is not trusted.');
      if (openDialog) return fail(12007, 'A dialog box is already opened from this host window.');
      var win = window.open(target.href, '_blank', 'popup,width=480,height=640');
      if (!win) return fail(12011, "The user's browser is configured to block pop-ups.");
      var d = (openDialog = { window: win, handlers: {} });
      state.dialogs.push(target.href);
      // No event tells an opener its window was closed: look every 200 ms while the dialog is open.
      d.watch = setInterval(function () { if (win.closed && openDialog === d) endDialog(12006); }, 200);
      later({
        status: 'succeeded',
        value: {
          addEventHandler: function (type, handler) { d.handlers[dialogEvent(type)] = handler; },
          close: function () { if (openDialog === d) endDialog(null); },
          messageChild: function () {},
        },
      });
    },
  };
  var dialogHost = null;
  try {
    dialogHost = window.opener && window.opener.__outlookShim; // another origin's opener throws: not our pane
  } catch (e) {}
  if (dialogHost && dialogHost.dialogMessage) {
    context = {
      ui: { messageParent: function (message) { dialogHost.dialogMessage(window, message); } },
      requirements: context.requirements,
    };
  }
  return { nestedAppAuth: nestedAppAuth, context: context };
};
