import { hmacSha256Hex } from '../../crypto/hmac.ts';
import { CtsError } from '../../errors/cts-error.ts';
import { parseFrame, streamClosedError } from '../shared/ws-errors.ts';
import { wsBaseUrl } from '../shared/ws-hosts.ts';
import type { StreamContext, StreamEvent, StreamProtocol } from '../shared/ws-protocol.ts';
import { pionexError } from './errors.ts';
import { normalizePionexSpotBalance } from './normalize.ts';

export const PIONEX_PRIVATE_PATH = '/ws';

/**
 * The signed stream URL (reference §5.6): signature = HMAC-SHA256(secret, `/ws?key=<apiKey>&timestamp=<ms>`
 * + "websocket_auth") hex, parameters sorted. Pure.
 */
export async function pionexStreamQuery(
  apiKey: string,
  apiSecret: string,
  timestamp: number,
): Promise<string> {
  const query = `key=${apiKey}&timestamp=${timestamp}`;
  const signature = await hmacSha256Hex(apiSecret, `${PIONEX_PRIVATE_PATH}?${query}websocket_auth`);
  return `${query}&signature=${signature}`;
}

/**
 * Pionex spot private stream (reference §5.6): signed URL, topic `BALANCE` via `{"op":"SUBSCRIBE"}`; the
 * server sends `{"op":"PING"}` every 15 s, the client answers `{"op":"PONG"}`; 3 missed → `{"op":"CLOSE"}`.
 * How Pionex reports a bad signature on the stream is UNCONFIRMED: a CLOSE carrying a REST-style code is read.
 */
/** Pionex's `{"op":"CLOSE"}` after three missed PONGs, on the spot or futures stream. */
export function pionexMissedPongs(stream: 'stream' | 'futures stream'): CtsError {
  return new CtsError('timeout', `Pionex closed the ${stream} after missed PONGs`, {
    hint: 'The stream missed heartbeats: the network or a proxy drops WebSocket frames. It reconnects by itself.',
  });
}

export function createPionexStream(ctx: StreamContext): StreamProtocol {
  const o = ctx.options;
  const base = `${wsBaseUrl('pionex', o.environment, 'default', o.baseUrl)}${PIONEX_PRIVATE_PATH}`;
  return {
    label: 'Pionex private stream',
    ping: null,
    pingIntervalMs: 15_000,
    serverSilenceMs: 45_000,
    balanceOnSubscribe: false,
    heartbeatNote: 'server sends PING every 15 s, client answers PONG',
    async prepare() {
      const query = await pionexStreamQuery(
        o.credentials.apiKey,
        o.credentials.apiSecret,
        Math.round(ctx.now()),
      );
      return {
        url: `${base}?${query}`,
        safeUrl: `${base}?key=…&timestamp=…&signature=…`,
        login: null,
        subscribe: '{"op":"SUBSCRIBE","topic":"BALANCE"}',
      };
    },
    read(text): StreamEvent {
      const m = parseFrame(text);
      if (!m) return { kind: 'other' };
      if (m.op === 'PING')
        return { kind: 'heartbeat', reply: JSON.stringify({ op: 'PONG', timestamp: Math.round(ctx.now()) }) };
      if (m.op === 'SUBSCRIBED') return { kind: 'subscribed', detail: String(m.topic ?? '') };
      if (m.op === 'CLOSE') {
        if (typeof m.code === 'string')
          return { kind: 'error', error: pionexError(m.code, String(m.message ?? '')) };
        return {
          kind: 'error',
          error: pionexMissedPongs('stream'),
        };
      }
      if (m.topic === 'BALANCE' && m.data !== undefined)
        return { kind: 'balance', balance: normalizePionexSpotBalance(m.data), detail: 'BALANCE' };
      return { kind: 'other' };
    },
    closeError: (info) => streamClosedError('Pionex private stream', info),
  };
}
