/**
 * Dialogs htmx swaps in (opened, closed on `cts-close-dialog`), styled confirm dialogs for `hx-confirm`, flash
 * messages that dismiss themselves, "select all", menus that close on Escape or a click elsewhere, and relative
 * times (`time[data-rel]`, the exact time stays in the title).
 */
export const UI_SCRIPT = `
  function removeDialog(d) { if (d.open) d.close(); d.remove(); }
  function openIn(elt) {
    if (!elt || !elt.querySelectorAll) return;
    var list = Array.prototype.slice.call(elt.querySelectorAll('dialog[data-autoopen]'));
    if (elt.matches && elt.matches('dialog[data-autoopen]')) list.push(elt);
    list.forEach(function (d) {
      if (!d.open) d.showModal();
      var first = d.querySelector('[autofocus]') || d.querySelector('input:not([type=hidden]), select');
      if (first) first.focus();
    });
  }
  function showFlash(kind, text) {
    var area = document.getElementById('flash');
    if (!area) return;
    var box = document.createElement('div');
    box.className = 'flash flash-' + kind;
    box.setAttribute('role', kind === 'error' ? 'alert' : 'status');
    var p = document.createElement('p');
    p.textContent = text;
    var close = document.createElement('button');
    close.type = 'button'; close.className = 'btn btn-small'; close.textContent = '×';
    close.setAttribute('data-dismiss-flash', ''); close.setAttribute('aria-label', 'Dismiss message');
    box.appendChild(p); box.appendChild(close);
    area.innerHTML = ''; area.appendChild(box);
  }
  function autoDismiss() {
    document.querySelectorAll('#flash .flash:not([data-timed])').forEach(function (f) {
      f.setAttribute('data-timed', '');
      setTimeout(function () { f.remove(); }, f.classList.contains('flash-error') ? 15000 : 5000);
    });
  }
  function confirmDialog(question, label, onYes) {
    var d = document.createElement('dialog');
    d.className = 'confirm';
    d.setAttribute('aria-labelledby', 'confirm-text');
    var p = document.createElement('p'); p.id = 'confirm-text'; p.textContent = question;
    var actions = document.createElement('div'); actions.className = 'dialog-actions';
    var no = document.createElement('button'); no.type = 'button'; no.className = 'btn'; no.textContent = 'Cancel';
    var yes = document.createElement('button'); yes.type = 'button'; yes.className = 'btn btn-danger-solid';
    yes.textContent = label || 'Confirm';
    no.addEventListener('click', function () { removeDialog(d); });
    yes.addEventListener('click', function () { removeDialog(d); onYes(); });
    actions.appendChild(no); actions.appendChild(yes);
    d.appendChild(p); d.appendChild(actions);
    document.body.appendChild(d);
    d.showModal();
    no.focus();
  }
  var UNITS = [[86400, 'd'], [3600, 'h'], [60, 'min']];
  function rel(ms) {
    var s = Math.round((Date.now() - ms) / 1000), abs = Math.abs(s);
    if (abs < 45) return s >= 0 ? 'just now' : 'in a moment';
    for (var i = 0; i < UNITS.length; i++) {
      if (abs >= UNITS[i][0] || i === UNITS.length - 1) {
        var n = Math.max(1, Math.round(abs / UNITS[i][0])) + ' ' + UNITS[i][1];
        return s >= 0 ? n + ' ago' : 'in ' + n;
      }
    }
  }
  function relTimes(root) {
    (root || document).querySelectorAll('time[data-rel]').forEach(function (t) {
      var ms = Date.parse(t.getAttribute('datetime'));
      if (!isNaN(ms)) t.textContent = rel(ms);
    });
  }
  document.addEventListener('htmx:load', function (e) { openIn(e.detail && e.detail.elt); relTimes(e.detail && e.detail.elt); });
  document.addEventListener('htmx:confirm', function (e) {
    if (!e.detail.question) return;
    e.preventDefault();
    var elt = e.detail.elt;
    confirmDialog(e.detail.question, elt && elt.getAttribute('data-confirm-label'), function () { e.detail.issueRequest(true); });
  });
  document.addEventListener('cts-close-dialog', function () {
    document.querySelectorAll('dialog').forEach(removeDialog);
  });
  document.addEventListener('close', function (e) {
    if (e.target && e.target.tagName === 'DIALOG') e.target.remove();
  }, true);
  document.addEventListener('click', function (e) {
    var t = e.target;
    if (!(t instanceof Element)) return;
    var closer = t.closest('[data-close-dialog]');
    if (closer) { var d = closer.closest('dialog'); if (d) removeDialog(d); }
    var copy = t.closest('[data-copy]');
    if (copy && navigator.clipboard) navigator.clipboard.writeText(copy.getAttribute('data-copy')).then(function () {
      showFlash('ok', 'Copied.');
    }, function () { showFlash('error', 'Could not copy: select the text instead.'); });
    var dismiss = t.closest('[data-dismiss-flash]');
    if (dismiss) { var f = dismiss.closest('.flash'); if (f) f.remove(); }
    document.querySelectorAll('details.menu[open]').forEach(function (m) {
      if (!m.contains(t) || (t.closest('.menu-items button') && !t.closest('[hx-confirm]'))) m.open = false;
    });
  });
  document.addEventListener('keydown', function (e) {
    if (e.key !== 'Escape') return;
    document.querySelectorAll('details.menu[open]').forEach(function (m) {
      m.open = false; var s = m.querySelector('summary'); if (s) s.focus();
    });
  });
  document.addEventListener('change', function (e) {
    var t = e.target;
    if (t instanceof HTMLInputElement && t.hasAttribute('data-select-all')) {
      var table = t.closest('table') || document;
      table.querySelectorAll('input[type=checkbox][name=ids]').forEach(function (cb) { cb.checked = t.checked; });
    }
  });
  var flashArea = document.getElementById('flash');
  if (flashArea) new MutationObserver(autoDismiss).observe(flashArea, { childList: true, subtree: true });
  autoDismiss();
  relTimes(document);
  setInterval(function () { relTimes(document); }, 30000);
`;
