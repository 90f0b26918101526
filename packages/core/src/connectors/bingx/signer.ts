import { hmacSha256Hex } from '../../crypto/hmac.ts';
import type { HttpSpec } from '../shared/http.ts';

/** A request parameter value as BingX takes it. */
export type BingxParamValue = string | number | boolean;

/**
 * The `k=v&k=v` string BingX signs and sends, in the order given ("splice all api parameters, without sorting",
 * BX-V3). Values are URL-encoded (keys are not); for the plain values our calls use that is the identity.
 */
export function bingxParamString(params: ReadonlyArray<readonly [string, BingxParamValue]>): string {
  return params.map(([k, v]) => `${k}=${encodeURIComponent(String(v))}`).join('&');
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
  /** Endpoint parameters, in the order they are sent. @default [] */
  params?: ReadonlyArray<readonly [string, BingxParamValue]>;
  apiKey: string;
  apiSecret: string;
  /** Epoch ms, already corrected by the clock offset. */
  timestamp: number;
  /** Omitted from the request when undefined. */
  recvWindowMs?: number;
}

/**
 * Signs a private BingX query-string request: params, then `recvWindow`, then `timestamp`, then `&signature=`.
 * Pure: same input, same output.
 */
export async function signBingxRequest(input: BingxSignInput): Promise<HttpSpec> {
  const params: Array<readonly [string, BingxParamValue]> = [...(input.params ?? [])];
  if (input.recvWindowMs !== undefined) params.push(['recvWindow', input.recvWindowMs]);
  params.push(['timestamp', input.timestamp]);
  const query = bingxParamString(params);
  const signature = await bingxSignature(input.apiSecret, query);
  return {
    method: input.method,
    url: `${input.baseUrl}${input.path}?${query}&signature=${signature}`,
    headers: { 'X-BX-APIKEY': input.apiKey },
    path: input.path,
  };
}

/** A public BingX GET (no key, no signature). */
export function bingxPublicRequest(baseUrl: string, path: string): HttpSpec {
  return { method: 'GET', url: `${baseUrl}${path}`, headers: {}, path };
}
