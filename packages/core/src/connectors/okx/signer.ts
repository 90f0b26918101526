import { hmacSha256Base64 } from '../../crypto/hmac.ts';
import type { HttpSpec } from '../shared/http.ts';
import type { Credentials } from '../types.ts';

/** Query parameters in the order they are sent (they are part of the signed requestPath, unsorted). */
export type OkxParams = ReadonlyArray<readonly [string, string]>;

export interface OkxSignInput {
  method: HttpSpec['method'];
  /** Scheme + host (or the simulator root), no trailing slash: `https://www.okx.com`. */
  baseUrl: string;
  /** The real path: `/api/v5/account/balance`. */
  path: string;
  /** GET query parameters. */
  params?: OkxParams;
  /** POST body: the exact JSON text that is sent and signed. */
  body?: string;
  /** apiKey, apiSecret and passphrase. */
  credentials: Credentials;
  /** Epoch ms, already corrected by the clock offset; sent as ISO-8601 with ms (`2020-12-08T09:08:57.715Z`). */
  timestamp: number;
  /** Demo trading: adds `x-simulated-trading: 1`. @default false */
  simulated?: boolean;
}

/** `?k=v&k=v` (values percent-encoded) or '' when there are no parameters. */
export function okxQuery(params: OkxParams): string {
  if (params.length === 0) return '';
  return `?${params.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&')}`;
}

/**
 * Signs an OKX V5 REST request: base64(HMAC-SHA256(secret, timestamp + METHOD + requestPath + body)), where
 * requestPath includes the query string for GET (OKX docs, "REST Authentication"). Pure: no clock, no network.
 */
export async function signOkxRequest(input: OkxSignInput): Promise<HttpSpec> {
  const timestamp = new Date(input.timestamp).toISOString();
  const requestPath = input.path + okxQuery(input.params ?? []);
  const body = input.method === 'GET' ? '' : (input.body ?? '');
  const sign = await hmacSha256Base64(
    input.credentials.apiSecret,
    timestamp + input.method + requestPath + body,
  );
  const headers: Record<string, string> = {
    'OK-ACCESS-KEY': input.credentials.apiKey,
    'OK-ACCESS-SIGN': sign,
    'OK-ACCESS-TIMESTAMP': timestamp,
    'OK-ACCESS-PASSPHRASE': input.credentials.passphrase ?? '',
  };
  if (input.method !== 'GET') headers['Content-Type'] = 'application/json';
  if (input.simulated) headers['x-simulated-trading'] = '1';
  return {
    method: input.method,
    url: input.baseUrl + requestPath,
    headers,
    body: input.method === 'GET' ? undefined : body,
    path: input.path,
  };
}

/** An unsigned (public) OKX GET: `/api/v5/public/time`. */
export function okxPublicRequest(baseUrl: string, path: string, simulated = false): HttpSpec {
  return {
    method: 'GET',
    url: baseUrl + path,
    headers: simulated ? { 'x-simulated-trading': '1' } : {},
    path,
  };
}
