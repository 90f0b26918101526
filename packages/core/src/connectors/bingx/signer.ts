import { hmacSha256Hex } from '../../crypto/hmac.ts';
import type { HttpSpec } from '../shared/http.ts';

/** A request parameter value as BingX takes it. */
export type BingxParamValue = string | number | boolean;

/** A value the 2026 guide sends URL-encoded: one holding `[` or `{` (a JSON list or object). */
const needsEncoding = (value: string) => /[[{]/.test(value);

/**
 * BingX's signing order (official 2026 guide, reference 2026 §7): every parameter sorted in ASCII order by
 * name. Stable for equal names.
 */
export function sortBingxParams<T extends readonly [string, BingxParamValue]>(params: ReadonlyArray<T>): T[] {
  return [...params].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

/** The string BingX signs: `k=v&k=v` with the values unencoded, in the order given. */
export function bingxSignedString(params: ReadonlyArray<readonly [string, BingxParamValue]>): string {
  return params.map(([k, v]) => `${k}=${String(v)}`).join('&');
}

/**
 * The string BingX receives, in the same order: values holding `[` or `{` URL-encoded (the 2026 guide),
 * the others as signed (keys never encoded). For the plain values our calls use it is the signed string.
 */
export function bingxParamString(params: ReadonlyArray<readonly [string, BingxParamValue]>): string {
  return params
    .map(([k, v]) => `${k}=${needsEncoding(String(v)) ? encodeURIComponent(String(v)) : String(v)}`)
    .join('&');
}

/**
 * HMAC-SHA256 hex of the parameters as sent. With parameters in both query and form body, BingX signs
 * `query + body` with no separator (the BX-V2 worked example).
 */
export function bingxSignature(secret: string, query: string, body = ''): Promise<string> {
  return hmacSha256Hex(secret, query + body);
}

export interface BingxSignInput {
  method: HttpSpec['method'];
  /** Base URL without trailing slash (restBaseUrl). */
  baseUrl: string;
  /** The real path, e.g. `/openApi/swap/v3/user/balance`. */
  path: string;
  /** Endpoint parameters (signed and sent sorted by name). @default [] */
  params?: ReadonlyArray<readonly [string, BingxParamValue]>;
  apiKey: string;
  apiSecret: string;
  /** Epoch ms, already corrected by the clock offset. */
  timestamp: number;
  /** Omitted from the request when undefined. */
  recvWindowMs?: number;
}

/** The largest `recvWindow` BingX takes (official 2026 guide, reference 2026 §7). */
export const BINGX_MAX_RECV_WINDOW_MS = 5000;

/**
 * Signs a private BingX query-string request the 2026 way: the endpoint's parameters, `recvWindow` and
 * `timestamp`, all sorted in ASCII order by name, signed unencoded and sent in that same order, then
 * `&signature=`. Sorted and unencoded is valid under both the older "as sent" reading and the new one.
 * Pure: same input, same output.
 */
export async function signBingxRequest(input: BingxSignInput): Promise<HttpSpec> {
  const params: Array<readonly [string, BingxParamValue]> = [...(input.params ?? [])];
  if (input.recvWindowMs !== undefined) params.push(['recvWindow', input.recvWindowMs]);
  params.push(['timestamp', input.timestamp]);
  const sorted = sortBingxParams(params);
  const signature = await bingxSignature(input.apiSecret, bingxSignedString(sorted));
  return {
    method: input.method,
    url: `${input.baseUrl}${input.path}?${bingxParamString(sorted)}&signature=${signature}`,
    headers: { 'X-BX-APIKEY': input.apiKey },
    path: input.path,
  };
}

/** A public BingX GET (no key, no signature). */
export function bingxPublicRequest(baseUrl: string, path: string): HttpSpec {
  return { method: 'GET', url: `${baseUrl}${path}`, headers: {}, path };
}
