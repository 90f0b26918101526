import type { Reply } from '../dialect.ts';

/** JSON-RPC id of the current request; replies echo it. Set per request by the routes. */
export interface RpcMeta {
  id: unknown;
}

/** Every reply carries usIn/usOut/usDiff in microseconds (reference §6.3). */
function timing(now: number) {
  const us = now * 1000;
  return { usIn: us, usOut: us, usDiff: 0, testnet: false };
}

export function rpcResult(meta: RpcMeta, result: unknown, now: number): Reply {
  return { status: 200, body: { jsonrpc: '2.0', id: meta.id, result, ...timing(now) } };
}

export function rpcError(
  status: number,
  code: number,
  message: string,
  now: number,
  id: unknown = null,
): Reply {
  return { status, body: { jsonrpc: '2.0', id, error: { code, message }, ...timing(now) } };
}
