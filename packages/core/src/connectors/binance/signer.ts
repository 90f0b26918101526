import { ed25519Base64, rsaSha256Base64 } from '../../crypto/asymmetric.ts';
import { hmacSha256Hex } from '../../crypto/hmac.ts';
import type { HttpSpec } from '../shared/http.ts';
import type { Credentials } from '../types.ts';

/** Query or form parameters, in the order they are sent (Binance signs them as sent, unsorted). */
export type BinanceParams = ReadonlyArray<readonly [string, string]>;

export interface BinanceSignInput {
  method: HttpSpec['method'];
  /** Scheme + host (or the simulator root), no trailing slash: `https://api.binance.com`. */
  baseUrl: string;
  /** The real path: `/api/v3/account`. */
  path: string;
  params?: BinanceParams;
  credentials: Credentials;
  /** Epoch ms, already corrected by the clock offset. */
  timestamp: number;
  /** @default 5000 */
  recvWindowMs?: number;
}

/** `k=v&k=v` with keys and values percent-encoded (as Binance's official connector does), in the given order. */
export function binanceQuery(params: BinanceParams): string {
  return params.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&');
}

/**
 * The signature of a Binance payload: HMAC-SHA256 hex, or RSA-SHA256 / Ed25519 base64 then percent-encoded
 * (ready to append as `&signature=`). Source: binance-spot-api-docs rest-api.md, "SIGNED Endpoint security".
 */
export async function binanceSignature(payload: string, credentials: Credentials): Promise<string> {
  const keyType = credentials.keyType ?? 'hmac';
  if (keyType === 'hmac') return hmacSha256Hex(credentials.apiSecret, payload);
  const b64 =
    keyType === 'rsa'
      ? await rsaSha256Base64(credentials.apiSecret, payload)
      : await ed25519Base64(credentials.apiSecret, payload);
  return encodeURIComponent(b64);
}

/**
 * Signs a Binance REST request (spot /api, futures /fapi, margin /sapi). The payload is the parameters in the
 * order given, then `timestamp`, then `recvWindow` — unless the caller already placed either in `params`, in
 * which case its position and value are kept. GET/DELETE carry the payload in the query; POST/PUT in a form
 * body (the query is then empty). Pure: no clock, no network.
 */
export async function signBinanceRequest(input: BinanceSignInput): Promise<HttpSpec> {
  const params: [string, string][] = (input.params ?? []).map(([k, v]) => [k, v]);
  if (!params.some(([k]) => k === 'timestamp')) params.push(['timestamp', String(input.timestamp)]);
  if (!params.some(([k]) => k === 'recvWindow'))
    params.push(['recvWindow', String(input.recvWindowMs ?? 5000)]);
  const payload = binanceQuery(params);
  const signed = `${payload}&signature=${await binanceSignature(payload, input.credentials)}`;
  const headers: Record<string, string> = { 'X-MBX-APIKEY': input.credentials.apiKey };
  const inQuery = input.method === 'GET' || input.method === 'DELETE';
  if (!inQuery) headers['Content-Type'] = 'application/x-www-form-urlencoded';
  return {
    method: input.method,
    url: `${input.baseUrl}${input.path}${inQuery ? `?${signed}` : ''}`,
    headers,
    body: inQuery ? undefined : signed,
    path: input.path,
  };
}

/** An unsigned (public) Binance GET: `/api/v3/time`. */
export function binancePublicRequest(baseUrl: string, path: string, params: BinanceParams = []): HttpSpec {
  const query = binanceQuery(params);
  return { method: 'GET', url: `${baseUrl}${path}${query ? `?${query}` : ''}`, headers: {}, path };
}
