import { rsaSha256Base64 } from '../../crypto/asymmetric.ts';
import { hmacSha256Hex } from '../../crypto/hmac.ts';
import type { HttpSpec } from '../shared/http.ts';
import type { Credentials } from '../types.ts';

/** Query parameters in the order they are sent (Bybit signs the query string as sent, unsorted). */
export type BybitParams = ReadonlyArray<readonly [string, string]>;

export interface BybitSignInput {
  method: HttpSpec['method'];
  /** Scheme + host (or the simulator root), no trailing slash: `https://api.bybit.com`. */
  baseUrl: string;
  /** The real path: `/v5/account/wallet-balance`. */
  path: string;
  /** GET query parameters. */
  params?: BybitParams;
  /** POST body: the exact JSON text that is sent and signed. */
  body?: string;
  credentials: Credentials;
  /** Epoch ms, already corrected by the clock offset. */
  timestamp: number;
  /** @default 5000 */
  recvWindowMs?: number;
}

/** `k=v&k=v`, values percent-encoded, in the given order. */
export function bybitQuery(params: BybitParams): string {
  return params.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&');
}

/** HMAC-SHA256 lowercase hex (system-generated keys) or RSA-SHA256 base64 (self-generated RSA keys). */
export async function bybitSignature(payload: string, credentials: Credentials): Promise<string> {
  return (credentials.keyType ?? 'hmac') === 'rsa'
    ? rsaSha256Base64(credentials.apiSecret, payload)
    : hmacSha256Hex(credentials.apiSecret, payload);
}

/**
 * Signs a Bybit V5 request: the string to sign is timestamp + apiKey + recvWindow + (query string for GET,
 * JSON body for POST), per bybit-exchange/docs v5 guide. `X-BAPI-SIGN-TYPE: 2` is sent as in the official
 * examples. Pure: no clock, no network.
 */
export async function signBybitRequest(input: BybitSignInput): Promise<HttpSpec> {
  const recvWindow = String(input.recvWindowMs ?? 5000);
  const timestamp = String(input.timestamp);
  const isGet = input.method === 'GET' || input.method === 'DELETE';
  const query = bybitQuery(input.params ?? []);
  const signed = isGet ? query : (input.body ?? '');
  const payload = timestamp + input.credentials.apiKey + recvWindow + signed;
  const headers: Record<string, string> = {
    'X-BAPI-API-KEY': input.credentials.apiKey,
    'X-BAPI-TIMESTAMP': timestamp,
    'X-BAPI-RECV-WINDOW': recvWindow,
    'X-BAPI-SIGN': await bybitSignature(payload, input.credentials),
    'X-BAPI-SIGN-TYPE': '2',
  };
  if (!isGet) headers['Content-Type'] = 'application/json';
  return {
    method: input.method,
    url: `${input.baseUrl}${input.path}${query ? `?${query}` : ''}`,
    headers,
    body: isGet ? undefined : (input.body ?? ''),
    path: input.path,
  };
}

/** An unsigned (public) Bybit GET: `/v5/market/time`. */
export function bybitPublicRequest(baseUrl: string, path: string, params: BybitParams = []): HttpSpec {
  const query = bybitQuery(params);
  return { method: 'GET', url: `${baseUrl}${path}${query ? `?${query}` : ''}`, headers: {}, path };
}
