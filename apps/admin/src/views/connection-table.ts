import type { ConnectionHealth, ConnectionRecord } from '@cts/core';
import { EXCHANGE_NAMES } from '@cts/core';
import { raw } from 'hono/html';
import { type BoardQuery, isFiltered, PAGE_SIZE, pageSlice, queryString } from '../board/board-query.ts';
import { connectionRow, type RowContext } from './connection-row.ts';
import { type Html, html } from './html.ts';

export interface TableContext extends RowContext {
  csrf: string;
  health: Map<string, ConnectionHealth>;
  query: BoardQuery;
}

function pager(ctx: TableContext, pages: number): Html {
  if (pages <= 1) return html``;
  const page = Math.min(ctx.query.page, pages);
  const link = (n: number, text: string, rel: string) => {
    const href = `${ctx.base}/connections${queryString(ctx.query, { page: n })}`;
    return html`<a class="btn btn-small" rel="${rel}" href="${href}" hx-get="${href}" hx-target="#connections-table"
  hx-select="#connections-table" hx-swap="outerHTML" hx-push-url="true">${text}</a>`;
  };
  return html`<nav class="pager" aria-label="Pages">${page > 1 ? link(page - 1, 'Previous', 'prev') : ''}
<span>Page ${page} of ${pages}</span>${page < pages ? link(page + 1, 'Next', 'next') : ''}</nav>`;
}

function rows(list: ConnectionRecord[], ctx: TableContext): Html[] {
  const out: Html[] = [];
  let group: string | undefined;
  for (const c of list) {
    if (ctx.query.group && c.exchange !== group) {
      group = c.exchange;
      out.push(
        html`<tr class="group-row"><th colspan="5" scope="colgroup" data-group="${c.exchange}">${EXCHANGE_NAMES[c.exchange]}</th></tr>`,
      );
    }
    out.push(connectionRow(c, ctx, ctx.health.get(c.id)));
  }
  return out;
}

/**
 * The body of the live connections table: the batch form its checkboxes belong to, the count, the rows of the
 * current page (already ranked), the pager. `total` counts every match across pages.
 */
export function connectionTableBody(ranked: ConnectionRecord[], ctx: TableContext): Html {
  const total = ranked.length;
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const page = Math.min(ctx.query.page, pages);
  const list = pageSlice(ranked, page);
  const filtered = isFiltered(ctx.query);
  const failing = ranked.filter((c) => c.state === 'error' || c.state === 'paused').length;
  return html`<form id="batch-form" method="post" action="${ctx.base}/batches" hx-post="${ctx.base}/batches" hx-target="#batch-panel"
  hx-swap="innerHTML show:#batch-panel:top"><input type="hidden" name="_csrf" value="${ctx.csrf}"></form>
<p class="muted" id="connection-count">${total} connection${total === 1 ? '' : 's'}${filtered ? ' match' : ''}${
    failing ? html` · <strong class="text-err">${failing} in error or paused</strong>` : ''
  }${pages > 1 ? ` · showing ${(page - 1) * PAGE_SIZE + 1}–${(page - 1) * PAGE_SIZE + list.length}` : ''}</p>
<table class="data cards conn-table">
<thead><tr>
<th scope="col"><input type="checkbox" data-select-all aria-label="Select all connections on this page"></th>
<th scope="col">Connection</th><th scope="col">Status</th><th scope="col">Last test</th><th scope="col">Actions</th>
</tr></thead>
<tbody>
${
  list.length === 0
    ? html`<tr><td colspan="5" class="muted">No connections${filtered ? ' match these filters' : ' yet: add one'}.</td></tr>`
    : rows(list, ctx)
}
</tbody>
</table>
${pager(ctx, pages)}`;
}

/** The live region around the table: admin.js polls `src` (with the page's query) and swaps on a new ETag. */
export function liveRegion(id: string, src: string, etag: string, body: string, liveMs: number): Html {
  return html`<div id="${id}" data-live-src="${src}" data-etag="${etag}" data-live-ms="${liveMs}">${raw(body)}</div>`;
}
