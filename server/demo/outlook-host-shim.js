/*
 * Outlook host shim for the local demo (a copy of tests/addin/support/outlook-host-shim.js, configured per
 * demo person). The demo server appends it to the packaged office.js, after
 * `window.__CALSYNC_DEMO_SAMPLES__ = { <user key>: <sample appointment>, … }` and `window.__CALSYNC_DEMO_DEFAULT__`.
 * The task pane's `?user=` picks the person; their sample appointment (one of their own meetings in the Graph
 * sandbox), master categories, time zone and roaming settings (kept in this browser's localStorage, per
 * person) are what Office.context answers with. Outside an Office client office.js initialises with no
 * host, so this gives it what Outlook would. Callbacks answer on a later tick, as Office's do.
 */
(function () {
  var samples = window.__CALSYNC_DEMO_SAMPLES__ || {};
  var user = new URLSearchParams(window.location.search).get('user') || window.__CALSYNC_DEMO_DEFAULT__;
  var sample = samples[user] || samples[window.__CALSYNC_DEMO_DEFAULT__];
  if (!sample) return;
  var roamingKey = 'calsync-demo-roaming:' + user;
  var roaming = {};
  try {
    roaming = JSON.parse(window.localStorage.getItem(roamingKey) || '{}') || {};
  } catch (e) {
    roaming = {};
  }
  var state = (window.__outlookShim = {
    itemCategories: sample.categories.slice(),
    masterCategories: sample.masterCategories.slice(),
    roaming: roaming,
    calls: [],
  });

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
  function colourOf(name) {
    for (var i = 0; i < state.masterCategories.length; i++) {
      if (state.masterCategories[i].displayName.toLowerCase() === name.toLowerCase()) return state.masterCategories[i].color;
    }
    return 'None';
  }

  var item = {
    itemType: 'appointment',
    itemId: sample.id,
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
        return state.itemCategories.map(function (n) { return { displayName: n, color: colourOf(n) }; });
      }),
      addAsync: answer('item.categories.addAsync', function (names) {
        state.itemCategories = state.itemCategories.concat(names);
      }),
    },
  };

  var context = {
    mailbox: {
      item: item,
      userProfile: { emailAddress: sample.me, displayName: sample.myName, timeZone: sample.timeZone },
      masterCategories: {
        getAsync: answer('masterCategories.getAsync', function () { return state.masterCategories.slice(); }),
        addAsync: answer('masterCategories.addAsync', function (list) { state.masterCategories = state.masterCategories.concat(list); }),
      },
    },
    roamingSettings: {
      get: function (k) { return state.roaming[k]; },
      set: function (k, v) { state.roaming[k] = v; },
      remove: function (k) { delete state.roaming[k]; },
      saveAsync: answer('roamingSettings.saveAsync', function () {
        try {
          window.localStorage.setItem(roamingKey, JSON.stringify(state.roaming));
        } catch (e) {
          // Storage full or blocked: the settings live for this page only.
        }
      }),
    },
    requirements: {
      isSetSupported: function (name, version) {
        return name === 'Mailbox' && parseFloat(version || '1.0') <= 1.13;
      },
    },
    officeTheme: { isDarkTheme: false, bodyBackgroundColor: '#ffffff' },
  };

  // office.js defines Office.context again while it initialises, so the shim installs itself now and
  // again from the first onReady callback (registered before the add-in's own, so it runs first).
  function install() {
    Object.defineProperty(window.Office, 'context', { configurable: true, get: function () { return context; }, set: function () {} });
  }
  install();
  window.Office.onReady(install);
})();
