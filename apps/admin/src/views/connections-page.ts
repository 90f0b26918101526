import { API_TYPES, CONNECTION_STATES, EXCHANGE_NAMES, EXCHANGES } from '@cts/core';
import type { AdminSession } from '../auth/session.ts';
import { type BoardQuery, SORTS } from '../board/board-query.ts';
import { apiTypeLabel } from './format.ts';
import { type Html, html } from './html.ts';
import { layout } from './layout.ts';

function select(
  id: string,
  label: string,
  values: readonly string[],
  current: string | undefined,
  text: (v: string) => string,
  all = true,
): Html {
  return html`<div><label for="${id}">${label}</label><select id="${id}" name="${id}">
${all ? html`<option value="">All</option>` : ''}${values.map(
  (v) => html`<option value="${v}" ${v === current ? 'selected' : ''}>${text(v)}</option>`,
)}</select></div>`;
}

const SORT_LABELS: Record<string, string> = {
  worst: 'Worst first',
  name: 'Name',
  exchange: 'Exchange',
  last_test: 'Last tested',
};

/** The connections page: search, filters, sort and grouping; add and batch buttons; the panels; the live table. */
export function connectionsPage(p: {
  base: string;
  session: AdminSession;
  query: BoardQuery;
  table: Html;
}): Html {
  const canEdit = p.session.role === 'admin';
  const q = p.query;
  const body = html`<div class="toolbar">
<form class="filters" method="get" action="${p.base}/connections" hx-get="${p.base}/connections"
  hx-target="#connections-table" hx-select="#connections-table" hx-swap="outerHTML" hx-trigger="input delay:300ms, submit"
  hx-push-url="true" role="search" aria-label="Filter connections">
<div><label for="q">Search</label><input type="search" id="q" name="q" value="${q.q ?? ''}" placeholder="Name, exchange or key" autocomplete="off"></div>
${select('exchange', 'Exchange', EXCHANGES, q.exchange, (v) => EXCHANGE_NAMES[v as keyof typeof EXCHANGE_NAMES])}
${select('api_type', 'API type', API_TYPES, q.apiType, apiTypeLabel)}
${select('state', 'State', CONNECTION_STATES, q.state, (v) => v)}
${select('sort', 'Sort', SORTS, q.sort, (v) => SORT_LABELS[v] ?? v, false)}
<div class="check-cell"><label class="check"><input type="checkbox" name="group" value="exchange" ${q.group ? 'checked' : ''}> Group by exchange</label></div>
<noscript><button type="submit" class="btn">Filter</button></noscript>
</form>
${
  canEdit
    ? html`<div class="toolbar-actions"><button type="button" class="btn btn-primary" hx-get="${p.base}/connections/new" hx-target="#dialog-slot">Add connection</button>
<button type="submit" class="btn" form="batch-form" id="batch-test-button">Test selected</button></div>`
    : ''
}
</div>
<div id="batch-panel"></div>
<div id="test-panel"></div>
${p.table}`;
  return layout({ base: p.base, title: 'Connections', session: p.session, active: 'connections', body });
}
