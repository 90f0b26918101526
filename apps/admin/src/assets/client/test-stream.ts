/**
 * Test buttons (`[data-test-url]`): POST with the session's CSRF token and read the server-sent events of the reply
 * as they arrive — `panel` replaces #test-panel, `step` appends a line to its log — then refresh the live list.
 */
export const TEST_STREAM_SCRIPT = `
  function csrfToken() {
    try { return JSON.parse(document.body.getAttribute('hx-headers') || '{}')['X-CSRF-Token'] || ''; }
    catch (e) { return ''; }
  }
  function onEvent(name, data) {
    var panel = document.getElementById('test-panel');
    if (!panel) return;
    if (name === 'panel') {
      panel.innerHTML = data;
      if (window.htmx) window.htmx.process(panel);
    } else if (name === 'step') {
      var log = panel.querySelector('[data-steps]');
      if (!log) return;
      var li = document.createElement('li');
      li.setAttribute('data-step', '');
      li.textContent = data;
      log.appendChild(li);
      log.scrollTop = log.scrollHeight;
    } else if (name === 'end') {
      document.dispatchEvent(new CustomEvent('cts-refresh'));
    }
  }
  function parse(buffer) {
    var events = buffer.split('\\n\\n');
    var rest = events.pop();
    events.forEach(function (block) {
      var name = 'message', data = [];
      block.split('\\n').forEach(function (line) {
        if (line.indexOf('event: ') === 0) name = line.slice(7);
        else if (line.indexOf('data: ') === 0) data.push(line.slice(6));
        else if (line === 'data:') data.push('');
      });
      onEvent(name, data.join('\\n'));
    });
    return rest;
  }
  function runTest(button) {
    var panel = document.getElementById('test-panel');
    button.disabled = true;
    fetch(button.getAttribute('data-test-url'), { method: 'POST', credentials: 'same-origin',
      headers: { 'X-CSRF-Token': csrfToken(), Accept: 'text/event-stream' } })
      .then(function (r) {
        if (r.status === 401) { location.reload(); return; }
        var type = r.headers.get('content-type') || '';
        if (!r.ok || type.indexOf('text/event-stream') !== 0)
          return r.text().then(function (text) { showFlash('error', text); });
        if (panel) panel.scrollIntoView({ block: 'start' });
        var reader = r.body.getReader(), decoder = new TextDecoder(), buffer = '';
        function pump() {
          return reader.read().then(function (chunk) {
            if (chunk.done) { parse(buffer + '\\n\\n'); return; }
            buffer = parse(buffer + decoder.decode(chunk.value, { stream: true }));
            return pump();
          });
        }
        return pump();
      })
      .catch(function () { showFlash('error', 'The test was cut off (network). Run it again.'); })
      .then(function () { button.disabled = false; });
  }
  document.addEventListener('click', function (e) {
    var t = e.target;
    var button = t instanceof Element ? t.closest('[data-test-url]') : null;
    if (button) { e.preventDefault(); runTest(button); }
  });
`;
