import type { ConnectionAction, ConnectionRecord } from '@cts/core';
import { allowedEvents, EXCHANGE_NAMES } from '@cts/core';
import { type HealthLabel, healthBadge, stateBadge } from './badges.ts';
import { apiTypeLabel, formatAmount, formatTime } from './format.ts';
import { type Html, html } from './html.ts';

const ACTIONS: readonly ConnectionAction[] = ['enable', 'pause', 'resume', 'disable'];
const ACTION_LABELS: Record<ConnectionAction, string> = {
  enable: 'Enable',
  pause: 'Pause',
  resume: 'Resume',
  disable: 'Disable',
};

export interface RowContext {
  base: string;
  canEdit: boolean;
}

/** The health label: 'off' when disabled, else the health report's verdict when known, else the last test's. */
export function healthOf(c: ConnectionRecord, healthy?: boolean): HealthLabel {
  if (c.state === 'disabled') return 'off';
  if (c.last_test_at === null) return 'untested';
  if (healthy !== undefined) return healthy ? 'healthy' : 'unhealthy';
  return c.last_test_success ? 'healthy' : 'unhealthy';
}

/**
 * One connection: a table row on a desktop, a card on a phone (labels from data-label). `oob` marks it for an
 * out-of-band swap (wrapped in <template> by the caller).
 */
export function connectionRow(c: ConnectionRecord, ctx: RowContext, healthy?: boolean, oob = false): Html {
  const url = `${ctx.base}/connections/${encodeURIComponent(c.id)}`;
  const actions = ACTIONS.filter((a) => allowedEvents(c.state).includes(a));
  return html`<tr id="conn-${c.id}" data-connection-id="${c.id}" ${oob ? html`hx-swap-oob="true"` : ''}>
<td data-label="Select"><input type="checkbox" name="ids" value="${c.id}" form="batch-form" aria-label="Select ${c.name}"></td>
<td data-label="Name"><strong class="conn-name">${c.name}</strong><div class="muted mono">${c.api_key_masked}</div></td>
<td data-label="Exchange">${EXCHANGE_NAMES[c.exchange]} ${c.is_testnet ? html`<span class="badge badge-muted">${c.environment}</span>` : ''}</td>
<td data-label="API type">${apiTypeLabel(c.api_type)}${
    c.margin_type ? html`<div class="muted">${c.margin_type}, ${c.position_mode ?? '—'}</div>` : ''
  }</td>
<td data-label="State">${stateBadge(c.state)}</td>
<td data-label="Health">${healthBadge(healthOf(c, healthy), c.last_error?.code)}</td>
<td data-label="Last test"><div>${formatTime(c.last_test_at)}</div><div class="muted">${formatAmount(c.last_balance, c.last_balance_currency)}</div></td>
<td data-label="Actions"><div class="actions">
${
  ctx.canEdit
    ? html`<button type="button" class="btn btn-small btn-primary" hx-post="${url}/test" hx-target="#test-panel"
  hx-swap="innerHTML show:#test-panel:top" aria-label="Test ${c.name}">Test</button>
<button type="button" class="btn btn-small" hx-get="${url}/edit" hx-target="#dialog-slot" aria-label="Edit ${c.name}">Edit</button>
${actions.map(
  (
    a,
  ) => html`<button type="button" class="btn btn-small" hx-post="${url}/actions/${a}" hx-vals='{"version":"${c.version}"}'
  hx-target="closest tr" hx-swap="outerHTML" aria-label="${ACTION_LABELS[a]} ${c.name}">${ACTION_LABELS[a]}</button>`,
)}
<button type="button" class="btn btn-small btn-danger" hx-delete="${url}" hx-target="closest tr" hx-swap="outerHTML"
  hx-confirm="Delete the connection “${c.name}”? Its keys, test results and health history go with it."
  aria-label="Delete ${c.name}">Delete</button>`
    : html`<span class="muted">view only</span>`
}
</div></td>
</tr>`;
}
