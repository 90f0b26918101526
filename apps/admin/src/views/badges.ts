import type { ConnectionState } from '@cts/core';
import { type Html, html } from './html.ts';

const STATE_CLASS: Record<ConnectionState, string> = {
  active: 'badge-ok',
  testing: '',
  paused: 'badge-warn',
  error: 'badge-err',
  disabled: 'badge-muted',
};

/** The connection's state, as a badge. */
export function stateBadge(state: ConnectionState): Html {
  return html`<span class="badge ${STATE_CLASS[state]}" data-state="${state}">${state}</span>`;
}

export type HealthLabel = 'healthy' | 'unhealthy' | 'untested' | 'off';

/** Health as a badge: from the health report when there is one, else from the last test. */
export function healthBadge(label: HealthLabel, title?: string): Html {
  const cls = label === 'healthy' ? 'badge-ok' : label === 'unhealthy' ? 'badge-err' : 'badge-muted';
  return html`<span class="badge ${cls}" data-health="${label}" ${title ? html`title="${title}"` : ''}>${label}</span>`;
}
