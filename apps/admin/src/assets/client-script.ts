/**
 * The UI's own script, served as /assets/admin.js (the CSP allows no inline script or handler): opens dialogs that
 * htmx swaps in, closes them on the server's `cts-close-dialog` trigger, dismisses flash messages, and "select all".
 */
export const CLIENT_SCRIPT = `'use strict';
(function () {
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
  document.addEventListener('htmx:load', function (e) { openIn(e.detail && e.detail.elt); });
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
    var dismiss = t.closest('[data-dismiss-flash]');
    if (dismiss) { var f = dismiss.closest('.flash'); if (f) f.remove(); }
  });
  document.addEventListener('change', function (e) {
    var t = e.target;
    if (t instanceof HTMLInputElement && t.hasAttribute('data-select-all')) {
      document.querySelectorAll('input[type=checkbox][name=ids]').forEach(function (cb) { cb.checked = t.checked; });
    }
  });
})();
`;
