import type { ConnectionHealth } from '@cts/core';
import { formatTime } from './format.ts';
import { type Html, html } from './html.ts';

/**
 * Why the breaker is in its state, in words: open until the probe; half-open probing; closed despite errors in a
 * row because those were auth errors (they never trip it: a retry cannot fix a key, so the connection goes to
 * error instead and waits for a new key or a manual test).
 */
export function breakerNote(h: ConnectionHealth, threshold: number): Html {
  if (h.breaker.state === 'open')
    return html`<div class="breaker-note">Open: calls are refused until the probe${
      h.breaker.nextProbeAt ? ` at ${formatTime(Date.parse(h.breaker.nextProbeAt))}` : ''
    } (${threshold} failures in a row, or the exchange asked to wait).</div>`;
  if (h.breaker.state === 'half_open')
    return html`<div class="breaker-note">Half-open: one probe call decides whether it closes.</div>`;
  if (h.errorCount >= threshold)
    return html`<div class="breaker-note" data-breaker-note>Still closed: these were auth errors, which never trip the breaker (a retry cannot fix a key); the connection goes to error until the key is fixed or tested again.</div>`;
  if (h.errorCount > 0)
    return html`<div class="breaker-note">Closed: opens after ${threshold} network, timeout or exchange failures in a row.</div>`;
  return html``;
}
