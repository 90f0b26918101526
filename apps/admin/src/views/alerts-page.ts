import type { ChannelView, DeliveryView } from '@cts/core';
import { CHANNEL_TYPES, SEVERITIES } from '@cts/core';
import type { AdminSession } from '../auth/session.ts';
import { type Html, html } from './html.ts';
import { layout } from './layout.ts';
import { timeAgo } from './time-ago.ts';

const STATUS_BADGE = {
  delivered: 'badge-ok',
  pending: 'badge-warn',
  sending: 'badge-warn',
  failed: 'badge-err',
};

/** The channels: type, masked destination, filters; admins can send a test alert or delete. */
export function channelsTable(p: { base: string; session: AdminSession; channels: ChannelView[] }): Html {
  const admin = p.session.role === 'admin';
  return html`<table class="data cards plain" id="alert-channels">
<thead><tr><th scope="col">Channel</th><th scope="col">Destination</th><th scope="col">Sends</th><th scope="col">Actions</th></tr></thead>
<tbody>${
    p.channels.length === 0
      ? html`<tr><td colspan="4" class="muted">No alert channels yet.</td></tr>`
      : p.channels.map(
          (c) => html`<tr data-channel-id="${c.id}">
<td data-label="Channel"><strong>${c.name}</strong> <span class="badge badge-muted">${c.type}</span>${c.enabled ? '' : html` <span class="badge badge-warn">off</span>`}</td>
<td data-label="Destination">${c.url ?? c.bot_token ?? '—'}${c.chat_id ? html` → ${c.chat_id}` : ''}</td>
<td data-label="Sends">${c.min_severity}+${c.events.length ? html`, ${c.events.join(', ')}` : ''}${c.exchanges.length ? html`, ${c.exchanges.join(', ')}` : ''}</td>
<td data-label="Actions">${
            admin
              ? html`<button type="button" class="btn btn-small" hx-post="${p.base}/alerts/channels/${c.id}/test"
  hx-target="#alert-deliveries" hx-swap="outerHTML" aria-label="Send a test alert to ${c.name}">Send test</button>
<button type="button" class="btn btn-small btn-danger" hx-post="${p.base}/alerts/channels/${c.id}/delete"
  hx-target="#alert-channels" hx-swap="outerHTML" hx-confirm="Delete the channel ${c.name}?" data-confirm-label="Delete"
  aria-label="Delete ${c.name}">Delete</button>`
              : ''
          }</td></tr>`,
        )
  }</tbody></table>`;
}

/** Recent deliveries, newest first; refreshes itself while the page is open. */
export function deliveriesTable(p: {
  base: string;
  deliveries: DeliveryView[];
  channels: ChannelView[];
}): Html {
  const names = new Map(p.channels.map((c) => [c.id, c.name]));
  return html`<table class="data cards plain" id="alert-deliveries" hx-get="${p.base}/alerts/deliveries"
  hx-trigger="every 1s" hx-swap="outerHTML">
<thead><tr><th scope="col">Alert</th><th scope="col">Channel</th><th scope="col">Status</th><th scope="col">Attempts</th><th scope="col">When</th></tr></thead>
<tbody>${
    p.deliveries.length === 0
      ? html`<tr><td colspan="5" class="muted">Nothing sent yet.</td></tr>`
      : p.deliveries.map(
          (d) => html`<tr data-delivery-id="${d.id}" data-status="${d.status}">
<td data-label="Alert">${d.title} <span class="muted">(${d.kind})</span></td>
<td data-label="Channel">${names.get(d.channel_id) ?? d.channel_id}</td>
<td data-label="Status"><span class="badge ${STATUS_BADGE[d.status]}">${d.status}</span>${d.last_error ? html`<div class="muted">${d.last_error}</div>` : ''}</td>
<td data-label="Attempts">${d.attempts}</td>
<td data-label="When">${timeAgo(d.delivered_at ?? d.created_at)}</td></tr>`,
        )
  }</tbody></table>`;
}

function addForm(base: string): Html {
  const field = (name: string, label: string, type = 'text', hint = '') =>
    html`<label for="a-${name}">${label}</label><input id="a-${name}" name="${name}" type="${type}" autocomplete="off">${hint ? html`<p class="hint">${hint}</p>` : ''}`;
  return html`<form id="alert-channel-form" method="post" action="${base}/alerts/channels" hx-post="${base}/alerts/channels"
  hx-target="#alert-channels" hx-swap="outerHTML" class="stack">
<label for="a-type">Type</label><select id="a-type" name="type">${CHANNEL_TYPES.map((t) => html`<option value="${t}">${t}</option>`)}</select>
${field('name', 'Name')}
${field('url', 'Webhook or topic URL', 'url', 'webhook, Slack, Discord: the webhook URL; ntfy: the topic URL. Stored encrypted, shown masked.')}
${field('bot_token', 'Telegram bot token', 'password')}
${field('chat_id', 'Telegram chat id')}
<label for="a-min_severity">Lowest severity</label><select id="a-min_severity" name="min_severity">${SEVERITIES.map((s) => html`<option value="${s}" ${s === 'warning' ? 'selected' : ''}>${s}</option>`)}</select>
<button type="submit" class="btn btn-primary">Add channel</button></form>`;
}

export function alertsPage(p: {
  base: string;
  session: AdminSession;
  channels: Html;
  deliveries: Html;
  configured: boolean;
}): Html {
  const body = p.configured
    ? html`<p class="muted">Where CTS sends alerts: a connection in error or paused, bans, key expiry, clock offset, failed batches. One alert while a condition holds, a reminder later, and a message when it clears.</p>
<h2>Channels</h2>${p.channels}
${p.session.role === 'admin' ? html`<details><summary>Add a channel</summary>${addForm(p.base)}</details>` : ''}
<h2>Recent deliveries</h2>${p.deliveries}`
    : html`<p class="muted">Alerts are not configured on this host (its storage has no alert store).</p>`;
  return layout({ base: p.base, title: 'Alerts', session: p.session, active: 'alerts', body });
}
