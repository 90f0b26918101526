import { hmacSha256Hex } from '../../crypto/hmac.ts';
import { parseFrame, streamClosedError } from '../shared/ws-errors.ts';
import { wsBaseUrl } from '../shared/ws-hosts.ts';
import type { StreamContext, StreamEvent, StreamProtocol } from '../shared/ws-protocol.ts';
import { pionexError } from './errors.ts';
import { normalizePionexFuturesBalance } from './normalize.ts';
import { pionexMissedPongs } from './ws-stream.ts';

export const PIONEX_FUTURES_PRIVATE_PATH = '/wsUA';

/**
 * The futures login (reference §5.6): `{"op":"auth","args":[apiKey, timestamp, signature]}` with signature =
 * HMAC-SHA256(secret, timestamp + "websocket_auth") hex, as the doc's text says. UNCONFIRMED: the doc's printed
 * example signature is copied from the spot example and does not reproduce; whether `timestamp` is sent as a
 * string or a number is not shown either (a string here). Pure.
 */
export async function pionexFuturesLogin(
  apiKey: string,
  apiSecret: string,
  timestamp: number,
): Promise<string> {
  const signature = await hmacSha256Hex(apiSecret, `${timestamp}websocket_auth`);
  return JSON.stringify({ op: 'auth', args: [apiKey, String(timestamp), signature] });
}

/**
 * Pionex USDT-M perpetual private stream `/wsUA` (reference §5.6): log in with `op: auth` right after
 * connecting, then `{"op":"SUBSCRIBE","topic":"BALANCE"}`; heartbeat as spot (server `PING` every 15 s,
 * client `PONG`). The auth reply is not documented (UNCONFIRMED): a frame whose `op` is AUTH (any case) with
 * `result: true` counts as logged in, with `result: false` or a `CLOSE` carrying a REST code (§5.4) as that
 * error.
 */
export function createPionexFuturesStream(ctx: StreamContext): StreamProtocol {
  const o = ctx.options;
  const url = `${wsBaseUrl('pionex', o.environment, 'default', o.baseUrl)}${PIONEX_FUTURES_PRIVATE_PATH}`;
  const rejected = (m: Record<string, unknown>): StreamEvent => ({
    kind: 'error',
    error: pionexError(String(m.code ?? 'UNKNOWN'), String(m.message ?? 'login rejected')),
  });
  return {
    label: 'Pionex futures private stream',
    ping: null,
    pingIntervalMs: 15_000,
    serverSilenceMs: 45_000,
    balanceOnSubscribe: false,
    heartbeatNote: 'server sends PING every 15 s, client answers PONG',
    async prepare() {
      const login = await pionexFuturesLogin(
        o.credentials.apiKey,
        o.credentials.apiSecret,
        Math.round(ctx.now()),
      );
      return { url, safeUrl: url, login, subscribe: '{"op":"SUBSCRIBE","topic":"BALANCE"}' };
    },
    read(text): StreamEvent {
      const m = parseFrame(text);
      if (!m) return { kind: 'other' };
      const op = typeof m.op === 'string' ? m.op.toUpperCase() : undefined;
      if (op === 'PING')
        return { kind: 'heartbeat', reply: JSON.stringify({ op: 'PONG', timestamp: Math.round(ctx.now()) }) };
      if (op === 'AUTH') return m.result === true ? { kind: 'authenticated' } : rejected(m);
      if (op === 'SUBSCRIBED') return { kind: 'subscribed', detail: String(m.topic ?? '') };
      if (op === 'CLOSE') {
        if (typeof m.code === 'string') return rejected(m);
        return {
          kind: 'error',
          error: pionexMissedPongs('futures stream'),
        };
      }
      if (m.topic === 'BALANCE' && m.data !== undefined)
        return { kind: 'balance', balance: normalizePionexFuturesBalance(m.data), detail: 'BALANCE' };
      return { kind: 'other' };
    },
    closeError: (info) => streamClosedError('Pionex futures private stream', info),
  };
}
