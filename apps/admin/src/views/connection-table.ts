import type { ConnectionRecord } from '@cts/core';
import { connectionRow, type RowContext } from './connection-row.ts';
import { type Html, html } from './html.ts';

/** The connections table (and the empty batch form its checkboxes belong to); `oob` for an out-of-band refresh. */
export function connectionTable(
  list: ConnectionRecord[],
  ctx: RowContext & { csrf: string; healthy: Map<string, boolean>; filtered: boolean },
  oob = false,
): Html {
  return html`<div id="connections-table" ${oob ? html`hx-swap-oob="true"` : ''}>
<form id="batch-form" method="post" action="${ctx.base}/batches" hx-post="${ctx.base}/batches" hx-target="#batch-panel"
  hx-swap="innerHTML show:#batch-panel:top"><input type="hidden" name="_csrf" value="${ctx.csrf}"></form>
<p class="muted" id="connection-count">${list.length} connection${list.length === 1 ? '' : 's'}${ctx.filtered ? ' match the filters' : ''}</p>
<table class="data cards">
<thead><tr>
<th scope="col"><input type="checkbox" data-select-all aria-label="Select all connections"></th>
<th scope="col">Name</th><th scope="col">Exchange</th><th scope="col">API type</th><th scope="col">State</th>
<th scope="col">Health</th><th scope="col">Last test</th><th scope="col">Actions</th>
</tr></thead>
<tbody>
${
  list.length === 0
    ? html`<tr><td colspan="8" class="muted">No connections${ctx.filtered ? ' match these filters' : ' yet: add one'}.</td></tr>`
    : list.map((c) => connectionRow(c, ctx, ctx.healthy.get(c.id)))
}
</tbody>
</table>
</div>`;
}
