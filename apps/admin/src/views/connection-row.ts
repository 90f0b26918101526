import type { ConnectionAction, ConnectionHealth, ConnectionRecord } from '@cts/core';
import { allowedEvents, EXCHANGE_NAMES } from '@cts/core';
import { hintForForm } from '../forms/hint-labels.ts';
import { type HealthLabel, healthBadge, stateBadge } from './badges.ts';
import { apiTypeLabel, formatAmount } from './format.ts';
import { type Html, html } from './html.ts';
import { keyBadges } from './key-badges.ts';
import { timeAgo } from './time-ago.ts';

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
export function healthOf(c: ConnectionRecord, health?: ConnectionHealth): HealthLabel {
  if (c.state === 'disabled') return 'off';
  if (c.last_test_at === null) return 'untested';
  if (health !== undefined) return health.healthy ? 'healthy' : 'unhealthy';
  return c.last_test_success ? 'healthy' : 'unhealthy';
}

/** Why a connection is in error, paused or failing, with the hint: shown inline, not behind a click. */
function reason(c: ConnectionRecord, health?: ConnectionHealth): Html {
  const failing = c.state === 'error' || c.state === 'paused' || c.last_test_success === false;
  if (!failing) return html``;
  const e = c.last_error;
  if (!e) {
    const why =
      c.state === 'paused' && health?.breaker.state !== 'closed'
        ? 'Paused by the circuit breaker after repeated failures; a probe follows the cool-down.'
        : c.state === 'paused'
          ? 'Paused by an operator.'
          : 'The last test failed.';
    return html`<div class="reason" data-reason>${why}</div>`;
  }
  return html`<div class="reason" data-reason><span class="mono">${e.code}</span>: ${e.message}${
    e.hint
      ? html`<div class="hint-inline" data-hint><strong>What to do:</strong> ${hintForForm(e.hint)}</div>`
      : ''
  }</div>`;
}

/** The secondary actions, in a menu: edit, the state moves the state machine allows now, delete. */
function menu(c: ConnectionRecord, url: string): Html {
  const actions = ACTIONS.filter((a) => allowedEvents(c.state).includes(a));
  const label = (a: ConnectionAction) => (a === 'enable' && c.state === 'error' ? 'Retry' : ACTION_LABELS[a]);
  return html`<details class="menu" id="menu-${c.id}"><summary class="btn btn-small" aria-label="More actions for ${c.name}">More</summary>
<div class="menu-items">
<button type="button" class="btn btn-small" hx-get="${url}/edit" hx-target="#dialog-slot" aria-label="Edit ${c.name}">Edit</button>
${actions.map(
  (a) => html`<button type="button" class="btn btn-small" hx-post="${url}/actions/${a}" hx-target="closest tr"
  hx-swap="outerHTML" aria-label="${label(a)} ${c.name}">${label(a)}</button>`,
)}
<button type="button" class="btn btn-small btn-danger" hx-delete="${url}" hx-target="closest tr" hx-swap="outerHTML"
  hx-confirm="Delete the connection “${c.name}”? Its keys, test results and health history go with it."
  data-confirm-label="Delete" aria-label="Delete ${c.name}">Delete</button>
</div></details>`;
}

/**
 * One connection as a compact row (a card on a phone): name with its badges and, when it fails, the reason and the
 * hint; state and health; the last test relative to now; Test, and the other actions in a menu. `oob` marks it for
 * an out-of-band swap (wrapped in <template> by the caller).
 */
export function connectionRow(
  c: ConnectionRecord,
  ctx: RowContext,
  health?: ConnectionHealth,
  oob = false,
): Html {
  const url = `${ctx.base}/connections/${encodeURIComponent(c.id)}`;
  return html`<tr id="conn-${c.id}" data-connection-id="${c.id}" data-row-state="${c.state}" ${oob ? html`hx-swap-oob="true"` : ''}>
<td data-label="Select"><input type="checkbox" name="ids" value="${c.id}" form="batch-form" aria-label="Select ${c.name}"></td>
<td data-label="Connection"><strong class="conn-name">${c.name}</strong>
<span class="muted">${EXCHANGE_NAMES[c.exchange]} · ${apiTypeLabel(c.api_type)}${c.margin_type ? `, ${c.margin_type}` : ''}${c.is_testnet ? ` · ${c.environment}` : ''}${c.region && c.region !== 'global' ? ` · ${c.region.toUpperCase()}` : ''}</span>
<span class="muted mono">${c.api_key_masked}</span> ${keyBadges(c.key_audit ?? null, health?.maintenance ?? null)}
${reason(c, health)}</td>
<td data-label="Status">${stateBadge(c.state)} ${healthBadge(healthOf(c, health))}</td>
<td data-label="Last test">${timeAgo(c.last_test_at)}<div class="muted">${formatAmount(c.last_balance, c.last_balance_currency)}</div></td>
<td data-label="Actions"><div class="actions">
${
  ctx.canEdit
    ? html`<button type="button" class="btn btn-small btn-primary" data-test-url="${url}/test" aria-label="Test ${c.name}">Test</button>${menu(c, url)}`
    : html`<span class="muted">view only</span>`
}
</div></td>
</tr>`;
}
