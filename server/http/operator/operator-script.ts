/**
 * The operator page's script, served as /operator/operator.js (the CSP allows scripts from the service's own origin
 * only). Plain browser JavaScript with no bundle: it fetches the tenant rows, writes every value with textContent
 * (a tenant's display name is the customer's to choose), and hides the progress when done. A lapsed session (401)
 * reloads the page, which signs in again.
 */
export const OPERATOR_SCRIPT = `'use strict';
(function () {
  var progress = document.getElementById('progress');
  var result = document.getElementById('result');
  function el(tag, text, className) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = String(text);
    if (className) node.className = className;
    return node;
  }
  function when(iso) {
    return iso ? new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' }) : 'never';
  }
  var STATUS = { invited: 'Invited', active: 'Active', suspended: 'Suspended', consent_revoked: 'Consent revoked', offboarded: 'Offboarded' };
  var TERM = { in_term: '', grace: 'grace period', lapsed: 'lapsed' };
  var COLUMNS = [
    ['Organisation'], ['Status'], ['Seats used / bought', 'number'], ['Term ends'], ['Synced in the last hour', 'number'],
    ['Failing mailboxes', 'number'], ['429s in the last hour', 'number'], ['Last successful round'],
  ];
  function row(t) {
    var tr = document.createElement('tr');
    var name = el('th', t.displayName);
    name.scope = 'row';
    name.appendChild(el('span', t.tenantId, 'id'));
    tr.appendChild(name);
    var status = el('td');
    status.appendChild(el('span', STATUS[t.status] || t.status, 'badge ' + t.status));
    tr.appendChild(status);
    var used = t.seatsUsed === null ? 'all' : t.seatsUsed;
    tr.appendChild(el('td', used + ' / ' + t.seats, 'number' + (t.seatsUsed !== null && t.seatsUsed > t.seats ? ' warn' : '')));
    var term = el('td', t.termEnd, 'nowrap');
    if (TERM[t.term]) { term.appendChild(document.createTextNode(' ')); term.appendChild(el('span', TERM[t.term], 'badge ' + t.term)); }
    tr.appendChild(term);
    tr.appendChild(el('td', t.mailboxesSyncedLastHour, 'number'));
    tr.appendChild(el('td', t.failingMailboxes, 'number' + (t.failingMailboxes > 0 ? ' warn' : '')));
    tr.appendChild(el('td', t.throttledLastHour, 'number'));
    tr.appendChild(el('td', when(t.lastSuccessAt)));
    return tr;
  }
  function render(body) {
    var tenants = body.tenants;
    var active = tenants.filter(function (t) { return t.status === 'active'; }).length;
    var table = el('table');
    table.appendChild(el('caption', tenants.length + (tenants.length === 1 ? ' tenant, ' : ' tenants, ') + active + ' active · as of ' + when(body.generatedAt)));
    var head = document.createElement('tr');
    COLUMNS.forEach(function (c) { var th = el('th', c[0], c[1]); th.scope = 'col'; head.appendChild(th); });
    table.appendChild(el('thead')).appendChild(head);
    var rows = table.appendChild(el('tbody'));
    tenants.forEach(function (t) { rows.appendChild(row(t)); });
    result.replaceChildren(tenants.length === 0 ? el('p', 'No organisation has a tenant record yet.') : table);
  }
  fetch('/operator/tenants', { credentials: 'same-origin', headers: { Accept: 'application/json' } })
    .then(function (res) {
      if (res.status === 401) { window.location.reload(); return null; }
      if (!res.ok) throw new Error('the service answered ' + res.status);
      return res.json();
    })
    .then(function (body) { if (body) render(body); })
    .catch(function (err) {
      result.replaceChildren(el('p', 'The tenants could not be loaded (' + err.message + '). Reload the page to try again.', 'problem'));
    })
    .finally(function () {
      progress.hidden = true;
      progress.setAttribute('aria-busy', 'false');
    });
})();
`;
