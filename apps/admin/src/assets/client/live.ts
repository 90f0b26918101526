/**
 * Live regions (`[data-live-src]`): polled every `data-live-ms` with If-None-Match; a 304 changes nothing, a 200
 * replaces the region while keeping what the operator had: checked rows, open menus, focus, scroll. Paused while
 * the tab is hidden or a request of the region is in flight; `cts-refresh` polls at once.
 */
export const LIVE_SCRIPT = `
  function liveUrl(el) { return el.getAttribute('data-live-src') + location.search; }
  function keep(el) {
    var checked = {}, open = {};
    el.querySelectorAll('input[type=checkbox]:checked').forEach(function (cb) { checked[cb.name + '=' + cb.value] = 1; });
    el.querySelectorAll('details[open]').forEach(function (d) { if (d.id) open[d.id] = 1; });
    var active = document.activeElement;
    var focusId = active && el.contains(active) ? active.id || active.getAttribute('aria-label') : null;
    return { checked: checked, open: open, focus: focusId, all: !!el.querySelector('[data-select-all]:checked') };
  }
  function restore(el, kept) {
    el.querySelectorAll('input[type=checkbox]').forEach(function (cb) {
      if (kept.checked[cb.name + '=' + cb.value]) cb.checked = true;
    });
    el.querySelectorAll('details').forEach(function (d) { if (d.id && kept.open[d.id]) d.open = true; });
    if (kept.focus) {
      var f = document.getElementById(kept.focus) || el.querySelector('[aria-label="' + CSS.escape(kept.focus) + '"]');
      if (f) f.focus({ preventScroll: true });
    }
  }
  function poll(el) {
    if (el.__ctsBusy || !el.isConnected) return;
    if (el.querySelector('.htmx-request') || el.classList.contains('htmx-request')) return;
    el.__ctsBusy = true;
    fetch(liveUrl(el), { headers: { 'If-None-Match': el.getAttribute('data-etag') || '', 'X-CTS-Live': '1' },
      cache: 'no-store', credentials: 'same-origin' })
      .then(function (r) {
        if (r.status === 401) { location.reload(); return; }
        if (r.status !== 200) return;
        return r.text().then(function (text) {
          var t = document.createElement('template');
          t.innerHTML = text;
          var next = t.content.firstElementChild;
          var current = document.getElementById(el.id);
          if (!next || !current || next.id !== el.id) return;
          var kept = keep(current);
          current.replaceWith(next);
          restore(next, kept);
          if (window.htmx) window.htmx.process(next);
          relTimes(next);
          next.dispatchEvent(new CustomEvent('cts-live-updated', { bubbles: true }));
        });
      })
      .catch(function () {})
      .then(function () { el.__ctsBusy = false; });
  }
  function pollAll() {
    document.querySelectorAll('[data-live-src]').forEach(poll);
  }
  function schedule() {
    var el = document.querySelector('[data-live-src]');
    var ms = el ? Number(el.getAttribute('data-live-ms')) || 3000 : 3000;
    setTimeout(function () { if (!document.hidden) pollAll(); schedule(); }, ms);
  }
  document.addEventListener('cts-refresh', function () { setTimeout(pollAll, 50); });
  document.addEventListener('visibilitychange', function () { if (!document.hidden) pollAll(); });
  schedule();
`;
