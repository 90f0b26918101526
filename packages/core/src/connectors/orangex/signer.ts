import { toHex, utf8 } from '../../crypto/encoding.ts';
import { hmacSha256Hex } from '../../crypto/hmac.ts';
import type { HttpSpec } from '../shared/http.ts';
import { ORANGEX_METHODS } from './endpoints.ts';

/**
 * The `client_signature` grant's signature: HMAC-SHA256(secret, clientId\ntimestamp\nnonce\n) as hex, whose
 * ASCII bytes are hex-encoded again: a 128-character string (OX-PY `util/signature_util.py`).
 */
export async function orangexClientSignature(
  clientId: string,
  clientSecret: string,
  timestamp: number,
  nonce: string,
): Promise<string> {
  const mac = await hmacSha256Hex(clientSecret, `${clientId}\n${timestamp}\n${nonce}\n`);
  return toHex(utf8.encode(mac));
}

export interface OrangexRpcInput {
  /** `https://api.orangex.com/api/v1` (orangexRpcBase). */
  rpcBase: string;
  /** JSON-RPC method, e.g. `/private/get_assets_info`. */
  method: string;
  params: Record<string, unknown>;
  id: number;
  /** Bearer access token for `/private/...` methods. */
  accessToken?: string;
}

/** A JSON-RPC 2.0 call: `POST {rpcBase}{method}` with `{jsonrpc, id, method, params}`. Pure. */
export function buildOrangexRpc(input: OrangexRpcInput): HttpSpec {
  const headers: Record<string, string> = { 'Content-Type': 'application/json' };
  if (input.accessToken !== undefined) headers.Authorization = `bearer ${input.accessToken}`;
  return {
    method: 'POST',
    url: `${input.rpcBase}${input.method}`,
    headers,
    body: JSON.stringify({ jsonrpc: '2.0', id: input.id, method: input.method, params: input.params }),
    path: input.method,
  };
}

/** `/public/auth` with grant `client_signature` (the secret never leaves this machine). */
export async function buildOrangexSignatureAuth(input: {
  rpcBase: string;
  clientId: string;
  clientSecret: string;
  /** Epoch ms, already corrected by the clock offset. */
  timestamp: number;
  nonce: string;
  id: number;
}): Promise<HttpSpec> {
  const signature = await orangexClientSignature(
    input.clientId,
    input.clientSecret,
    input.timestamp,
    input.nonce,
  );
  return buildOrangexRpc({
    rpcBase: input.rpcBase,
    method: ORANGEX_METHODS.auth,
    id: input.id,
    params: {
      grant_type: 'client_signature',
      client_id: input.clientId,
      timestamp: String(input.timestamp),
      nonce: input.nonce,
      signature,
    },
  });
}

/** `/public/auth` with grant `client_credentials` (sends the secret itself; OX-PY's websocket client uses it). */
export function buildOrangexCredentialsAuth(input: {
  rpcBase: string;
  clientId: string;
  clientSecret: string;
  id: number;
}): HttpSpec {
  return buildOrangexRpc({
    rpcBase: input.rpcBase,
    method: ORANGEX_METHODS.auth,
    id: input.id,
    params: {
      grant_type: 'client_credentials',
      client_id: input.clientId,
      client_secret: input.clientSecret,
    },
  });
}

/** `/public/auth` with grant `refresh_token`. */
export function buildOrangexRefreshAuth(input: {
  rpcBase: string;
  refreshToken: string;
  id: number;
}): HttpSpec {
  return buildOrangexRpc({
    rpcBase: input.rpcBase,
    method: ORANGEX_METHODS.auth,
    id: input.id,
    params: { grant_type: 'refresh_token', refresh_token: input.refreshToken },
  });
}
