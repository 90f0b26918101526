import type { ConnectionFilter, ConnectionRecord } from '@cts/core';
import { API_TYPES, CONNECTION_STATES, EXCHANGE_NAMES, EXCHANGES } from '@cts/core';
import type { AdminSession } from '../auth/session.ts';
import { connectionTable } from './connection-table.ts';
import { apiTypeLabel } from './format.ts';
import { type Html, html } from './html.ts';
import { layout } from './layout.ts';

function select(
  id: string,
  label: string,
  values: readonly string[],
  current: string | undefined,
  text: (v: string) => string,
): Html {
  return html`<div><label for="${id}">${label}</label><select id="${id}" name="${id}">
<option value="">All</option>${values.map(
    (v) => html`<option value="${v}" ${v === current ? 'selected' : ''}>${text(v)}</option>`,
  )}</select></div>`;
}

/** The connections page: filters, add and batch buttons, the test and batch panels, and the table. */
export function connectionsPage(p: {
  base: string;
  session: AdminSession;
  filter: ConnectionFilter;
  list: ConnectionRecord[];
  healthy: Map<string, boolean>;
}): Html {
  const canEdit = p.session.role === 'admin';
  const filtered = Object.values(p.filter).some((v) => v !== undefined);
  const body = html`<div class="toolbar">
<form class="filters" method="get" action="${p.base}/connections" hx-get="${p.base}/connections"
  hx-target="#connections-table" hx-select="#connections-table" hx-swap="outerHTML" hx-trigger="change, submit"
  hx-push-url="true" role="search" aria-label="Filter connections">
${select('exchange', 'Exchange', EXCHANGES, p.filter.exchange, (v) => EXCHANGE_NAMES[v as keyof typeof EXCHANGE_NAMES])}
${select('api_type', 'API type', API_TYPES, p.filter.apiType, apiTypeLabel)}
${select('state', 'State', CONNECTION_STATES, p.filter.state, (v) => v)}
<noscript><button type="submit" class="btn">Filter</button></noscript>
</form>
${
  canEdit
    ? html`<button type="button" class="btn btn-primary" hx-get="${p.base}/connections/new" hx-target="#dialog-slot">Add connection</button>
<button type="submit" class="btn" form="batch-form" id="batch-test-button">Test selected</button>`
    : ''
}
</div>
<div id="batch-panel"></div>
<div id="test-panel"></div>
${connectionTable(p.list, { base: p.base, canEdit, csrf: p.session.csrf, healthy: p.healthy, filtered })}`;
  return layout({ base: p.base, title: 'Connections', session: p.session, active: 'connections', body });
}
