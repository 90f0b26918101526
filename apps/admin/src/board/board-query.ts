import type { ApiType, ConnectionState, ExchangeId } from '@cts/core';
import { API_TYPES, CONNECTION_STATES, isApiType, isExchangeId } from '@cts/core';

export const SORTS = ['worst', 'name', 'exchange', 'last_test'] as const;
export type Sort = (typeof SORTS)[number];

/** Rows per page: a page is also the largest batch (the API's MAX_BATCH_IDS), so "select all" fits one batch. */
export const PAGE_SIZE = 50;

/** What the operator asked the list for, from the query string (unknown values are ignored, not refused). */
export interface BoardQuery {
  exchange?: ExchangeId;
  apiType?: ApiType;
  state?: ConnectionState;
  /** Free text matched against name, exchange and masked key (case-insensitive). */
  q?: string;
  /** @default 'worst' */
  sort: Sort;
  /** Group rows under their exchange. @default false */
  group: boolean;
  /** 1-based page. @default 1 */
  page: number;
}

/** Reads a BoardQuery from query parameters. */
export function boardQuery(get: (k: string) => string | undefined): BoardQuery {
  const query: BoardQuery = { sort: 'worst', group: get('group') === 'exchange', page: 1 };
  const exchange = get('exchange');
  const apiType = get('api_type');
  const state = get('state');
  if (isExchangeId(exchange)) query.exchange = exchange;
  if (isApiType(apiType) && (API_TYPES as readonly string[]).includes(apiType)) query.apiType = apiType;
  if (state && (CONNECTION_STATES as readonly string[]).includes(state))
    query.state = state as ConnectionState;
  const q = get('q')?.trim().slice(0, 100);
  if (q) query.q = q;
  const sort = get('sort');
  if (sort && (SORTS as readonly string[]).includes(sort)) query.sort = sort as Sort;
  const page = Number(get('page'));
  if (Number.isInteger(page) && page > 1 && page < 1_000_000) query.page = page;
  return query;
}

/** The query string of `query` with `changes` applied (defaults left out), for links that keep the filters. */
export function queryString(query: BoardQuery, changes: Partial<BoardQuery> = {}): string {
  const q = { ...query, ...changes };
  const params = new URLSearchParams();
  if (q.exchange) params.set('exchange', q.exchange);
  if (q.apiType) params.set('api_type', q.apiType);
  if (q.state) params.set('state', q.state);
  if (q.q) params.set('q', q.q);
  if (q.sort !== 'worst') params.set('sort', q.sort);
  if (q.group) params.set('group', 'exchange');
  if (q.page > 1) params.set('page', String(q.page));
  const s = params.toString();
  return s ? `?${s}` : '';
}

/** Whether anything narrows the list (filters or search). */
export function isFiltered(query: BoardQuery): boolean {
  return Boolean(query.exchange || query.apiType || query.state || query.q);
}

/** The rows of 1-based `page` (the last page when `page` is past the end). */
export function pageSlice<T>(rows: T[], page: number): T[] {
  const pages = Math.max(1, Math.ceil(rows.length / PAGE_SIZE));
  const p = Math.min(page, pages);
  return rows.slice((p - 1) * PAGE_SIZE, p * PAGE_SIZE);
}
