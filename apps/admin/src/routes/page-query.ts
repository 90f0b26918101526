import type { Context } from 'hono';
import { type BoardQuery, boardQuery } from '../board/board-query.ts';

/**
 * The list query of the page an htmx request came from (its HX-Current-URL), so a table rendered after a write
 * keeps the operator's filters, sort and page. Same origin only; anything else reads as the default list.
 */
export function pageQuery(c: Context): BoardQuery {
  const current = c.req.header('hx-current-url');
  let params = new URLSearchParams();
  if (current && URL.canParse(current)) {
    const url = new URL(current);
    if (url.origin === new URL(c.req.url).origin) params = url.searchParams;
  }
  return boardQuery((k) => params.get(k) ?? undefined);
}
