/*
 * Outlook host shim for the browser tests and the bench. Loaded right after the packaged office.js (which,
 * outside an Office client, initialises with no host), it gives Office.context what Outlook would: a
 * sample appointment (window.__CALSYNC_SAMPLE__ when a test sets one), master categories, roaming
 * settings (window.__CALSYNC_SAMPLE__.roaming), requirement sets, a theme and Office.actions. Every call is recorded in window.__outlookShim for assertions.
 * Callbacks answer on a later tick, as Office's do.
 */
(function () {
  var sample = window.__CALSYNC_SAMPLE__ || {
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
  var state = (window.__outlookShim = { itemCategories: sample.categories.slice(), masterCategories: [], roaming: sample.roaming || {}, calls: [], associated: {} });

  function answer(operation, value) {
    return function () {
      var args = Array.prototype.slice.call(arguments);
      var callback = args[args.length - 1];
      state.calls.push(operation);
      setTimeout(function () {
        callback({ status: 'succeeded', value: typeof value === 'function' ? value.apply(null, args) : value });
      }, 0);
    };
  }
  function people(list) {
    return list.map(function (p) { return { emailAddress: p.emailAddress, displayName: p.displayName, recipientType: 'user' }; });
  }

  var item = {
    itemType: 'appointment',
    itemId: 'AAMkShimSample',
    subject: sample.subject,
    location: sample.location,
    start: new Date(sample.start),
    end: new Date(sample.end),
    organizer: sample.organizer,
    requiredAttendees: people(sample.requiredAttendees),
    optionalAttendees: people(sample.optionalAttendees),
    seriesId: '',
    body: { getAsync: answer('item.body.getAsync', sample.body) },
    categories: {
      getAsync: answer('item.categories.getAsync', function () {
        return state.itemCategories.map(function (n) { return { displayName: n, color: 'Preset0' }; });
      }),
      addAsync: answer('item.categories.addAsync', function (names) {
        state.itemCategories = state.itemCategories.concat(names);
      }),
    },
  };

  var context = {
    mailbox: {
      item: item,
      userProfile: { emailAddress: sample.me, displayName: 'Ana', timeZone: 'UTC' },
      masterCategories: {
        getAsync: answer('masterCategories.getAsync', function () { return state.masterCategories.slice(); }),
        addAsync: answer('masterCategories.addAsync', function (list) { state.masterCategories = state.masterCategories.concat(list); }),
      },
    },
    roamingSettings: {
      get: function (k) { return state.roaming[k]; },
      set: function (k, v) { state.roaming[k] = v; },
      remove: function (k) { delete state.roaming[k]; },
      saveAsync: answer('roamingSettings.saveAsync', undefined),
    },
    requirements: {
      isSetSupported: function (name, version) {
        return name === 'Mailbox' && parseFloat(version || '1.0') <= 1.13;
      },
    },
    officeTheme: sample.dark ? { isDarkTheme: true, bodyBackgroundColor: '#1f1f1f' } : { isDarkTheme: false, bodyBackgroundColor: '#ffffff' },
  };

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
