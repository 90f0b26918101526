import { hmacSha256Hex } from '../../crypto/hmac.ts';
import type { HttpSpec } from '../shared/http.ts';

/** Query parameters of a Pionex request. */
export type PionexQuery = Readonly<Record<string, string | number | boolean>>;

/** `k=v` pairs sorted by key in ascending ASCII order, joined with `&`; values URL-encoded only when `encode`. */
export function pionexSortedQuery(query: PionexQuery, encode: boolean): string {
  return Object.keys(query)
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    .map((k) => `${k}=${encode ? encodeURIComponent(String(query[k])) : String(query[k])}`)
    .join('&');
}

/**
 * The string Pionex signs: METHOD + PATH + '?' + sorted unencoded query (timestamp included), then the raw
 * body when there is one (PX-OAS; pionex-doc.gitbook.io "Authentication").
 */
export function pionexPrehash(method: string, path: string, query: PionexQuery, body?: string): string {
  return `${method}${path}?${pionexSortedQuery(query, false)}${body ?? ''}`;
}

export interface PionexSignInput {
  method: HttpSpec['method'];
  /** Base URL without trailing slash (restBaseUrl). */
  baseUrl: string;
  path: string;
  /** Endpoint query parameters; `timestamp` is added. @default {} */
  query?: PionexQuery;
  /** JSON body for POST/DELETE; signed exactly as sent. */
  body?: unknown;
  apiKey: string;
  apiSecret: string;
  /** Epoch ms, already corrected by the clock offset. */
  timestamp: number;
}

/** Signs a private Pionex request: `timestamp` in the query, PIONEX-KEY and PIONEX-SIGNATURE (hex) headers. Pure. */
export async function signPionexRequest(input: PionexSignInput): Promise<HttpSpec> {
  const query: PionexQuery = { ...input.query, timestamp: input.timestamp };
  const body = input.body === undefined ? undefined : JSON.stringify(input.body);
  const signature = await hmacSha256Hex(
    input.apiSecret,
    pionexPrehash(input.method, input.path, query, body),
  );
  const headers: Record<string, string> = { 'PIONEX-KEY': input.apiKey, 'PIONEX-SIGNATURE': signature };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  return {
    method: input.method,
    url: `${input.baseUrl}${input.path}?${pionexSortedQuery(query, true)}`,
    headers,
    body,
    path: input.path,
  };
}
