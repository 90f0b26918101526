import { CtsError } from '../../errors/cts-error.ts';
import { restBaseUrl } from '../../exchanges/hosts.ts';
import { send } from '../shared/http.ts';
import { parseFrame, streamClosedError } from '../shared/ws-errors.ts';
import { wsBaseUrl } from '../shared/ws-hosts.ts';
import type { StreamContext, StreamEvent, StreamProtocol } from '../shared/ws-protocol.ts';
import { createBinanceReader } from './reader.ts';
import { signBinanceRequest } from './signer.ts';
import {
  BINANCE_SERVER_SHUTDOWN,
  BINANCE_WS_API_PATH,
  binancePositionEvent,
  binanceWsApiError,
} from './ws-stream.ts';

export const BINANCE_LISTEN_TOKEN_PATH = '/sapi/v1/userListenToken';
const SUBSCRIBE_ID = 'cts-margin-user-data';
/** The token is renewed once less than this is left (keep-alive runs every 30 min by default). */
export const BINANCE_LISTEN_TOKEN_RENEW_MS = 60 * 60_000;

const expiredHint =
  'The listenToken expired or is unknown: a new one is requested (POST /sapi/v1/userListenToken) on reconnect; ' +
  'long-lived streams renew it before its expirationTime.';

/**
 * Binance cross-margin user data (reference §2.6): `POST /sapi/v1/userListenToken` (weight(UID) 1; `validity`
 * ≤ 24 h, the default 24 h here) → `{token, expirationTime}`, then on the spot WebSocket API
 * `userDataStream.subscribe.listenToken` `{listenToken}`. Renewal: keep-alive requests a new token and
 * subscribes with it on the open connection once less than an hour is left. The request is signed like any
 * SAPI call (timestamp, recvWindow, signature): ccxt sends it with the API-key header only, so whether Binance
 * requires the signature is UNCONFIRMED. How Binance answers an expired token is UNCONFIRMED too: an error
 * whose message names the listenToken (or -1125, the listenKey code) is read as "expired".
 */
export function createBinanceMarginStream(ctx: StreamContext): StreamProtocol {
  const o = ctx.options;
  const rest = restBaseUrl('binance', o.environment, 'default', o.baseUrl);
  const url = `${wsBaseUrl('binance', o.environment, 'default', o.baseUrl)}${BINANCE_WS_API_PATH}`;
  const reader = createBinanceReader(o.clock);
  const requestToken = async () => {
    const json = (await send(
      ctx.http,
      { method: 'POST', path: BINANCE_LISTEN_TOKEN_PATH },
      () =>
        signBinanceRequest({
          method: 'POST',
          baseUrl: rest,
          path: BINANCE_LISTEN_TOKEN_PATH,
          credentials: o.credentials,
          timestamp: Math.round(ctx.now()),
          recvWindowMs: o.recvWindowMs,
        }),
      reader,
    )) as { token?: unknown; expirationTime?: unknown } | null;
    const token = json?.token;
    if (typeof token !== 'string' || token === '')
      throw new CtsError('exchange.bad_response', 'Binance sent no listenToken');
    const expirationTime = Number(json?.expirationTime);
    return { token, expiresAt: Number.isFinite(expirationTime) ? expirationTime : Number.NaN };
  };
  const subscribe = (token: string) =>
    JSON.stringify({
      id: SUBSCRIBE_ID,
      method: 'userDataStream.subscribe.listenToken',
      params: { listenToken: token },
    });
  // The live subscription: after a renewal the old token's subscription ends by itself, which is not an error.
  let subscriptionId: unknown;
  return {
    label: 'Binance margin user data stream',
    ping: null,
    pingIntervalMs: 20_000,
    serverSilenceMs: null,
    balanceOnSubscribe: false,
    heartbeatNote: 'the server pings every 20 s at the protocol level and the WebSocket answers by itself',
    async prepare(step) {
      step(`Requesting a listenToken (POST ${BINANCE_LISTEN_TOKEN_PATH})...`);
      let current = await requestToken();
      step(
        Number.isFinite(current.expiresAt)
          ? `listenToken received (expires ${new Date(current.expiresAt).toISOString()})`
          : 'listenToken received',
      );
      return {
        url,
        safeUrl: url,
        login: subscribe(current.token),
        subscribe: null,
        async keepAlive(sendText) {
          if (current.expiresAt - ctx.now() > BINANCE_LISTEN_TOKEN_RENEW_MS) return;
          current = await requestToken();
          sendText?.(subscribe(current.token));
        },
      };
    },
    read(text): StreamEvent {
      const m = parseFrame(text);
      if (!m) return { kind: 'other' };
      if (m.id === SUBSCRIBE_ID) {
        if (m.status === 200) {
          const result = m.result as { subscriptionId?: number } | undefined;
          subscriptionId = result?.subscriptionId;
          return { kind: 'authenticated', detail: `subscriptionId ${result?.subscriptionId ?? '?'}` };
        }
        const error = (m.error ?? {}) as { code?: number; msg?: string };
        if (error.code === -1125 || /listenToken/i.test(error.msg ?? ''))
          return {
            kind: 'error',
            error: new CtsError(
              'exchange',
              `Binance ${error.code ?? '?'}: ${error.msg ?? 'listenToken rejected'}`,
              {
                exchangeCode: error.code,
                status: Number(m.status) || undefined,
                retryable: true,
                hint: expiredHint,
              },
            ),
          };
        return binanceWsApiError(m, error, ctx.now());
      }
      const position = binancePositionEvent(m);
      if (position) return position;
      const event = m.event as Record<string, unknown> | undefined;
      if (event?.e === 'serverShutdown') return BINANCE_SERVER_SHUTDOWN();
      const stale =
        m.subscriptionId !== undefined && subscriptionId !== undefined && m.subscriptionId !== subscriptionId;
      if ((event?.e === 'eventStreamTerminated' || event?.e === 'listenTokenExpired') && !stale)
        return {
          kind: 'error',
          error: new CtsError('exchange', `Binance ended the margin user data stream (${String(event.e)})`, {
            retryable: true,
            hint: expiredHint,
          }),
        };
      return { kind: 'other' };
    },
    closeError: (info) => streamClosedError('Binance margin user data stream', info),
  };
}
