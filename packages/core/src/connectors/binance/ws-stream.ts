import { CtsError } from '../../errors/cts-error.ts';
import { parseFrame, streamClosedError } from '../shared/ws-errors.ts';
import { wsBaseUrl } from '../shared/ws-hosts.ts';
import type { StreamContext, StreamEvent, StreamProtocol } from '../shared/ws-protocol.ts';
import type { AssetBalance, Balance } from '../types.ts';
import { mapBinanceError } from './errors.ts';
import { STABLECOINS } from './normalize.ts';
import { binanceSignature } from './signer.ts';

export const BINANCE_WS_API_PATH = '/ws-api/v3';
const SUBSCRIBE_ID = 'cts-user-data';
const LOGON_ID = 'cts-session-logon';

/** `outboundAccountPosition.B[]` (`{a, f, l}`) → Balance; totals count stablecoins (no prices on the stream). */
export function normalizeBinanceAccountPosition(event: Record<string, unknown>): Balance {
  const rows = Array.isArray(event.B) ? (event.B as Record<string, unknown>[]) : [];
  const assets: AssetBalance[] = rows.map((r) => {
    const free = Number(r.f) || 0;
    const locked = Number(r.l) || 0;
    return { asset: String(r.a), total: free + locked, available: free, locked };
  });
  const stable = assets.filter((a) => STABLECOINS.includes(a.asset));
  return {
    currency: 'USDT',
    total: stable.reduce((s, a) => s + a.total, 0),
    available: stable.reduce((s, a) => s + a.available, 0),
    assets,
  };
}

/** A WS API error reply (`{ status, error: { code, msg } }`) as a stream error, mapped like REST errors. */
export function binanceWsApiError(
  m: Record<string, unknown>,
  error: { code?: number; msg?: string },
  now: number,
): StreamEvent {
  return {
    kind: 'error',
    error: mapBinanceError({ status: Number(m.status) || 400, code: error.code, msg: error.msg }, now),
  };
}

/** The balance event of a user data subscription (`outboundAccountPosition`), or undefined for other frames. */
export function binancePositionEvent(m: Record<string, unknown>): StreamEvent | undefined {
  const event = m.event as Record<string, unknown> | undefined;
  if (event?.e !== 'outboundAccountPosition') return undefined;
  return {
    kind: 'balance',
    balance: normalizeBinanceAccountPosition(event),
    detail: 'outboundAccountPosition',
  };
}

/**
 * Binance spot user data over the WebSocket API (reference §2.6; listenKeys were removed for spot on
 * 2026-02-20). HMAC and RSA keys: `userDataStream.subscribe.signature` with `{apiKey, recvWindow, timestamp,
 * signature}`. Ed25519 keys, as the official client does (reference 2026 §4): `session.logon` with the same
 * signed parameters, then an unsigned `userDataStream.subscribe` on the session. The signature covers the
 * parameters sorted by name (HMAC hex; RSA/Ed25519 base64). The server pings every 20 s at the protocol level
 * (the WebSocket answers); balances arrive only on change (`outboundAccountPosition`).
 */
/**
 * `serverShutdown` (web-socket-api.md "Connection events", since 2026-05-08): the server is about to close this
 * connection; a retryable error, so a monitor reconnects at once instead of waiting for the close.
 */
export const BINANCE_SERVER_SHUTDOWN = (): StreamEvent => ({
  kind: 'error',
  error: new CtsError(
    'exchange.unavailable',
    'Binance: the WebSocket API server is shutting down (serverShutdown)',
    {
      retryable: true,
      hint: 'Binance is restarting this server: the stream reconnects by itself; nothing to change.',
    },
  ),
});

export function createBinanceStream(ctx: StreamContext): StreamProtocol {
  const o = ctx.options;
  const url = `${wsBaseUrl('binance', o.environment, 'default', o.baseUrl)}${BINANCE_WS_API_PATH}`;
  return {
    label: 'Binance WebSocket API user data stream',
    ping: null,
    pingIntervalMs: 20_000,
    serverSilenceMs: null,
    balanceOnSubscribe: false,
    heartbeatNote: 'the server pings every 20 s at the protocol level and the WebSocket answers by itself',
    async prepare() {
      const timestamp = String(Math.round(ctx.now()));
      const recvWindow = String(o.recvWindowMs);
      const payload = `apiKey=${o.credentials.apiKey}&recvWindow=${recvWindow}&timestamp=${timestamp}`;
      const signature = decodeURIComponent(await binanceSignature(payload, o.credentials));
      const params = {
        apiKey: o.credentials.apiKey,
        recvWindow: Number(recvWindow),
        timestamp: Number(timestamp),
        signature,
      };
      if (o.credentials.keyType === 'ed25519')
        return {
          url,
          safeUrl: url,
          login: JSON.stringify({ id: LOGON_ID, method: 'session.logon', params }),
          subscribe: JSON.stringify({ id: SUBSCRIBE_ID, method: 'userDataStream.subscribe' }),
        };
      return {
        url,
        safeUrl: url,
        login: JSON.stringify({ id: SUBSCRIBE_ID, method: 'userDataStream.subscribe.signature', params }),
        subscribe: null,
      };
    },
    read(text): StreamEvent {
      const m = parseFrame(text);
      if (!m) return { kind: 'other' };
      if (m.id === LOGON_ID && m.status === 200) return { kind: 'authenticated', detail: 'session.logon' };
      if (m.id === SUBSCRIBE_ID && m.status === 200) {
        const result = m.result as { subscriptionId?: number } | undefined;
        const detail = `subscriptionId ${result?.subscriptionId ?? '?'}`;
        return { kind: o.credentials.keyType === 'ed25519' ? 'subscribed' : 'authenticated', detail };
      }
      if (m.id === SUBSCRIBE_ID || m.id === LOGON_ID || (m.id === null && m.error !== undefined)) {
        const error = (m.error ?? {}) as { code?: number; msg?: string };
        return binanceWsApiError(m, error, ctx.now());
      }
      const position = binancePositionEvent(m);
      if (position) return position;
      if ((m.event as { e?: unknown } | undefined)?.e === 'serverShutdown') return BINANCE_SERVER_SHUTDOWN();
      return { kind: 'other' };
    },
    closeError: (info) => streamClosedError('Binance user data stream', info),
  };
}
