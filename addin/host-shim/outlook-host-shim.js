/*
 * Outlook host shim: appended to the packaged office.js (which, outside an Office client, initialises with
 * no host), it gives Office.context what Outlook would — an appointment, the user's profile, master
 * categories, roaming settings, requirement sets and a theme — and Office.actions. Callbacks answer on a
 * later tick, as Office's do; every call is recorded in window.__outlookShim (with the item's and the
 * master list's categories, the roaming settings and the launch-event handlers associated).
 *
 * Who configures it, with globals set before it runs:
 * - Browser tests and the add-in bench (tests/addin/support/browser-harness.ts): `window.__CALSYNC_SAMPLE__`,
 *   one appointment (fields as below; optional `roaming` settings and `dark: true`), set per page by
 *   addInitScript; without one, a built-in sample.
 * - Read mode (plain values, as Outlook gives an attendee or an opened event) is the default. Compose mode
 *   (the organizer's form: every property an object with getAsync/setAsync, attendees with addAsync, and
 *   item.addHandlerAsync for AppointmentTimeChanged, RecipientsChanged, RecurrenceChanged) is chosen by the
 *   sample's `mode: 'compose'` or the page's `?itemMode=compose`. A setAsync/addAsync raises its change event
 *   as Outlook does; tests may also raise one with `__outlookShim.fire(type, args)`.
 * - The `npm start` demo (demo/routes/office-route.ts): `window.__CALSYNC_DEMO_SAMPLES__ = { <user key>:
 *   <sample appointment> }` (demo/sample-appointment.ts, with the person's master categories, name and
 *   time zone) and `window.__CALSYNC_DEMO_DEFAULT__`; the page's `?user=` picks the person (no sample for
 *   them or the default: no host, as before). `window.__CALSYNC_SHIM_ROAMING_STORAGE__ = '<prefix>'` keeps
 *   roaming settings in this browser's localStorage under prefix + person, so they survive reloads.
 *   The demo also sets `window.OsfOptOut` before office.js itself (its host page frames the pane), which this
 *   file, loaded after office.js, cannot do.
 * - Which Outlook: the sample's `client` or the page's `?client=` — 'web' (the default), 'newOutlook' (new Outlook
 *   on Windows), 'classicWindows' or 'mac'. It sets Office.context.platform and mailbox.diagnostics as that client
 *   reports them (CLIENT_PROFILES); what each client refuses is keyed on `state.client`.
 * - Item categories are refused as each client refuses them (see categoryRefusal).
 * - Sign-in: the sample's `hostVersion`, `windowsChannel` (subscription|retail|volume) and `accountType`
 *   (enterprise|office365|outlookCom|gmail) decide NestedAppAuth as the client would (`naa` forces it).
 *   ui.displayDialogAsync opens a browser window, as Outlook on the web does; its page (office.js with this
 *   shim) gets a dialog's Office.context. `__outlookShim.closeDialog()` closes it as the person would.
 * - Limits Outlook enforces, each with its source where it is modelled: roaming settings over 32 KB as stored are
 *   refused (9057; `state.savedRoaming` is what the mailbox keeps); on the web and in new Outlook a 4th simultaneous
 *   limited call fails (5100; `state.maxLimitedInFlight`); new Outlook's master list misses the sample's
 *   `categoriesCreatedElsewhere` and adding one answers DuplicateCategory; officeTheme has colours, no isDarkTheme.
 */
(function () {
  var DEFAULT_SAMPLE = {
    subject: 'Quarterly review with Fabrikam',
    location: 'Room 4',
    body: 'Agenda: numbers',
    start: '2026-03-02T09:00:00Z',
    end: '2026-03-02T10:00:00Z',
    organizer: { emailAddress: 'ana@contoso.com', displayName: 'Ana' },
    requiredAttendees: [{ emailAddress: 'bo@fabrikam.com', displayName: 'Bo' }],
    optionalAttendees: [],
    categories: [],
    me: 'ana@contoso.com',
    dark: false,
  };

  var sample;
  var person;
  if (window.__CALSYNC_SAMPLE__) {
    sample = window.__CALSYNC_SAMPLE__;
    person = sample.me;
  } else if (window.__CALSYNC_DEMO_SAMPLES__) {
    var samples = window.__CALSYNC_DEMO_SAMPLES__;
    person = new URLSearchParams(window.location.search).get('user') || window.__CALSYNC_DEMO_DEFAULT__;
    sample = samples[person] || samples[window.__CALSYNC_DEMO_DEFAULT__];
    if (!sample) return;
  } else {
    sample = DEFAULT_SAMPLE;
    person = sample.me;
  }

  /*
   * What each client reports. Web and new Outlook both say platform 'OfficeOnline' (office-js 4158); hostName
   * tells them apart: 'OutlookWebApp' on the web, 'newOutlookWindows' in new Outlook (office-js-docs-reference
   * 1630: 'OneOutlook' in early builds), 'Outlook' in classic Windows and on Mac (platform 'PC' / 'Mac').
   * https://learn.microsoft.com/javascript/api/outlook/office.diagnostics
   */
  var CLIENT_PROFILES = {
    web: { platform: 'OfficeOnline', hostName: 'OutlookWebApp', hostVersion: '20261101003.05' },
    newOutlook: { platform: 'OfficeOnline', hostName: 'newOutlookWindows', hostVersion: '20261101003.05' },
    classicWindows: { platform: 'PC', hostName: 'Outlook', hostVersion: '16.0.19127.20000' },
    mac: { platform: 'Mac', hostName: 'Outlook', hostVersion: '16.103.1' },
  };
  var client = sample.client || new URLSearchParams(window.location.search).get('client') || 'web';
  if (!CLIENT_PROFILES[client]) throw new Error('outlook-host-shim: unknown client ' + client);
  var profile = CLIENT_PROFILES[client];
  if (sample.hostVersion) profile = Object.assign({}, profile, { hostVersion: sample.hostVersion });

  var roamingKey = window.__CALSYNC_SHIM_ROAMING_STORAGE__ ? window.__CALSYNC_SHIM_ROAMING_STORAGE__ + person : null;
  var roaming = sample.roaming || {};
  if (roamingKey) {
    try {
      roaming = JSON.parse(window.localStorage.getItem(roamingKey) || 'null') || roaming;
    } catch (e) {
      // Unreadable or blocked storage: start from the sample's settings.
    }
  }
  var state = (window.__outlookShim = {
    client: client,
    itemCategories: (sample.categories || []).slice(),
    masterCategories: (sample.masterCategories || []).slice(),
    categoriesCreatedElsewhere: (sample.categoriesCreatedElsewhere || []).slice(),
    roaming: roaming,
    calls: [],
    associated: {},
    // Compose mode: the item's handlers by event type, and a way to raise an event as Outlook would.
    itemHandlers: {},
    fire: function (type, args) {
      var key = eventKey(type);
      var handler = state.itemHandlers[key];
      if (handler) handler(Object.assign({ type: key }, args || {}));
      return !!handler;
    },
  });
  /** 'olkAppointmentTimeChanged' (Office.EventType's value) and 'AppointmentTimeChanged' name the same event. */
  function eventKey(type) {
    return String(type).replace(/^olk/, '');
  }

  function answer(operation, value) {
    return function () {
      var args = Array.prototype.slice.call(arguments);
      var callback = args[args.length - 1];
      state.calls.push(operation);
      var slot = takeAsyncSlot(operation);
      setTimeout(function () {
        slot.release();
        if (slot.refused) return callback(failedResult(TOO_MANY_INCOMPLETE_REQUESTS));
        var result;
        try {
          result = typeof value === 'function' ? value.apply(null, args) : value;
        } catch (e) {
          if (!e || !e.officeError) throw e;
          return callback(failedResult(e.officeError));
        }
        callback({ status: 'succeeded', value: result });
      }, 0);
    };
  }
  function failedResult(error) {
    return { status: 'failed', value: undefined, error: { code: error.code, name: error.name, message: error.message || error.name } };
  }
  /** Thrown inside an answer's value function: the call fails with this Office error, as Outlook's would. */
  function officeFailure(error) {
    return Object.assign(new Error(error.name), { officeError: error });
  }

  /*
   * Simultaneous async calls. "For Outlook on the web and on mobile devices, and new Outlook on Windows": at most 3
   * of the listed calls (subject, location, start/end and recipients getAsync/setAsync/addAsync, roamingSettings
   * .saveAsync, ...) at any one time; office.js refuses more with 5100 "Wait until the previous call completes"
   * (ooeTooManyIncompleteRequests, https://github.com/OfficeDev/office-js/issues/3274). Classic Windows and Mac: no limit.
   * https://learn.microsoft.com/office/dev/add-ins/outlook/limits-for-activation-and-javascript-api-for-outlook-add-ins
   */
  var ASYNC_CALL_LIMIT = { web: 3, newOutlook: 3 };
  var ASYNC_LIMITED_OPERATION = /^item\.(subject|location|start|end|requiredAttendees|optionalAttendees)\.(get|set|add)Async$|^roamingSettings\.saveAsync$/;
  var TOO_MANY_INCOMPLETE_REQUESTS = { code: 5100, name: 'API Call Failed', message: 'Wait until the previous call completes.' };
  var limitedInFlight = 0;
  state.maxLimitedInFlight = 0;
  function takeAsyncSlot(operation) {
    var limit = ASYNC_CALL_LIMIT[state.client];
    if (limit === undefined || !ASYNC_LIMITED_OPERATION.test(operation)) return { refused: false, release: function () {} };
    if (limitedInFlight >= limit) return { refused: true, release: function () {} };
    limitedInFlight += 1;
    state.maxLimitedInFlight = Math.max(state.maxLimitedInFlight, limitedInFlight);
    return { refused: false, release: function () { limitedInFlight -= 1; } };
  }
  function people(list) {
    return (list || []).map(function (p) { return { emailAddress: p.emailAddress, displayName: p.displayName, recipientType: 'user' }; });
  }
  /*
   * Categories created in another client (the sample's `categoriesCreatedElsewhere`): new Outlook's master list can
   * miss them though the mailbox has them (https://github.com/OfficeDev/office-js/issues/6484), so getAsync leaves
   * them out and addAsync answers DuplicateCategory ("One of the categories provided is already in the master
   * category list", https://learn.microsoft.com/javascript/api/outlook/office.mastercategories). Other clients list them.
   */
  if (client !== 'newOutlook') state.masterCategories = state.masterCategories.concat(state.categoriesCreatedElsewhere);
  function onMailboxCategoryNames() {
    var all = state.masterCategories.concat(client === 'newOutlook' ? state.categoriesCreatedElsewhere : []);
    return all.map(function (c) { return c.displayName.toLowerCase(); });
  }

  /** An item category's colour is the master list's, as in Outlook ('None' when it is not on the list). */
  function colourOf(name) {
    for (var i = 0; i < state.masterCategories.length; i++) {
      if (state.masterCategories[i].displayName.toLowerCase() === name.toLowerCase()) return state.masterCategories[i].color;
    }
    return 'None';
  }

  var composeMode = sample.mode === 'compose' || new URLSearchParams(window.location.search).get('itemMode') === 'compose';

  /*
   * Item categories as each client allows them.
   * - Compose mode, Outlook on the web and new Outlook: get, add and remove fail. The Office.Categories reference
   *   says so on each method ("you can't use the API to manage categories applied to a message or appointment
   *   item in Compose mode", https://learn.microsoft.com/javascript/api/outlook/office.categories); the failure
   *   is Office's code 5000, name "Host Error", message "The operation is not supported." (office-js 4150 on the
   *   web, 4588 in new Outlook). Classic Windows and Mac allow them (4150: "works fine on Outlook for Mac").
   *   The note on addAsync names "a message or appointment item"; those on getAsync and removeAsync say "a
   *   message": the shim refuses all three on appointments too, the reading that lets no test rely on them.
   * - Read mode, the web: addAsync may fail the same way on a meeting someone else organised, while it works on
   *   one's own and on desktop (office-js 4909, open). Off unless the sample's `refusesOthersMeetings` or the
   *   page's `?refusesOthersMeetings=1` turns it on.
   */
  var OPERATION_NOT_SUPPORTED = { code: 5000, name: 'Host Error', message: 'The operation is not supported.' };
  var refusesOthersMeetings = !!sample.refusesOthersMeetings || new URLSearchParams(window.location.search).get('refusesOthersMeetings') === '1';
  function categoryRefusal(operation) {
    var webLike = client === 'web' || client === 'newOutlook';
    if (composeMode && webLike) return OPERATION_NOT_SUPPORTED;
    var organizer = (sample.organizer && sample.organizer.emailAddress) || '';
    var othersMeeting = organizer.toLowerCase() !== String(sample.me || '').toLowerCase();
    if (!composeMode && client === 'web' && refusesOthersMeetings && othersMeeting && operation === 'item.categories.addAsync') return OPERATION_NOT_SUPPORTED;
    return null;
  }
  /** An item-category call: refused as the client refuses it, else answered as `answer` does. */
  function categoryCall(operation, value) {
    var allowed = answer(operation, value);
    return function () {
      var refusal = categoryRefusal(operation);
      if (!refusal) return allowed.apply(null, arguments);
      var callback = arguments[arguments.length - 1];
      state.calls.push(operation);
      setTimeout(function () {
        callback({ status: 'failed', value: undefined, error: { code: refusal.code, name: refusal.name, message: refusal.message } });
      }, 0);
    };
  }
  var categoriesApi = {
    getAsync: categoryCall('item.categories.getAsync', function () {
      return state.itemCategories.map(function (n) { return { displayName: n, color: colourOf(n) }; });
    }),
    addAsync: categoryCall('item.categories.addAsync', function (names) {
      state.itemCategories = state.itemCategories.concat(names);
    }),
    removeAsync: categoryCall('item.categories.removeAsync', function (names) {
      var gone = names.map(function (n) { return n.toLowerCase(); });
      state.itemCategories = state.itemCategories.filter(function (n) { return gone.indexOf(n.toLowerCase()) < 0; });
    }),
  };
  var item = composeMode ? composeItem() : {
    itemType: 'appointment',
    itemId: sample.id || 'AAMkShimSample',
    subject: sample.subject,
    location: sample.location,
    start: new Date(sample.start),
    end: new Date(sample.end),
    organizer: sample.organizer,
    requiredAttendees: people(sample.requiredAttendees),
    optionalAttendees: people(sample.optionalAttendees),
    seriesId: '',
    body: { getAsync: answer('item.body.getAsync', sample.body) },
    categories: categoriesApi,
  };

  /** The organizer's compose form: values live in state.compose; setters raise the events Outlook raises. */
  function composeItem() {
    var c = (state.compose = {
      subject: sample.subject,
      location: sample.location,
      start: new Date(sample.start),
      end: new Date(sample.end),
      requiredAttendees: people(sample.requiredAttendees),
      optionalAttendees: people(sample.optionalAttendees),
      isAllDayEvent: !!sample.isAllDayEvent,
      recurrence: sample.recurring ? { recurrenceType: 'weekly', recurrenceProperties: { interval: 1, days: ['mon'] } } : null,
    });
    function property(name, changed) {
      return {
        getAsync: answer('item.' + name + '.getAsync', function () { return c[name]; }),
        setAsync: answer('item.' + name + '.setAsync', function (value) {
          c[name] = value;
          if (changed) setTimeout(changed, 0);
        }),
      };
    }
    function timeChanged() {
      state.fire('AppointmentTimeChanged', { start: c.start, end: c.end });
    }
    function attendees(name) {
      var changed = function () {
        var fields = {};
        fields[name] = true;
        state.fire('RecipientsChanged', { changedRecipientFields: fields });
      };
      var api = property(name, changed);
      var set = api.setAsync;
      // Outlook takes addresses or EmailAddressDetails, and hands back EmailAddressDetails.
      var details = function (list) {
        return people(list.map(function (p) { return typeof p === 'string' ? { emailAddress: p, displayName: p } : p; }));
      };
      api.setAsync = function (list) { arguments[0] = details(list); return set.apply(null, arguments); };
      api.addAsync = answer('item.' + name + '.addAsync', function (list) {
        c[name] = c[name].concat(details(list));
        setTimeout(changed, 0);
      });
      return api;
    }
    function handlerCall(operation, fn) {
      // (type, handler, [options], callback) and (type, [options], callback): the callback is the last argument.
      return function () {
        var args = Array.prototype.slice.call(arguments);
        fn.apply(null, args);
        answer(operation, undefined)(args[args.length - 1]);
      };
    }
    return {
      itemType: 'appointment',
      subject: property('subject'),
      location: property('location'),
      start: property('start', timeChanged),
      end: property('end', timeChanged),
      requiredAttendees: attendees('requiredAttendees'),
      optionalAttendees: attendees('optionalAttendees'),
      isAllDayEvent: property('isAllDayEvent', timeChanged),
      recurrence: property('recurrence', function () { state.fire('RecurrenceChanged', { recurrence: c.recurrence }); }),
      organizer: { getAsync: answer('item.organizer.getAsync', sample.organizer) },
      body: { getAsync: answer('item.body.getAsync', sample.body) },
      categories: categoriesApi,
      addHandlerAsync: handlerCall('item.addHandlerAsync', function (type, handler) { state.itemHandlers[eventKey(type)] = handler; }),
      removeHandlerAsync: handlerCall('item.removeHandlerAsync', function (type) { delete state.itemHandlers[eventKey(type)]; }),
    };
  }

  /*
   * Roaming settings: "32 KB number of characters" for all of an add-in's settings, stored serialized to JSON (a
   * JSON string value counts with its quotes escaped). Over it saveAsync fails with 9057 "Size Limit Exceeded" and
   * the mailbox keeps what it had (state.savedRoaming; state.roaming is this page's copy).
   * https://learn.microsoft.com/office/dev/add-ins/outlook/limits-for-activation-and-javascript-api-for-outlook-add-ins
   * https://learn.microsoft.com/office/dev/add-ins/reference/javascript-api-for-office-error-codes,
   * https://github.com/OfficeDev/office-js/issues/3060
   */
  var ROAMING_SETTINGS_MAX_CHARS = 32 * 1024;
  var ROAMING_SIZE_LIMIT_EXCEEDED = { code: 9057, name: 'Size Limit Exceeded', message: 'A maximum of 32KB is available for the settings of each add-in.' };
  state.savedRoaming = JSON.parse(JSON.stringify(state.roaming));

  // officeTheme: colours only. isDarkTheme "isn't supported in Outlook" (https://learn.microsoft.com/javascript/api/office/office.officetheme).
  function officeTheme(dark) {
    var back = dark ? ['#1f1f1f', '#292929'] : ['#ffffff', '#ffffff'];
    var fore = dark ? '#ffffff' : '#242424';
    return { bodyBackgroundColor: back[0], bodyForegroundColor: fore, controlBackgroundColor: back[1], controlForegroundColor: fore };
  }

  var context = {
    // Office's UI language; the pane writes dates and times in it.
    displayLanguage: sample.displayLanguage || 'en-US',
    platform: profile.platform,
    diagnostics: { host: 'Outlook', platform: profile.platform, version: profile.hostVersion },
    mailbox: {
      diagnostics: { hostName: profile.hostName, hostVersion: profile.hostVersion },
      item: item,
      userProfile: { emailAddress: sample.me, displayName: sample.myName || 'Ana', timeZone: sample.timeZone || 'UTC' },
      masterCategories: {
        getAsync: answer('masterCategories.getAsync', function () { return state.masterCategories.slice(); }),
        addAsync: answer('masterCategories.addAsync', function (list) {
          var taken = onMailboxCategoryNames();
          for (var i = 0; i < list.length; i++) {
            if (taken.indexOf(list[i].displayName.toLowerCase()) >= 0) throw officeFailure({ name: 'DuplicateCategory', message: 'One of the categories provided is already in the master category list.' });
          }
          state.masterCategories = state.masterCategories.concat(list);
        }),
      },
    },
    roamingSettings: {
      get: function (k) { return state.roaming[k]; },
      set: function (k, v) { state.roaming[k] = v; },
      remove: function (k) { delete state.roaming[k]; },
      saveAsync: answer('roamingSettings.saveAsync', function () {
        if (JSON.stringify(state.roaming).length > ROAMING_SETTINGS_MAX_CHARS) throw officeFailure(ROAMING_SIZE_LIMIT_EXCEEDED);
        state.savedRoaming = JSON.parse(JSON.stringify(state.roaming));
        if (!roamingKey) return;
        try {
          window.localStorage.setItem(roamingKey, JSON.stringify(state.roaming));
        } catch (e) {
          // Storage full or blocked: the settings live for this page only.
        }
      }),
    },
    requirements: {
      isSetSupported: function (name, version) {
        if (name === 'NestedAppAuth') return nestedAppAuth && parseFloat(version || '1.1') <= 1.1;
        return name === 'Mailbox' && parseFloat(version || '1.0') <= 1.13;
      },
    },
    officeTheme: officeTheme(!!sample.dark),
  };

  // Sign-in (outlook-sign-in-shim.js, loaded just before this file): NestedAppAuth as this client answers
  // it, and the Office dialog; in a window the pane opened as its dialog, the dialog's own Office.context.
  var signIn = window.__outlookShimSignIn({ context: context, state: state, sample: sample, client: client, profile: profile });
  var nestedAppAuth = signIn.nestedAppAuth;
  context = signIn.context;

  // office.js defines Office.context again while it initialises, so the shim installs itself now and
  // again from the first onReady callback (registered before the add-in's own, so it runs first).
  // Office.actions.associate records the launch-event handlers, so a test can fire them as Outlook would.
  var actions = { associate: function (name, fn) { state.associated[name] = fn; } };
  function install() {
    Object.defineProperty(window.Office, 'context', { configurable: true, get: function () { return context; }, set: function () {} });
    Object.defineProperty(window.Office, 'actions', { configurable: true, get: function () { return actions; }, set: function () {} });
  }
  install();
  window.Office.onReady(install);
})();
